import { Cron } from 'croner';
import { z } from 'zod';
import { isTimeZone } from '../domain/time/zoned-time.ts';

/**
 * Zod pieces that several sections of the policy file share (boards, the digest, release models, the change
 * schedule), defined once so every section reads a list, a time zone or a channel the same way and says the
 * same thing when one is wrong.
 */

export { isTimeZone };

/** A single value where a list is expected is read as a one-item list (`risk: high`). */
export const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(item));

/** An IANA time zone name such as Europe/Berlin. */
export const timeZoneSchema = z
  .string()
  .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin');

/** Where a section posts: Slack channel ids and Teams conversation ids, both empty when left out. */
export const channelsSchema = z
  .strictObject({
    slack: listOf(
      z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'must be a Slack channel id like C0123ABCD (not a #name)'),
    ).default([]),
    teams: listOf(z.string().min(1)).default([]),
  })
  .default({ slack: [], teams: [] });

/** Why croner refuses a cron expression, or null when it reads it. Paused: nothing is scheduled in memory. */
export const cronProblem = (pattern: string): string | null => {
  try {
    new Cron(pattern, { paused: true }).stop();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
};
