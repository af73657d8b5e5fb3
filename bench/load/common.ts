// Shared by the load harness's processes: the bench policy, the request builders and the statistics.
import { createHmac } from 'node:crypto';
import type { Policy } from '../../src/domain/policy/types.ts';
import { defaultPolicy } from '../../src/policy/default-policy.ts';

export const SIGNING_SECRET = 'bench-signing-secret';
export const CAB_CHANNEL = 'CBENCHCAB';
export const TEAMS_CAB_CHANNEL = '19:benchcab@thread.tacv2';
export const TENANT = 'bench-tenant';

export interface Voter {
  readonly slack: string;
  readonly teams: string;
  readonly teamsChannelAccount: string;
  readonly email: string;
  readonly name: string;
}

/** The CAB: `size` people known on both platforms by id and email. */
export const voters = (size: number): Voter[] =>
  Array.from({ length: size }, (_, i) => ({
    slack: `UBENCH${i}`,
    teams: `aad-bench-${i}`,
    teamsChannelAccount: `29:bench-${i}`,
    email: `voter${i}@bench.example`,
    name: `Voter ${i}`,
  }));

/** The default policy with one CAB of these voters, deciding by "all" so no change closes during a run. */
export function benchPolicy(cab: readonly Voter[]): Policy {
  return {
    ...defaultPolicy,
    boards: defaultPolicy.boards.map((b) => ({
      ...b,
      members: cab.map((v) => ({ name: v.name, email: v.email, slack: v.slack, teams: v.teams })),
      channels: { slack: [CAB_CHANNEL], teams: [TEAMS_CAB_CHANNEL] },
    })),
    routes: defaultPolicy.routes.map((r) => ({ ...r, rule: { kind: 'all' as const } })),
  };
}

/** A signed Slack request, as Slack sends it (signature over the raw body, now). */
export function slackRequest(body: string): { body: string; headers: Record<string, string> } {
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signature,
    },
  };
}

/** A click on Approve on the CAB card (a real block_actions interaction). */
export function slackVoteBody(voter: Voter, changeId: number, n: number): string {
  const payload = {
    type: 'block_actions',
    team: { id: 'T0', domain: 'bench' },
    user: { id: voter.slack, username: voter.slack.toLowerCase(), name: voter.name, team_id: 'T0' },
    api_app_id: 'A0',
    token: 'x',
    trigger_id: `trigger-${n}`,
    container: { type: 'message', message_ts: `1700000000.${changeId}`, channel_id: CAB_CHANNEL },
    channel: { id: CAB_CHANNEL, name: 'cab' },
    message: { type: 'message', ts: `1700000000.${changeId}`, text: 'card' },
    response_url: 'http://127.0.0.1:9/response',
    actions: [
      {
        type: 'button',
        action_id: 'change.approve',
        block_id: 'b',
        value: JSON.stringify({ changeId, version: 1 }),
        action_ts: `${Math.floor(Date.now() / 1000)}.${n}`,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** An Action.Execute click on Approve on the change's CAB card in Teams (`serviceUrl` is the fake Bot Connector). */
export function teamsVoteActivity(voter: Voter, changeId: number, n: number, serviceUrl: string) {
  return {
    id: `bench-act-${n}`,
    type: 'invoke',
    name: 'adaptiveCard/action',
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: voter.teamsChannelAccount, name: voter.name, aadObjectId: voter.teams },
    recipient: { id: '28:bench-bot', name: 'Changeboard' },
    // The change's card in the Teams CAB channel: a channel message is its own thread's root.
    conversation: {
      id: `${TEAMS_CAB_CHANNEL};messageid=card-${changeId}`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: TENANT,
    },
    channelData: {
      tenant: { id: TENANT },
      team: { id: '19:benchteam@thread.tacv2' },
      channel: { id: TEAMS_CAB_CHANNEL },
    },
    replyToId: `card-${changeId}`,
    value: {
      action: { type: 'Action.Execute', verb: 'approve', data: { changeId, version: 1 } },
      trigger: 'manual',
    },
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export interface Stats {
  readonly n: number;
  readonly errors: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** Requests answered per second over the step. */
  readonly rate: number;
}

export function statsOf(latencies: readonly number[], errors: number, seconds: number): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    n: latencies.length,
    errors,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    rate: latencies.length / seconds,
  };
}

export const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : '—');
export const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '—');
