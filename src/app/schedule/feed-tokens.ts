import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { appendAudit } from '../../db/audit.ts';
import type { PersonRecord } from '../../domain/change/change.ts';
import type { Platform } from '../../domain/change/types.ts';
import { type AppContext, inTransaction } from '../context.ts';

/** The path of the ICS feed on the shared HTTP server. */
export const FEED_PATH = '/calendar.ics';

const hashOf = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Feed URLs are credentials to the change schedule: making and revoking one is evidence for auditors. */
function auditFeed(
  ctx: AppContext,
  person: PersonRecord,
  platform: Platform,
  action: string,
  data: object,
): void {
  appendAudit(ctx.database.db, {
    at: ctx.clock(),
    changeId: null,
    actorId: person.id,
    actorName: person.name,
    platform,
    action,
    version: null,
    reason: null,
    data: { ...data },
  });
}

/** A new secret feed token for the person (256 random bits); only its SHA-256 is stored. Audited. */
export function createFeedToken(ctx: AppContext, person: PersonRecord, platform: Platform): string {
  const token = randomBytes(32).toString('base64url');
  inTransaction(ctx, () => {
    ctx.repos.schedule.addFeedToken(person.id, hashOf(token), ctx.clock());
    auditFeed(ctx, person, platform, 'calendar_feed.created', {});
  });
  return token;
}

/** Revokes every feed URL the person made; returns how many were live. Audited when any was. */
export function revokeFeedTokens(ctx: AppContext, person: PersonRecord, platform: Platform): number {
  return inTransaction(ctx, () => {
    const revoked = ctx.repos.schedule.revokeFeedTokens(person.id, ctx.clock());
    if (revoked > 0) auditFeed(ctx, person, platform, 'calendar_feed.revoked', { revoked });
    return revoked;
  });
}

/**
 * The person a presented token belongs to, or null for a wrong or revoked one. The stored hash is found by
 * its index and compared again in constant time, so the answer's timing says nothing about the token.
 */
export function authenticateFeedToken(ctx: AppContext, token: string): number | null {
  if (token.length === 0 || token.length > 200) return null;
  const presented = hashOf(token);
  const row = ctx.repos.schedule.liveFeedTokenByHash(presented);
  const stored = row?.tokenHash ?? '0'.repeat(presented.length);
  const same = timingSafeEqual(Buffer.from(presented, 'utf8'), Buffer.from(stored, 'utf8'));
  return same && row ? row.personId : null;
}

/** The feed's URL for a token: under PUBLIC_URL when set, else the path alone (the reader adds the host). */
export const feedUrl = (publicUrl: string | null | undefined, token: string): string =>
  `${publicUrl ?? ''}${FEED_PATH}?token=${encodeURIComponent(token)}`;
