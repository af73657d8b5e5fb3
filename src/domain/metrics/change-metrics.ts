import {
  CHANGE_TYPES,
  type ChangeType,
  OUTCOMES,
  type Outcome,
  RISK_LEVELS,
  type RiskLevel,
} from '../change/types.ts';
import { countBy, durationStats, inPeriod, ratio } from './stats.ts';
import type { ChangeFact, DurationStats, MetricsFilter, MetricsPeriod, Ratio } from './types.ts';

/** True when the change is about the filter's service, board and model (each optional). */
export const matchesFilter = (change: ChangeFact, filter: MetricsFilter): boolean =>
  (filter.service === undefined || change.services.includes(filter.service)) &&
  (filter.boardId === undefined || change.boardId === filter.boardId) &&
  (filter.modelId === undefined || change.modelId === filter.modelId);

const isSuccess = (outcome: Outcome): boolean =>
  outcome === 'successful' || outcome === 'successful_with_issues';

export interface ChangeSuccess {
  readonly byOutcome: Record<Outcome, number>;
  /** (successful + successful with issues) / every change completed with an outcome. */
  readonly rate: Ratio;
}

/** ITIL change success rate: of the changes completed in the period, the share that met their goal. */
export const changeSuccess = (changes: readonly ChangeFact[], period: MetricsPeriod): ChangeSuccess => {
  const completed = changes.filter((c) => c.outcome !== null && inPeriod(c.completedAt, period));
  const byOutcome = countBy(completed, OUTCOMES, (c) => c.outcome as Outcome);
  const successes = completed.filter((c) => isSuccess(c.outcome as Outcome)).length;
  return { byOutcome, rate: ratio(successes, completed.length) };
};

export interface ChangeMix {
  readonly raised: number;
  readonly byType: Record<ChangeType, number>;
  readonly byRisk: Record<RiskLevel, number>;
  /** Emergency changes / every change raised in the period. */
  readonly emergencyRatio: Ratio;
}

/** ITIL emergency-change ratio and the mix of change types and risk levels, over changes raised in the period. */
export const changeMix = (changes: readonly ChangeFact[], period: MetricsPeriod): ChangeMix => {
  const raised = changes.filter((c) => inPeriod(c.raisedAt, period));
  const byType = countBy(raised, CHANGE_TYPES, (c) => c.type);
  return {
    raised: raised.length,
    byType,
    byRisk: countBy(raised, RISK_LEVELS, (c) => c.riskLevel),
    emergencyRatio: ratio(byType.emergency, raised.length),
  };
};

export interface LeadTimes {
  /** Raised → approved, over changes approved in the period (standard changes need no approval). */
  readonly toApproval: DurationStats;
  /** Raised → implementation completed, over changes completed in the period. */
  readonly toImplementation: DurationStats;
}

/** ITIL lead time from request to approval and to implementation (median and 90th percentile). */
export const leadTimes = (changes: readonly ChangeFact[], period: MetricsPeriod): LeadTimes => {
  const approved = changes.filter(
    (c) => c.type !== 'standard' && c.authorisation === 'approved' && inPeriod(c.authorisedAt, period),
  );
  const completed = changes.filter((c) => inPeriod(c.completedAt, period));
  return {
    toApproval: durationStats(approved.map((c) => (c.authorisedAt as Date).getTime() - c.raisedAt.getTime())),
    toImplementation: durationStats(
      completed.map((c) => (c.completedAt as Date).getTime() - c.raisedAt.getTime()),
    ),
  };
};

export interface BoardApproval {
  readonly boardId: string;
  /** Raised → decided (approved or rejected) for the board's changes decided in the period. */
  readonly decisionTime: DurationStats;
  /** Decided before their expiry / decided or expired in the period. */
  readonly decidedBeforeExpiry: Ratio;
}

/**
 * ITIL approvals on time, per change authority: how long each board takes to decide, and the share of its
 * authorisations that ended in a decision rather than an expiry. Boards sorted by id.
 */
export const approvalsByBoard = (changes: readonly ChangeFact[], period: MetricsPeriod): BoardApproval[] => {
  // Standard changes are pre-authorised by their model: the board they are announced to decides nothing.
  const ended = changes.filter(
    (c) =>
      c.type !== 'standard' &&
      c.boardId !== null &&
      c.authorisation !== null &&
      inPeriod(c.authorisedAt, period),
  );
  const boards = [...new Set(ended.map((c) => c.boardId as string))].sort();
  return boards.map((boardId) => {
    const mine = ended.filter((c) => c.boardId === boardId);
    const decided = mine.filter((c) => c.authorisation !== 'expired');
    const onTime = decided.filter(
      (c) => c.expiresAt === null || (c.authorisedAt as Date).getTime() <= c.expiresAt.getTime(),
    );
    return {
      boardId,
      decisionTime: durationStats(
        decided.map((c) => (c.authorisedAt as Date).getTime() - c.raisedAt.getTime()),
      ),
      decidedBeforeExpiry: ratio(onTime.length, mine.length),
    };
  });
};

export interface ChangeIncidents {
  /** Incidents recorded against changes completed in the period. */
  readonly incidents: number;
  /** Completed changes that caused at least one incident / every completed change. */
  readonly changesWithIncidents: Ratio;
}

/** ITIL incidents caused by changes, over the changes completed in the period. */
export const changeIncidents = (changes: readonly ChangeFact[], period: MetricsPeriod): ChangeIncidents => {
  const completed = changes.filter((c) => inPeriod(c.completedAt, period));
  const caused = completed.map((c) => c.incidentsCaused ?? 0);
  return {
    incidents: caused.reduce((sum, n) => sum + n, 0),
    changesWithIncidents: ratio(caused.filter((n) => n > 0).length, completed.length),
  };
};
