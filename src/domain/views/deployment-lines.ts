/** How a pipeline reported a deployment (deployment, not release: it moves components). */
export const DEPLOYMENT_STATUSES = ['started', 'succeeded', 'failed', 'rolled_back'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

export const DEPLOYMENT_STATUS_LABELS: Record<DeploymentStatus, string> = {
  started: 'Started',
  succeeded: 'Succeeded',
  failed: 'Failed',
  rolled_back: 'Rolled back',
};

/** One deployment as a change card shows it. */
export interface CardDeployment {
  readonly service: string;
  readonly environment: string;
  readonly version: string;
  readonly status: DeploymentStatus;
  readonly statusLabel: string;
  readonly at: Date;
  /** The pipeline run, when the pipeline gave one (an https URL, checked at the API edge). */
  readonly runUrl: string | null;
}

/** How many deployments a card lists (newest first); the API lists them all. */
export const CARD_DEPLOYMENTS = 5;

/** ITIL release management: deployments are recorded against the change that authorised them, apart from releases. */
export const cardDeployment = (d: {
  service: string;
  environment: string;
  version: string;
  status: DeploymentStatus;
  createdAt: Date;
  runUrl: string | null;
}): CardDeployment => ({
  service: d.service,
  environment: d.environment,
  version: d.version,
  status: d.status,
  statusLabel: DEPLOYMENT_STATUS_LABELS[d.status],
  at: d.createdAt,
  runUrl: d.runUrl,
});
