import type { Board, Policy } from '../domain/policy/types.ts';
import { DEFAULT_CHECKLIST } from '../domain/release/checklist.ts';
import type { ReleaseModel } from '../domain/release/types.ts';
import { defaultPolicy } from '../policy/default-policy.ts';
import { RELEASE_MODEL_DEFAULTS } from '../policy/release-model-schema.ts';
import { CAST, type CastMember, CHANNELS } from './cast.ts';

const member = (m: CastMember, extra: { finalSay?: boolean } = {}) => ({
  name: m.name,
  email: m.email,
  ...(m.slackId ? { slack: m.slackId } : {}),
  ...(m.teams ? { teams: m.teams.aadObjectId } : {}),
  ...extra,
});

const person = (key: string): CastMember => {
  const found = CAST.find((m) => m.key === key);
  if (!found) throw new Error(`no cast member ${key}`);
  return found;
};

/**
 * The playground's release train: every Wednesday at 10:00 Berlin time, a two-hour window, planned two weeks
 * ahead, managed by Ivan and Erin in turn, with its card and announcements in the release channels. It is what
 * `releaseModels:` in a policy file would give: the checklist and reminders (T-24h, T-1h) are the defaults.
 */
export function demoReleaseTrain(): ReleaseModel {
  return {
    id: 'weekly',
    name: 'Weekly release train',
    services: [],
    cadence: { cron: '0 10 * * 3', timezone: 'Europe/Berlin' },
    windowMinutes: RELEASE_MODEL_DEFAULTS.windowMinutes,
    planAheadMinutes: RELEASE_MODEL_DEFAULTS.planAheadMinutes,
    managers: [member(person('ivan')), member(person('erin'))],
    channels: { slack: [CHANNELS.slack.releases], teams: [CHANNELS.teams.releases] },
    checklist: [...DEFAULT_CHECKLIST],
    reminders: { ...RELEASE_MODEL_DEFAULTS.reminders, before: [...RELEASE_MODEL_DEFAULTS.reminders.before] },
  };
}

/**
 * The playground's policy: the built-in default's services, models and approval routes, with the demo cast
 * on its boards, the playground's channels and a weekly release train. It is separate from the default on purpose: the default's
 * empty boards are what makes a real deployment without a policy file say "name your CAB members".
 */
export function demoPolicy(): Policy {
  const boards: Board[] = [
    {
      id: 'cab',
      name: 'Change Advisory Board',
      members: [
        member(person('alice')),
        member(person('bob')),
        member(person('carol')),
        member(person('dave'), { finalSay: true }),
      ],
      implementers: [member(person('ivan'))],
      channels: { slack: [CHANNELS.slack.cab], teams: [CHANNELS.teams.cab] },
    },
    {
      id: 'ecab',
      name: 'Emergency CAB',
      members: [member(person('dave'), { finalSay: true }), member(person('erin'))],
      implementers: [member(person('ivan'))],
      channels: { slack: [CHANNELS.slack.ecab], teams: [CHANNELS.teams.ecab] },
    },
  ];
  return { ...defaultPolicy, boards, releaseModels: [demoReleaseTrain()] };
}
