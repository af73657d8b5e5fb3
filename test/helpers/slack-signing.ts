import { createHmac } from 'node:crypto';

/** Slack's request signature: `v0=` + HMAC-SHA256 over `v0:{timestamp}:{raw body}` with the signing secret. */
export function slackSignature(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** The two headers Slack adds to every request, signed now (or at `timestamp`, in Unix seconds). */
export function signedHeaders(
  signingSecret: string,
  body: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(signingSecret, timestamp, body),
  };
}

/** A slash command or interaction body, form-encoded as Slack sends it. */
export const formBody = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();

/** An interaction (button, modal, shortcut): Slack sends `payload=<json>`, form-encoded. */
export const interactionBody = (payload: unknown): string => formBody({ payload: JSON.stringify(payload) });
