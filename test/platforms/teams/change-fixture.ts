import type { ChangeRecord, QuestionRecord, VoteRecord } from '../../../src/domain/change/change.ts';
import { buildChangeCard, type CardAudience } from '../../../src/domain/views/change-card.ts';
import { hoursAfter, MEDIUM_ANSWERS, NOW } from '../../domain/fixtures.ts';

/** The longest text the form accepts. */
export const LONG = 'x'.repeat(3000);

/** A stored change awaiting approval; override any field. */
export const change = (overrides: Partial<ChangeRecord> = {}): ChangeRecord => ({
  id: 12,
  version: 2,
  type: 'normal',
  state: 'authorise',
  title: 'Upgrade the wiki to 2.4',
  description: 'Move the wiki from 2.3 to 2.4.',
  justification: 'Editors lose work.',
  services: ['wiki'],
  plannedStart: hoursAfter(NOW, 96),
  plannedEnd: hoursAfter(NOW, 98),
  riskAnswers: MEDIUM_ANSWERS,
  riskScore: 6,
  riskLevel: 'medium',
  implementationPlan: 'Run the playbook.',
  backoutPlan: 'Restore the snapshot.',
  testPlan: '',
  modelId: null,
  boardId: 'cab',
  approvalRoute: { type: 'normal', board: 'cab', rule: { kind: 'n_of_m', n: 2 } },
  requesterId: 1,
  sourceLink: null,
  outcome: null,
  outcomeNote: null,
  incidentsCaused: null,
  review: null,
  createdAt: NOW,
  updatedAt: NOW,
  decidedAt: null,
  expiresAt: null,
  startedAt: null,
  completedAt: null,
  ...overrides,
});

export const voteBy = (
  personId: number,
  name: string,
  decision: 'approve' | 'reject',
  reason: string | null = null,
): VoteRecord => ({
  personId,
  personName: name,
  voter: { email: null, slackUserId: null, teamsUserId: null },
  decision,
  version: 2,
  reason,
  platform: 'teams',
  at: NOW,
});

/** The neutral card of a change, as the app builds it, for one audience. */
export const view = (
  c: ChangeRecord,
  audience: CardAudience = 'cab',
  votes: VoteRecord[] = [],
  questions: QuestionRecord[] = [],
) =>
  buildChangeCard({
    change: c,
    audience,
    requesterName: 'Rita',
    serviceNames: ['Wiki'],
    boardName: 'Change Advisory Board',
    modelName: null,
    votes,
    questions,
    tally: {
      approvals: votes.filter((v) => v.decision === 'approve').length,
      rejections: 0,
      required: 2,
      ruleLabel: '2 of 3',
    },
  });
