import type { ChangeFact, MetricsPeriod, ReleaseFact } from '../../../src/domain/metrics/types.ts';

/** Monday 23 February 2026, 00:00 UTC: the start of a two-week (336 h) reporting period. */
export const P0 = new Date('2026-02-23T00:00:00Z');
export const at = (hours: number): Date => new Date(P0.getTime() + hours * 3_600_000);
export const TWO_WEEKS: MetricsPeriod = { from: P0, to: at(336) };
export const HOUR = 3_600_000;

const base = {
  type: 'normal',
  riskLevel: 'low',
  services: ['web'],
  boardId: 'cab',
  modelId: null,
  authorisation: null,
  authorisedAt: null,
  expiresAt: null,
  completedAt: null,
  outcome: null,
  incidentsCaused: null,
} as const satisfies Partial<ChangeFact>;

/** Nine changes whose milestones fall inside, before and after the period (hours after P0). */
export const CHANGES: readonly ChangeFact[] = [
  // 1: approved after 10 h, completed successfully on day 2.
  {
    ...base,
    id: 1,
    raisedAt: at(0),
    authorisation: 'approved',
    authorisedAt: at(10),
    expiresAt: at(72),
    completedAt: at(48),
    outcome: 'successful',
    incidentsCaused: 0,
  },
  // 2: approved after 20 h, failed on day 9 with two incidents.
  {
    ...base,
    id: 2,
    riskLevel: 'medium',
    raisedAt: at(24),
    authorisation: 'approved',
    authorisedAt: at(44),
    expiresAt: at(96),
    completedAt: at(216),
    outcome: 'failed',
    incidentsCaused: 2,
  },
  // 3: an emergency on the API, approved by the ECAB in 1 h, rolled back with one incident.
  {
    ...base,
    id: 3,
    type: 'emergency',
    riskLevel: 'high',
    services: ['api'],
    boardId: 'ecab',
    raisedAt: at(200),
    authorisation: 'approved',
    authorisedAt: at(201),
    expiresAt: at(204),
    completedAt: at(210),
    outcome: 'rolled_back',
    incidentsCaused: 1,
  },
  // 4: a standard change from a model (pre-authorised, no board), successful with issues.
  {
    ...base,
    id: 4,
    type: 'standard',
    boardId: null,
    modelId: 'restart-service',
    raisedAt: at(100),
    authorisation: 'approved',
    authorisedAt: at(100),
    completedAt: at(101),
    outcome: 'successful_with_issues',
    incidentsCaused: 0,
  },
  // 5: expired undecided.
  {
    ...base,
    id: 5,
    riskLevel: 'high',
    services: ['api'],
    raisedAt: at(30),
    authorisation: 'expired',
    authorisedAt: at(102),
    expiresAt: at(102),
  },
  // 6: rejected after 30 h.
  {
    ...base,
    id: 6,
    riskLevel: 'very_high',
    raisedAt: at(50),
    authorisation: 'rejected',
    authorisedAt: at(80),
    expiresAt: at(122),
  },
  // 7: raised and approved before the period, completed inside it.
  {
    ...base,
    id: 7,
    raisedAt: at(-48),
    authorisation: 'approved',
    authorisedAt: at(-10),
    expiresAt: at(24),
    completedAt: at(20),
    outcome: 'successful',
    incidentsCaused: 0,
  },
  // 8: still awaiting approval.
  { ...base, id: 8, riskLevel: 'medium', raisedAt: at(300), expiresAt: at(372) },
  // 9: raised inside, approved after the period.
  { ...base, id: 9, raisedAt: at(320), authorisation: 'approved', authorisedAt: at(340), expiresAt: at(392) },
];

export const RELEASES: readonly ReleaseFact[] = [
  {
    id: 'R1',
    services: ['web'],
    plannedStart: at(24),
    plannedEnd: at(26),
    startedAt: at(24.5),
    finishedAt: at(25.5),
    outcome: 'successful',
    incidents: 0,
    changeIds: [1, 2],
  },
  // Started an hour after its window closed, then failed.
  {
    id: 'R2',
    services: ['web'],
    plannedStart: at(100),
    plannedEnd: at(102),
    startedAt: at(103),
    finishedAt: at(104),
    outcome: 'failed',
    incidents: 1,
    changeIds: [3],
  },
  {
    id: 'R3',
    services: ['api'],
    plannedStart: at(200),
    plannedEnd: at(202),
    startedAt: at(200),
    finishedAt: at(201),
    outcome: 'successful',
    incidents: 2,
    changeIds: [4, 5, 6],
  },
  // Started on time, not finished yet.
  {
    id: 'R4',
    services: ['web'],
    plannedStart: at(330),
    plannedEnd: at(332),
    startedAt: at(331),
    finishedAt: null,
    outcome: null,
    incidents: 0,
    changeIds: [9],
  },
  // Wholly before the period.
  {
    id: 'R5',
    services: ['web'],
    plannedStart: at(-30),
    plannedEnd: at(-28),
    startedAt: at(-30),
    finishedAt: at(-29),
    outcome: 'failed',
    incidents: 3,
    changeIds: [7],
  },
];
