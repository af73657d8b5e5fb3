import type { ChangeState, ChangeType } from '../domain/change/types.ts';
import type { GateChange } from '../domain/gate/types.ts';
import type { Database } from './client.ts';
import { deployments, unregisteredDeployments } from './schema.ts';

export type DeploymentRow = typeof deployments.$inferSelect;
export type NewDeployment = typeof deployments.$inferInsert;
export type UnregisteredRow = typeof unregisteredDeployments.$inferSelect;

/** How many covering changes the gate looks at, at most: a service rarely has more than a few at once. */
export const COVERING_LIMIT = 20;

interface GateRow {
  id: number;
  title: string;
  type: string;
  state: string;
  services: string;
  planned_start: number;
  planned_end: number;
  model_id: string | null;
}

const toGateChange = (r: GateRow): GateChange => ({
  id: r.id,
  title: r.title,
  type: r.type as ChangeType,
  state: r.state as ChangeState,
  services: JSON.parse(r.services) as string[],
  plannedStart: new Date(r.planned_start),
  plannedEnd: new Date(r.planned_end),
  modelId: r.model_id,
});

/** The states in which a change may still authorise a deployment (or soon will). */
const LIVE_STATES = ['assess', 'authorise', 'scheduled', 'implement'] as const;

/**
 * The gate's covering-change lookup, prepared once: changes naming the service whose window contains `now`,
 * found through the index on planned_end (only windows that have not ended are read) and capped.
 */
export const COVERING_SQL = `SELECT id, title, type, state, services, planned_start, planned_end, model_id
  FROM changes
  WHERE planned_end > @now AND planned_start <= @now
    AND state IN (${LIVE_STATES.map((s) => `'${s}'`).join(', ')})
    AND EXISTS (SELECT 1 FROM json_each(changes.services) WHERE json_each.value = @service)
  ORDER BY planned_start
  LIMIT ${COVERING_LIMIT}`;

/** Deployment records, the gate's change lookups, and unregistered deployments. */
export function createDeploymentsRepository(database: Database) {
  const { db, sqlite } = database;
  const covering = sqlite.prepare<{ now: number; service: string }, GateRow>(COVERING_SQL);
  const gateChange = sqlite.prepare<[number], GateRow>(
    'SELECT id, title, type, state, services, planned_start, planned_end, model_id FROM changes WHERE id = ?',
  );
  const ofChange = sqlite.prepare<[number, number], { id: number }>(
    'SELECT id FROM deployments WHERE change_id = ? ORDER BY id DESC LIMIT ?',
  );
  const byId = sqlite.prepare<[number], Record<string, unknown>>('SELECT * FROM deployments WHERE id = ?');
  const unregisteredById = sqlite.prepare<[number], Record<string, unknown>>(
    'SELECT * FROM unregistered_deployments WHERE id = ?',
  );
  const earlier = sqlite.prepare<[string, string, string, string | null, number], { id: number }>(
    'SELECT id FROM deployments WHERE service = ? AND environment = ? AND version = ? AND run_url IS ? AND id < ? LIMIT 1',
  );
  const countSince = sqlite.prepare<[number, number], { n: number }>(
    'SELECT count(*) AS n FROM unregistered_deployments WHERE created_at >= ? AND created_at < ?',
  );

  const unregisteredIn = sqlite.prepare<[number, number, number], { at: number; service: string }>(
    `SELECT u.created_at AS at, d.service AS service
       FROM unregistered_deployments u JOIN deployments d ON d.id = u.deployment_id
      WHERE u.created_at >= ? AND u.created_at < ? ORDER BY u.created_at LIMIT ?`,
  );

  const toDeployment = (r: Record<string, unknown>): DeploymentRow => ({
    id: r.id as number,
    service: r.service as string,
    environment: r.environment as string,
    version: r.version as string,
    changeId: (r.change_id as number | null) ?? null,
    status: r.status as DeploymentRow['status'],
    runUrl: (r.run_url as string | null) ?? null,
    provider: (r.provider as string | null) ?? null,
    commitSha: (r.commit_sha as string | null) ?? null,
    reportedBy: r.reported_by as string,
    createdAt: new Date(r.created_at as number),
  });
  const toUnregistered = (r: Record<string, unknown>): UnregisteredRow => ({
    id: r.id as number,
    deploymentId: r.deployment_id as number,
    status: r.status as UnregisteredRow['status'],
    changeId: (r.change_id as number | null) ?? null,
    reason: (r.reason as string | null) ?? null,
    resolvedBy: (r.resolved_by as number | null) ?? null,
    resolvedAt: r.resolved_at === null ? null : new Date(r.resolved_at as number),
    createdAt: new Date(r.created_at as number),
  });

  function get(id: number): DeploymentRow | null {
    const row = byId.get(id);
    return row ? toDeployment(row) : null;
  }

  return {
    coveringChanges: (service: string, now: Date): GateChange[] =>
      covering.all({ now: now.getTime(), service }).map(toGateChange),
    gateChange(id: number): GateChange | null {
      const row = gateChange.get(id);
      return row ? toGateChange(row) : null;
    },
    insert: (values: NewDeployment): DeploymentRow => db.insert(deployments).values(values).returning().get(),
    get,
    /** The change's latest deployments, newest first (bounded: a card shows a few). */
    listForChange: (changeId: number, limit: number): DeploymentRow[] =>
      ofChange.all(changeId, limit).flatMap(({ id }) => {
        const d = get(id);
        return d ? [d] : [];
      }),
    /** The same deployment reported before (same service, environment, version and run), e.g. "started". */
    reportedBefore: (d: DeploymentRow): boolean =>
      earlier.get(d.service, d.environment, d.version, d.runUrl, d.id) !== undefined,
    insertUnregistered: (deploymentId: number, at: Date): UnregisteredRow =>
      db
        .insert(unregisteredDeployments)
        .values({ deploymentId, status: 'open', createdAt: at })
        .returning()
        .get(),
    getUnregistered(id: number): UnregisteredRow | null {
      const row = unregisteredById.get(id);
      return row ? toUnregistered(row) : null;
    },
    resolveUnregistered(
      id: number,
      patch: {
        status: 'registered' | 'acknowledged';
        changeId?: number;
        reason?: string;
        by: number;
        at: Date;
      },
    ): void {
      sqlite
        .prepare(
          'UPDATE unregistered_deployments SET status = ?, change_id = ?, reason = ?, resolved_by = ?, resolved_at = ? WHERE id = ?',
        )
        .run(patch.status, patch.changeId ?? null, patch.reason ?? null, patch.by, patch.at.getTime(), id);
    },
    /** Unregistered deployments detected in [from, to): for the metrics (an indexed range count). */
    countUnregistered: (from: Date, to: Date): number => countSince.get(from.getTime(), to.getTime())?.n ?? 0,
    /** Unregistered deployments detected in [from, to), when and on which service (indexed, at most `limit`). */
    unregisteredBetween: (from: Date, to: Date, limit: number): { at: Date; service: string }[] =>
      unregisteredIn
        .all(from.getTime(), to.getTime(), limit)
        .map((r) => ({ at: new Date(r.at), service: r.service })),
  };
}

export type DeploymentsRepository = ReturnType<typeof createDeploymentsRepository>;
