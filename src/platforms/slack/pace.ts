import { createWindowPacer, type RateWindow, type WindowPacer } from '../../jobs/window-pacer.ts';

/** About one post a second per channel, with a burst of three (Slack's chat.postMessage guidance). */
export const SLACK_PACE = { burst: 3, intervalMs: 1000 } as const;

/**
 * App Home publishing for the fan-out after a change moves: views.publish is a Tier 4 method (100+ calls a
 * minute per workspace). Ten at once, then one every 600 ms: 100 a minute however many people are concerned.
 */
export const SLACK_HOME_PUBLISH_PACE = { burst: 10, intervalMs: 600 } as const;

/**
 * Card updates: chat.update is a Tier 3 method (50+ calls a minute per workspace). A vote storm over many
 * changes would otherwise send one update a vote and be answered 429; paced, each card catches up with its
 * latest state in turn (the refresh job's follow-up), and the other platform's copies do not wait.
 */
export const SLACK_UPDATE_LIMITS: readonly RateWindow[] = [
  { limit: 20, ms: 1_000 },
  { limit: 50, ms: 60_000 },
];

/** The workspace's one chat.update bucket, shared by change cards and release cards. */
export const createSlackUpdatePacer = (clock: () => Date): WindowPacer =>
  createWindowPacer({ windows: SLACK_UPDATE_LIMITS, label: 'Slack rate limit', clock });
