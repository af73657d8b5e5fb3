import { appendAudit } from '../../db/audit.ts';
import type { DeploymentRow } from '../../db/deployments-repo.ts';
import { memberMatches } from '../../domain/change/approval.ts';
import type { PersonRecord } from '../../domain/change/change.ts';
import { formatChangeKey } from '../../domain/change/change-key.ts';
import { transition } from '../../domain/change/lifecycle.ts';
import { checkStartWindow } from '../../domain/change/window.ts';
import { decideGate } from '../../domain/gate/decide-gate.ts';
import { environmentRequiresChange } from '../../domain/gate/environments.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { DEPLOYMENT_STATUS_LABELS, type DeploymentStatus } from '../../domain/views/deployment-lines.ts';
import { enqueue } from '../../jobs/queue.ts';
import type { ApiClient } from '../api/tokens.ts';
import { boardOf } from '../approval-state.ts';
import { type AppContext, inTransaction } from '../context.ts';
import { JOB, type UnregisteredAlertPayload } from '../jobs/kinds.ts';
import { outbox } from '../jobs/outbox.ts';
import type { PipelineRun } from './check-gate.ts';

export interface DeploymentReport {
  readonly service: string;
  readonly environment: string;
  readonly version: string;
  readonly changeId: number | null;
  readonly status: DeploymentStatus;
  readonly run: PipelineRun | null;
}

export interface RecordedDeployment {
  readonly deployment: DeploymentRow;
  /** The change it counts against (named, or the approved change that covered it). */
  readonly changeId: number | null;
  /** Set when no approved change covered a deployment to an environment that requires one. */
  readonly unregisteredId: number | null;
  /** True when this report moved the change to implementation. */
  readonly startedChange: boolean;
}

/** The requester and the board's implementers who are known people: they record a change's outcome. */
function implementersOf(ctx: AppContext, changeId: number): PersonRecord[] {
  const change = ctx.repos.changes.get(changeId);
  if (!change) return [];
  const people = [ctx.repos.people.get(change.requesterId)];
  for (const m of boardOf(ctx.policy, change)?.implementers ?? []) {
    const found =
      (m.email ? ctx.repos.people.findByEmail(m.email) : null) ??
      (m.slack
        ? ctx.repos.people.findByIdentity({ platform: 'slack', slackUserId: m.slack, name: '' })
        : null);
    if (found && memberMatches(m, found)) people.push(found);
  }
  const unique = new Map(people.filter((p): p is PersonRecord => p !== null).map((p) => [p.id, p]));
  return [...unique.values()];
}

/**
 * Records what a pipeline deployed (one transaction). A deployment is not a release. The report counts
 * against the change it names, or the approved change covering the service now; the first `started` report
 * of an approved change starts its implementation (the lifecycle's own transition and window rules); every
 * report refreshes the change's cards and replies in its threads; a failure asks the implementers to record
 * the outcome; and a deployment to an environment that requires a change with no approved change covering
 * it is recorded as unregistered and raised to the change managers.
 */
export function recordDeployment(
  ctx: AppContext,
  client: ApiClient,
  report: DeploymentReport,
): Result<RecordedDeployment> {
  const now = ctx.clock();
  const actorName = `api:${client.name}`;
  return inTransaction(ctx, (): Result<RecordedDeployment> => {
    const { deployments, changes } = ctx.repos;
    const named = report.changeId === null ? null : deployments.gateChange(report.changeId);
    if (report.changeId !== null && !named) {
      return fail('not_found', `${formatChangeKey(report.changeId)} does not exist.`, 'change');
    }
    // Covered: the same rules as the gate (without freezes: this records what happened, it decides nothing).
    const gate = decideGate({
      service: report.service,
      environment: report.environment,
      now,
      requiresChange: environmentRequiresChange(ctx.policy, report.environment),
      named,
      candidates: named ? [] : deployments.coveringChanges(report.service, now),
      freezes: [],
      models: ctx.policy.models,
    });
    const covered = gate.outcome === 'allowed' && gate.change !== null;
    const changeId = named?.id ?? (covered ? gate.change!.id : null);
    const deployment = deployments.insert({
      service: report.service,
      environment: report.environment,
      version: report.version,
      changeId,
      status: report.status,
      runUrl: report.run?.url ?? null,
      provider: report.run?.provider ?? null,
      commitSha: report.run?.commit ?? null,
      reportedBy: client.name,
      createdAt: now,
    });
    const audit = (
      action: string,
      data: Record<string, unknown>,
      change: number | null,
      reason: string | null = null,
    ) =>
      appendAudit(ctx.database.db, {
        at: now,
        changeId: change,
        actorId: null,
        actorName,
        platform: 'api',
        action,
        version: change === null ? null : (changes.get(change)?.version ?? null),
        reason,
        data,
      });
    audit(
      'deployment.recorded',
      {
        deploymentId: deployment.id,
        service: report.service,
        environment: report.environment,
        version: report.version,
        status: report.status,
        run: report.run,
        covered,
      },
      changeId,
    );

    const jobs = outbox(ctx, now);
    let startedChange = false;
    const requires = environmentRequiresChange(ctx.policy, report.environment);
    if (changeId !== null) {
      const change = changes.get(changeId)!;
      // Scheduled means not started yet: the first started production deployment is the one that starts it.
      const first = report.status === 'started';
      const next = transition(change.type, change.state, 'start');
      // Only a deployment where the change is required (production) starts it; staging runs are rehearsals.
      if (requires && covered && first && change.state === 'scheduled' && next.ok) {
        if (checkStartWindow(change.plannedStart, change.plannedEnd, now).ok) {
          const updated = changes.update(change.id, { state: next.value, startedAt: now, updatedAt: now });
          audit(
            'change.start',
            { from: change.state, to: next.value, deploymentId: deployment.id },
            updated.id,
          );
          startedChange = true;
        }
      }
      const key = formatChangeKey(changeId);
      const line = `${report.service} ${report.version} → ${report.environment}: ${DEPLOYMENT_STATUS_LABELS[report.status]}`;
      jobs.refreshCards(changeId);
      jobs.threadReply(
        changeId,
        `Deployment of ${key}: ${line}${startedChange ? ` (${key} is now in progress)` : ''}.`,
      );
      if (report.status === 'failed' || report.status === 'rolled_back') {
        for (const person of implementersOf(ctx, changeId)) {
          jobs.notify(person.id, {
            changeId,
            headline: `Deployment of ${key} ${report.status === 'failed' ? 'failed' : 'was rolled back'}: ${line}.`,
            body: `Record the outcome of ${key} with Complete on its card (or "complete ${key}").`,
            questionId: null,
          });
        }
      }
    }

    let unregisteredId: number | null = null;
    if (requires && !covered && !deployments.reportedBefore(deployment)) {
      const row = deployments.insertUnregistered(deployment.id, now);
      unregisteredId = row.id;
      audit(
        'deployment.unregistered',
        { deploymentId: deployment.id, unregisteredId: row.id, reasons: gate.reasons.map((r) => r.code) },
        changeId,
        gate.reasons[0]?.message ?? null,
      );
      enqueue(
        ctx.database.db,
        {
          kind: JOB.alertUnregistered,
          payload: { unregisteredId: row.id } satisfies UnregisteredAlertPayload,
          runAt: now,
          dedupeKey: `${JOB.alertUnregistered}:${row.id}`,
        },
        { now },
      );
    }
    return ok({ deployment, changeId, unregisteredId, startedChange });
  });
}
