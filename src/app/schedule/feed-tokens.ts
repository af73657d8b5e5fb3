import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../context.ts';

/** The path of the ICS feed on the shared HTTP server. */
export const FEED_PATH = '/calendar.ics';

const hashOf = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** A new secret feed token for the person (256 random bits); only its SHA-256 is stored. */
export function createFeedToken(ctx: AppContext, personId: number): string {
  const token = randomBytes(32).toString('base64url');
  ctx.database.sqlite
    .transaction(() => ctx.repos.schedule.addFeedToken(personId, hashOf(token), ctx.clock()))
    .immediate();
  return token;
}

/** Revokes every feed URL the person made; returns how many were live. */
export function revokeFeedTokens(ctx: AppContext, personId: number): number {
  return ctx.database.sqlite
    .transaction(() => ctx.repos.schedule.revokeFeedTokens(personId, ctx.clock()))
    .immediate();
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
