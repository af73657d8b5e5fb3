import type { Board, Policy } from '../domain/policy/types.ts';
import { defaultPolicy } from '../policy/default-policy.ts';
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
 * The playground's policy: the built-in default's services, models and approval routes, with the demo cast
 * on its boards and the playground's channels. It is separate from the default on purpose: the default's
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
  return { ...defaultPolicy, boards };
}
