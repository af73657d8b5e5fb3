import type { ReleaseSurface } from '../../../src/app/release/ports.ts';
import type { PersonRecord } from '../../../src/domain/change/change.ts';
import type { Policy } from '../../../src/domain/policy/types.ts';
import { DEFAULT_CHECKLIST } from '../../../src/domain/release/checklist.ts';
import type { ReleaseModel } from '../../../src/domain/release/types.ts';
import type { ReleaseCardView, ReleaseMessageView } from '../../../src/domain/release/views.ts';
import { makePolicy } from '../../domain/fixtures.ts';

/**
 * A weekly train every Tuesday 10:00 Europe/Berlin (09:00Z in March), two-hour window, planned 14 days ahead,
 * run in turn by Rita and Ivan; T-24h, T-1h and T-15m reminders, a 2-hour cut-off and an overdue nudge.
 */
export const TRAIN: ReleaseModel = {
  id: 'web-train',
  name: 'Weekly web release',
  services: ['wiki', 'web'],
  cadence: { cron: '0 10 * * TUE', timezone: 'Europe/Berlin' },
  windowMinutes: 120,
  planAheadMinutes: 14 * 1440,
  managers: [
    { name: 'Rita', email: 'rita@example.com', slack: 'UREQ' },
    { name: 'Ivan', email: 'ivan@example.com', slack: 'UIVAN', teams: 'aad-ivan' },
  ],
  channels: { slack: ['CREL'], teams: ['19:rel@thread.tacv2'] },
  checklist: DEFAULT_CHECKLIST,
  reminders: { before: [1440, 60, 15], cutoff: 120, overdue: 60, review: 1440 },
};

export const HOTFIX: ReleaseModel = { ...TRAIN, id: 'hotfix', name: 'Hotfix', cadence: null, services: [] };

export const releasePolicy = (base: Policy = makePolicy()): Policy => ({
  ...base,
  releaseModels: [TRAIN, HOTFIX],
});

export interface Sent {
  readonly to: string;
  readonly message: ReleaseMessageView;
}

/** A ReleaseSurface that records what it was asked to post, to check what would reach people. */
export function recordingSurface(platform: 'slack' | 'teams' = 'slack') {
  const cards: { channel: string; card: ReleaseCardView }[] = [];
  const updates: { messageId: string; card: ReleaseCardView }[] = [];
  const sent: Sent[] = [];
  let n = 0;
  const surface: ReleaseSurface = {
    platform,
    channelsOf: (model) => model.channels[platform],
    canReach: (person: PersonRecord) =>
      (platform === 'slack' ? person.slackUserId : person.teamsUserId) !== null,
    async postReleaseCard(channel, card) {
      cards.push({ channel, card });
      return { channel, messageId: `m${++n}` };
    },
    async updateReleaseCard(post, card) {
      updates.push({ messageId: post.messageId, card });
    },
    async postReleaseMessage(channel, message) {
      sent.push({ to: channel, message });
    },
    async sendReleaseMessage(person, message) {
      sent.push({ to: `dm:${person.name}`, message });
    },
  };
  return { surface, cards, updates, sent };
}
