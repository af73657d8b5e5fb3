/** One person of the playground's demo cast, with the identities Slack and Teams would give them. */
export interface CastMember {
  /** Stable key used by the page's person picker. */
  readonly key: string;
  readonly name: string;
  readonly email: string;
  readonly role: string;
  readonly timezone: string;
  /** Slack user id (U…), or null when this person is only on Teams. */
  readonly slackId: string | null;
  /** Teams ids: the Bot Framework user id (29:…) and the Entra object id, or null when only on Slack. */
  readonly teams: { readonly id: string; readonly aadObjectId: string } | null;
}

const both = (key: string) => ({
  slackId: `UPG${key.toUpperCase()}`,
  teams: { id: `29:pg-${key}`, aadObjectId: `aad-pg-${key}` },
});

/**
 * The demo cast. Rita raises changes; the CAB is Alice (Slack only), Bob (Teams only), Carol (both) and Dave,
 * the change manager with the final say; Ivan implements; Erin and Dave form the emergency CAB; Ivan and Erin
 * take turns managing the weekly release train. Everyone but Alice and Bob is on both platforms, linked by email, so one person's vote counts once wherever it is cast.
 */
export const CAST: readonly CastMember[] = [
  {
    key: 'rita',
    name: 'Rita Requester',
    email: 'rita@example.com',
    role: 'Requester',
    timezone: 'Europe/Berlin',
    ...both('rita'),
  },
  {
    key: 'alice',
    name: 'Alice Martin',
    email: 'alice@example.com',
    role: 'CAB member (Slack only)',
    timezone: 'Europe/Berlin',
    slackId: 'UPGALICE',
    teams: null,
  },
  {
    key: 'bob',
    name: 'Bob Chen',
    email: 'bob@example.com',
    role: 'CAB member (Teams only)',
    timezone: 'Europe/London',
    slackId: null,
    teams: both('bob').teams,
  },
  {
    key: 'carol',
    name: 'Carol Diaz',
    email: 'carol@example.com',
    role: 'CAB member',
    timezone: 'Europe/Lisbon',
    ...both('carol'),
  },
  {
    key: 'dave',
    name: 'Dave Okafor',
    email: 'dave@example.com',
    role: 'Change manager (final say), ECAB',
    timezone: 'Europe/Berlin',
    ...both('dave'),
  },
  {
    key: 'erin',
    name: 'Erin Novak',
    email: 'erin@example.com',
    role: 'Emergency CAB, release manager',
    timezone: 'Europe/Prague',
    ...both('erin'),
  },
  {
    key: 'ivan',
    name: 'Ivan Petrov',
    email: 'ivan@example.com',
    role: 'Implementer, release manager',
    timezone: 'Asia/Kolkata',
    ...both('ivan'),
  },
];

export const castBySlackId = (id: string): CastMember | undefined => CAST.find((m) => m.slackId === id);
export const castByTeamsId = (id: string): CastMember | undefined =>
  CAST.find((m) => m.teams?.id === id || m.teams?.aadObjectId === id);
export const castByKey = (key: string): CastMember | undefined => CAST.find((m) => m.key === key);

/** The CAB's, ECAB's and release train's channels on both platforms, as the demo policy names them. */
export const CHANNELS = {
  slack: { cab: 'CPGCAB', ecab: 'CPGECAB', releases: 'CPGRELEASES' },
  teams: {
    cab: '19:playground-cab@thread.tacv2',
    ecab: '19:playground-ecab@thread.tacv2',
    releases: '19:playground-releases@thread.tacv2',
  },
} as const;

/** The Teams team the channels belong to, and the bot as Teams addresses it. */
export const TEAMS_TEAM = { id: '19:playground-team@thread.tacv2', name: 'IT Operations (playground)' };
export const TEAMS_BOT = { id: '28:changeboard-playground', name: 'Changeboard' };
export const TEAMS_TENANT = 'playground-tenant';
export const SLACK_BOT = { userId: 'UPGBOT', botId: 'BPGBOT', teamId: 'TPLAYGROUND' };
