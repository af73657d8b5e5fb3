/** About one post a second per channel, with a burst of three (Slack's chat.postMessage guidance). */
export const SLACK_PACE = { burst: 3, intervalMs: 1000 } as const;
