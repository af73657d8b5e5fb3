/** About one post a second per channel, with a burst of three (Slack's chat.postMessage guidance). */
export const SLACK_PACE = { burst: 3, intervalMs: 1000 } as const;

/**
 * App Home publishing for the fan-out after a change moves: views.publish is a Tier 4 method (100+ calls a
 * minute per workspace). Ten at once, then one every 600 ms: 100 a minute however many people are concerned.
 */
export const SLACK_HOME_PUBLISH_PACE = { burst: 10, intervalMs: 600 } as const;
