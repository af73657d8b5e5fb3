import { inPeriod, ratio, weeksIn } from './stats.ts';
import type { MetricsPeriod, Ratio, ReleaseFact } from './types.ts';

export interface ReleaseFigures {
  /** Successful releases / releases finished with an outcome in the period. */
  readonly successRate: Ratio;
  /** Finished releases with at least one incident / releases finished with an outcome. */
  readonly withIncidents: Ratio;
  /** Releases started inside their planned window / releases started in the period. */
  readonly scheduleAdherence: Ratio;
  /** Changes delivered by releases finished in the period. */
  readonly changesReleased: number;
  /** changesReleased / the period's length in weeks; null for an empty period. */
  readonly changesPerWeek: number | null;
}

/** True when the release concerns the service (a release naming no service concerns every service). */
export const releaseMatches = (release: ReleaseFact, service: string | undefined): boolean =>
  service === undefined || release.services.length === 0 || release.services.includes(service);

/**
 * The release management practice's key metrics: successful release rate, incidents related to releases,
 * adherence to the release schedule (started within the planned window) and release backlog throughput.
 */
export const releaseFigures = (releases: readonly ReleaseFact[], period: MetricsPeriod): ReleaseFigures => {
  const finished = releases.filter((r) => r.outcome !== null && inPeriod(r.finishedAt, period));
  const started = releases.filter((r) => inPeriod(r.startedAt, period));
  const onSchedule = started.filter((r) => {
    const at = (r.startedAt as Date).getTime();
    return at >= r.plannedStart.getTime() && at <= r.plannedEnd.getTime();
  });
  const delivered = finished.filter((r) => r.outcome === 'successful');
  const changesReleased = delivered.reduce((sum, r) => sum + r.changeIds.length, 0);
  const weeks = weeksIn(period);
  return {
    successRate: ratio(delivered.length, finished.length),
    withIncidents: ratio(finished.filter((r) => r.incidents > 0).length, finished.length),
    scheduleAdherence: ratio(onSchedule.length, started.length),
    changesReleased,
    changesPerWeek: weeks === 0 ? null : changesReleased / weeks,
  };
};
