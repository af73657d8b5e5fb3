import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiTokenRow } from '../../db/api-tokens-repo.ts';
import { appendAudit } from '../../db/audit.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { type AppContext, inTransaction } from '../context.ts';

/** What a token may do: ask the gate, report deployments, read. */
export const API_SCOPES = ['gate', 'deployments', 'read'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** The token as the API sees it once authenticated (never the secret). */
export interface ApiClient {
  readonly tokenId: number;
  readonly name: string;
  readonly scopes: readonly ApiScope[];
}

export interface TokenSummary {
  readonly name: string;
  readonly publicId: string;
  readonly scopes: readonly string[];
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

// cb_<public id>_<secret>: the public id finds the row, the secret is checked against its hash.
const TOKEN_PATTERN = /^cb_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const hashSecret = (secret: string): Buffer => createHash('sha256').update(secret).digest();

const summary = (row: ApiTokenRow): TokenSummary => ({
  name: row.name,
  publicId: row.publicId,
  scopes: row.scopes,
  createdBy: row.createdBy,
  createdAt: row.createdAt,
  revokedAt: row.revokedAt,
});

/**
 * Creates a token: its secret is returned once and only its sha256 is stored. `createdBy` names the change
 * manager (or "cli" for the operator's command line); the creation is audited.
 */
export function createApiToken(
  ctx: AppContext,
  input: { name: string; scopes: readonly string[]; createdBy: string; platform: string },
): Result<{ token: string; summary: TokenSummary }> {
  const name = input.name.trim();
  if (!NAME_PATTERN.test(name))
    return fail('invalid_name', 'A token name is letters, digits, ".", "_" or "-" (up to 64).', 'name');
  const unknown = input.scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (input.scopes.length === 0 || unknown.length > 0) {
    const what = unknown.length > 0 ? `Unknown scope ${unknown.join(', ')}. ` : '';
    return fail('invalid_scope', `${what}Scopes are ${API_SCOPES.join(', ')}.`, 'scope');
  }
  const now = ctx.clock();
  const publicId = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const row = inTransaction(ctx, () => {
    if (ctx.repos.apiTokens.liveByName(name).length > 0) return null;
    const created = ctx.repos.apiTokens.insert({
      publicId,
      name,
      scopes: [...new Set(input.scopes)],
      secretHash: hashSecret(secret).toString('hex'),
      createdBy: input.createdBy,
      createdAt: now,
    });
    appendAudit(ctx.database.db, {
      at: now,
      changeId: null,
      actorId: null,
      actorName: input.createdBy,
      platform: input.platform,
      action: 'api_token.created',
      version: null,
      reason: null,
      data: { name, publicId, scopes: created.scopes },
    });
    return created;
  });
  if (!row) return fail('name_taken', `A live token named ${name} exists; revoke it first.`, 'name');
  return ok({ token: `cb_${publicId}_${secret}`, summary: summary(row) });
}

export function listApiTokens(ctx: AppContext): TokenSummary[] {
  return ctx.repos.apiTokens.list().map(summary);
}

/** Revokes the live token of that name at once: its next request gets 401. Audited. */
export function revokeApiToken(
  ctx: AppContext,
  input: { name: string; revokedBy: string; platform: string },
): Result<void> {
  const now = ctx.clock();
  const revoked = inTransaction(ctx, () => {
    const n = ctx.repos.apiTokens.revokeByName(input.name, now);
    if (n > 0) {
      appendAudit(ctx.database.db, {
        at: now,
        changeId: null,
        actorId: null,
        actorName: input.revokedBy,
        platform: input.platform,
        action: 'api_token.revoked',
        version: null,
        reason: null,
        data: { name: input.name },
      });
    }
    return n;
  });
  return revoked > 0 ? ok(undefined) : fail('not_found', `No live token is named ${input.name}.`, 'name');
}

/**
 * Finds the client behind an `Authorization: Bearer` token: the row by its public id, then the secret's
 * hash compared in constant time. Unknown, malformed and revoked tokens are all just "not authenticated".
 */
export function authenticateToken(ctx: AppContext, token: string): ApiClient | null {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return null;
  const row = ctx.repos.apiTokens.findByPublicId(match[1]!);
  const presented = hashSecret(match[2]!);
  // Compare even when the row is missing, so timing says nothing about which public ids exist.
  const stored = row ? Buffer.from(row.secretHash, 'hex') : Buffer.alloc(presented.length);
  const same = stored.length === presented.length && timingSafeEqual(stored, presented);
  if (!row || !same || row.revokedAt !== null) return null;
  return { tokenId: row.id, name: row.name, scopes: row.scopes as ApiScope[] };
}
