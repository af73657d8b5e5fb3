import {
  createWindowPacer,
  type RateWindow,
  type WindowPacer,
  type WindowPacerOptions,
} from '../../jobs/window-pacer.ts';

/** Teams' documented per-bot, per-conversation limits for sending and updating messages. */
export const TEAMS_CONVERSATION_LIMITS: readonly RateWindow[] = [
  { limit: 7, ms: 1_000 },
  { limit: 8, ms: 2_000 },
  { limit: 60, ms: 30_000 },
  { limit: 1_800, ms: 3_600_000 },
];

export type Pacer = WindowPacer;

/** Keeps the bot under Teams' per-conversation limits (7 a second, 8 in 2 s, 60 in 30 s, 1,800 an hour). */
export function createPacer(opts: Partial<WindowPacerOptions> = {}): Pacer {
  return createWindowPacer({ windows: TEAMS_CONVERSATION_LIMITS, label: 'Teams rate limit', ...opts });
}
