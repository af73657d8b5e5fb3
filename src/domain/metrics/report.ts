import { type BreakdownRow, breakdown } from './breakdown.ts';
import {
  approvalsByBoard,
  type BoardApproval,
  type ChangeIncidents,
  type ChangeMix,
  type ChangeSuccess,
  changeIncidents,
  changeMix,
  changeSuccess,
  type LeadTimes,
  leadTimes,
  matchesFilter,
} from './change-metrics.ts';
import { type ReleaseFigures, releaseFigures, releaseMatches } from './release-metrics.ts';
import { inPeriod } from './stats.ts';
import type {
  AuditFact,
  ChangeFact,
  MetricsFilter,
  MetricsPeriod,
  ReleaseFact,
  UnregisteredChangeFact,
} from './types.ts';
import { type TrendWeek, weeklyTrend } from './weekly-trend.ts';

/** The records a report is computed from; null where the product has no source for them (shown as "no data"). */
export interface MetricsInput {
  readonly changes: readonly ChangeFact[];
  readonly releases: readonly ReleaseFact[] | null;
  readonly unregisteredChanges: readonly UnregisteredChangeFact[] | null;
  readonly audit: AuditFact | null;
}

export interface AuditHealth {
  readonly chainVerifies: boolean;
  readonly eventCount: number;
  readonly brokenAt: number | null;
  readonly refusedSelfApprovals: number;
}

export interface MetricsReport {
  readonly period: MetricsPeriod;
  readonly filter: MetricsFilter;
  readonly success: ChangeSuccess;
  readonly mix: ChangeMix;
  readonly leadTimes: LeadTimes;
  readonly approvals: readonly BoardApproval[];
  readonly incidents: ChangeIncidents;
  readonly trend: readonly TrendWeek[];
  /** Volume and success rate per service, board and change model (within the filter). */
  readonly by: {
    readonly service: readonly BreakdownRow[];
    readonly board: readonly BreakdownRow[];
    readonly model: readonly BreakdownRow[];
  };
  /** Null when no release records exist yet. */
  readonly releases: ReleaseFigures | null;
  /** Deployments the gate found with no authorised change; null when there is no gate. */
  readonly unregisteredChanges: number | null;
  readonly audit: AuditHealth | null;
}

/**
 * Every change enablement and release management key metric (ITIL 4 practice guides) for one period,
 * narrowed to a service, board or model. Board and model filters do not apply to releases or the gate.
 */
export const computeMetrics = (
  input: MetricsInput,
  period: MetricsPeriod,
  filter: MetricsFilter = {},
): MetricsReport => {
  const changes = input.changes.filter((c) => matchesFilter(c, filter));
  const releases = input.releases?.filter((r) => releaseMatches(r, filter.service)) ?? null;
  const unregistered = input.unregisteredChanges?.filter(
    (u) => inPeriod(u.at, period) && (filter.service === undefined || u.service === filter.service),
  );
  const audit = input.audit;
  const refusals = audit?.refusedSelfApprovals.filter((r) => inPeriod(r.at, period)) ?? [];
  const changeIds = new Set(changes.map((c) => c.id));
  const narrowed =
    filter.service !== undefined || filter.boardId !== undefined || filter.modelId !== undefined;
  return {
    period,
    filter,
    success: changeSuccess(changes, period),
    mix: changeMix(changes, period),
    leadTimes: leadTimes(changes, period),
    approvals: approvalsByBoard(changes, period),
    incidents: changeIncidents(changes, period),
    trend: weeklyTrend(changes, period),
    by: {
      service: breakdown(changes, period, 'service'),
      board: breakdown(changes, period, 'board'),
      model: breakdown(changes, period, 'model'),
    },
    releases: releases === null ? null : releaseFigures(releases, period),
    unregisteredChanges: unregistered === undefined ? null : unregistered.length,
    audit:
      audit === null
        ? null
        : {
            chainVerifies: audit.chainVerifies,
            eventCount: audit.eventCount,
            brokenAt: audit.brokenAt,
            refusedSelfApprovals: (narrowed ? refusals.filter((r) => changeIds.has(r.changeId)) : refusals)
              .length,
          },
  };
};
