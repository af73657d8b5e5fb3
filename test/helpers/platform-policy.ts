import type { Policy } from '../../src/domain/policy/types.ts';
import { makePolicy } from '../domain/fixtures.ts';

/**
 * The policy for platform tests: one CAB whose cards go to a Slack channel and a Teams channel, members known
 * by Slack id, Teams (Entra) object id and email, so one person can act from either platform.
 *  - Alice: Slack UALICE, alice@example.com
 *  - Bob: Teams aad-bob, bob@example.com
 *  - Carol: Slack UCAROL and Teams aad-carol, carol@example.com (the same person on both)
 *  - Dave: dave@example.com, the change manager (final say)
 * Routes: normal low → any 1; medium → 2 of M (no veto); high/very high → majority with veto; emergency → ECAB any.
 */
export function platformPolicy(): Policy {
  const base = makePolicy();
  return {
    ...base,
    boards: [
      {
        id: 'cab',
        name: 'Change Advisory Board',
        members: [
          { name: 'Alice', email: 'alice@example.com', slack: 'UALICE' },
          { name: 'Bob', email: 'bob@example.com', teams: 'aad-bob' },
          { name: 'Carol', email: 'carol@example.com', slack: 'UCAROL', teams: 'aad-carol' },
          { name: 'Dave', email: 'dave@example.com', finalSay: true },
        ],
        implementers: [{ name: 'Ivan', email: 'ivan@example.com', slack: 'UIVAN', teams: 'aad-ivan' }],
        channels: { slack: ['CCAB'], teams: ['19:cab@thread.tacv2'] },
      },
      {
        id: 'ecab',
        name: 'Emergency CAB',
        members: [
          { name: 'Dave', email: 'dave@example.com', slack: 'UDAVE', finalSay: true },
          { name: 'Erin', email: 'erin@example.com', slack: 'UERIN', teams: 'aad-erin' },
        ],
        channels: { slack: ['CECAB'], teams: ['19:ecab@thread.tacv2'] },
      },
    ],
  };
}
