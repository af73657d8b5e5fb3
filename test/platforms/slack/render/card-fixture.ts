import type { ChangeCardView } from '../../../../src/domain/views/change-card.ts';

/** A CAB card awaiting approval: one approval, one open question, medium risk, the window on 6 March. */
export function cabCard(overrides: Partial<ChangeCardView> = {}): ChangeCardView {
  return {
    changeId: 7,
    key: 'CHG-7',
    version: 2,
    audience: 'cab',
    title: 'Upgrade the wiki',
    type: 'normal',
    typeLabel: 'Normal',
    riskLevel: 'medium',
    riskLabel: 'Medium',
    state: 'authorise',
    stateLabel: 'Awaiting approval',
    windowStart: new Date('2026-03-06T09:00:00Z'),
    windowEnd: new Date('2026-03-06T11:00:00Z'),
    services: ['Wiki'],
    requesterName: 'Rita',
    boardName: 'Change Advisory Board',
    modelName: null,
    description: 'Move the wiki to 2.4.',
    justification: 'Editors lose work.',
    implementationPlan: 'Run the playbook.',
    backoutPlan: 'Restore the snapshot.',
    testPlan: '',
    sourceLink: null,
    tally: { approvals: 1, rejections: 0, required: 2, ruleLabel: '2 of 4' },
    votes: [{ name: 'Alice', decision: 'approve', at: new Date('2026-03-02T10:42:00Z'), reason: null }],
    questions: [
      {
        id: 3,
        asker: 'Carol',
        question: 'Which pages?',
        askedAt: new Date('2026-03-02T10:50:00Z'),
        answer: null,
      },
    ],
    decision: null,
    outcome: null,
    review: null,
    actions: ['approve', 'reject', 'request_info'],
    ...overrides,
  };
}
