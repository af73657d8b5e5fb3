import type { MetricsReport } from './report.ts';
import type { DurationStats, Ratio } from './types.ts';

/** One figure as people read it: a label and its value, "no data" when there is nothing to compute it from. */
export interface MetricsFact {
  readonly label: string;
  readonly value: string;
}

export interface MetricsSection {
  readonly heading: string;
  readonly facts: readonly MetricsFact[];
}

/** The platform-neutral metrics message: rendered to Block Kit and to an Adaptive Card. */
export interface MetricsView {
  readonly title: string;
  /** What the figures cover, e.g. "Last 30 days · web". */
  readonly scope: string;
  readonly sections: readonly MetricsSection[];
}

export const NO_DATA = 'no data';
const MAX_BOARDS = 8;

const percent = (r: Ratio): string =>
  r.value === null ? NO_DATA : `${Math.round(r.value * 100)} % (${r.numerator} of ${r.denominator})`;

const hours = (ms: number): string => {
  const h = ms / 3_600_000;
  return h >= 48 ? `${(h / 24).toFixed(1)} d` : `${h.toFixed(1)} h`;
};

const duration = (d: DurationStats): string =>
  d.medianMs === null || d.p90Ms === null
    ? NO_DATA
    : `median ${hours(d.medianMs)} · p90 ${hours(d.p90Ms)} (${d.count})`;

/** The figures of a report, worded for a change manager; board ids are shown by their policy names. */
export const metricsView = (
  report: MetricsReport,
  opts: { title: string; scope: string; boardNames: Readonly<Record<string, string>> },
): MetricsView => {
  const { success, mix, leadTimes, incidents, releases, audit } = report;
  const o = success.byOutcome;
  const changes: MetricsFact[] = [
    { label: 'Change success rate', value: percent(success.rate) },
    {
      label: 'Outcomes',
      value: `${o.successful} successful · ${o.successful_with_issues} with issues · ${o.failed} failed · ${o.rolled_back} rolled back`,
    },
    {
      label: 'Raised',
      value: `${mix.raised} (${mix.byType.standard} standard · ${mix.byType.normal} normal · ${mix.byType.emergency} emergency)`,
    },
    { label: 'Emergency-change ratio', value: percent(mix.emergencyRatio) },
    {
      label: 'By risk',
      value: `${mix.byRisk.low} low · ${mix.byRisk.medium} medium · ${mix.byRisk.high} high · ${mix.byRisk.very_high} very high`,
    },
    { label: 'Lead time to approval', value: duration(leadTimes.toApproval) },
    { label: 'Lead time to implementation', value: duration(leadTimes.toImplementation) },
    {
      label: 'Incidents caused by changes',
      value:
        incidents.changesWithIncidents.value === null
          ? NO_DATA
          : `${incidents.incidents} (from ${incidents.changesWithIncidents.numerator} of ${incidents.changesWithIncidents.denominator} changes)`,
    },
  ];
  const boards = report.approvals.slice(0, MAX_BOARDS).map((b) => ({
    label: opts.boardNames[b.boardId] ?? b.boardId,
    value: `${duration(b.decisionTime)} · decided before expiry ${percent(b.decidedBeforeExpiry)}`,
  }));
  const releaseFacts: MetricsFact[] = [
    { label: 'Successful release rate', value: releases ? percent(releases.successRate) : NO_DATA },
    { label: 'Releases with incidents', value: releases ? percent(releases.withIncidents) : NO_DATA },
    {
      label: 'Adherence to the release schedule',
      value: releases ? percent(releases.scheduleAdherence) : NO_DATA,
    },
    {
      label: 'Changes released per week',
      value: releases?.changesPerWeek == null ? NO_DATA : releases.changesPerWeek.toFixed(1),
    },
    {
      label: 'Unregistered changes found by the gate',
      value: report.unregisteredChanges === null ? NO_DATA : String(report.unregisteredChanges),
    },
  ];
  const auditFacts: MetricsFact[] = [
    {
      label: 'Audit chain',
      value:
        audit === null
          ? NO_DATA
          : audit.chainVerifies
            ? `verifies (${audit.eventCount} events)`
            : `BROKEN at event ${audit.brokenAt}`,
    },
    { label: 'Refused self-approvals', value: audit === null ? NO_DATA : String(audit.refusedSelfApprovals) },
  ];
  const services = report.by.service.slice(0, MAX_BOARDS).map((row) => ({
    label: row.key,
    value: `${row.raised} raised · success ${percent(row.successRate)}`,
  }));
  return {
    title: opts.title,
    scope: opts.scope,
    sections: [
      { heading: 'Changes', facts: changes },
      ...(services.length > 1 ? [{ heading: 'By service', facts: services }] : []),
      {
        heading: 'Approvals by board',
        facts: boards.length > 0 ? boards : [{ label: 'Decisions', value: NO_DATA }],
      },
      { heading: 'Releases and deployments', facts: releaseFacts },
      { heading: 'Audit', facts: auditFacts },
    ],
  };
};
