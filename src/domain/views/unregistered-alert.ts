/** What the change managers may do about an unregistered deployment. */
export type UnregisteredAction = 'register' | 'acknowledge';

/** A platform-neutral alert: a deployment no approved change covered (deployment gate). */
export interface UnregisteredAlertView {
  readonly unregisteredId: number;
  readonly service: string;
  readonly environment: string;
  readonly version: string;
  readonly at: Date;
  readonly runUrl: string | null;
  /** The API token's name that reported it. */
  readonly reportedBy: string;
  readonly status: 'open' | 'registered' | 'acknowledged';
  /** Once resolved: what happened, e.g. "Registered as CHG-12 by Dave". */
  readonly resolution: string | null;
  readonly actions: readonly UnregisteredAction[];
}

/**
 * ITIL change enablement: a change made without authorisation is caught and either registered after the fact
 * as an emergency change (which then gets its review) or acknowledged with a reason.
 */
export function buildUnregisteredAlert(input: {
  readonly unregisteredId: number;
  readonly deployment: {
    readonly service: string;
    readonly environment: string;
    readonly version: string;
    readonly createdAt: Date;
    readonly runUrl: string | null;
    readonly reportedBy: string;
  };
  readonly status: UnregisteredAlertView['status'];
  readonly resolution: string | null;
}): UnregisteredAlertView {
  const d = input.deployment;
  return {
    unregisteredId: input.unregisteredId,
    service: d.service,
    environment: d.environment,
    version: d.version,
    at: d.createdAt,
    runUrl: d.runUrl,
    reportedBy: d.reportedBy,
    status: input.status,
    resolution: input.resolution,
    actions: input.status === 'open' ? ['register', 'acknowledge'] : [],
  };
}
