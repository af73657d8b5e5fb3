import { appendAudit } from '../../db/audit.ts';
import { selectRoute } from '../../domain/change/approval.ts';
import type { PersonRecord } from '../../domain/change/change.ts';
import { formatChangeKey } from '../../domain/change/change-key.ts';
import { assessRisk, highestCriticality } from '../../domain/change/risk.ts';
import type { Outcome, RiskAnswers } from '../../domain/change/types.ts';
import type { MemberRef } from '../../domain/policy/types.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { buildUnregisteredAlert, type UnregisteredAlertView } from '../../domain/views/unregistered-alert.ts';
import { isChangeManager } from '../api/token-command.ts';
import { type Actor, type AppContext, inTransaction } from '../context.ts';
import { outbox } from '../jobs/outbox.ts';

/** Nothing is known about an unregistered change: assume the cautious answers, so its risk is not understated. */
const UNKNOWN_RISK: RiskAnswers = {
  impact: 'degraded',
  complexity: 'moderate',
  tested: 'no',
  backout: 'hard',
  failedBefore: false,
};

const OUTCOME_OF: Record<string, Outcome | null> = {
  started: null,
  succeeded: 'successful',
  failed: 'failed',
  rolled_back: 'rolled_back',
};

function personOf(ctx: AppContext, m: MemberRef): PersonRecord | null {
  return (
    (m.slack && ctx.repos.people.findByIdentity({ platform: 'slack', slackUserId: m.slack, name: '' })) ||
    (m.teams && ctx.repos.people.findByIdentity({ platform: 'teams', teamsUserId: m.teams, name: '' })) ||
    (m.email && ctx.repos.people.findByEmail(m.email)) ||
    null
  );
}

/**
 * Who hears about an unregistered deployment: the change managers (final say) of the board that would
 * authorise an emergency change, or of every board when the policy names none there.
 */
export function changeManagersForUnregistered(ctx: AppContext): PersonRecord[] {
  const route = selectRoute(ctx.policy, 'emergency', 'high');
  const boards = route.ok ? [route.value.board] : ctx.policy.boards;
  let members = boards.flatMap((b) => b.members.filter((m) => m.finalSay));
  if (members.length === 0) members = ctx.policy.boards.flatMap((b) => b.members.filter((m) => m.finalSay));
  const people = new Map<number, PersonRecord>();
  for (const m of members) {
    const p = personOf(ctx, m);
    if (p) people.set(p.id, p);
  }
  return [...people.values()];
}

function resolutionOf(
  ctx: AppContext,
  row: { status: string; changeId: number | null; reason: string | null; resolvedBy: number | null },
) {
  const by = row.resolvedBy === null ? 'someone' : (ctx.repos.people.get(row.resolvedBy)?.name ?? 'someone');
  if (row.status === 'registered' && row.changeId !== null)
    return `Registered as emergency change ${formatChangeKey(row.changeId)} by ${by}.`;
  if (row.status === 'acknowledged') return `Acknowledged by ${by}: ${row.reason ?? ''}`;
  return null;
}

/** The alert as stored now (for the job that sends it and for the card a click returns). */
export function unregisteredAlert(ctx: AppContext, unregisteredId: number): UnregisteredAlertView | null {
  const row = ctx.repos.deployments.getUnregistered(unregisteredId);
  const deployment = row ? ctx.repos.deployments.get(row.deploymentId) : null;
  if (!row || !deployment) return null;
  return buildUnregisteredAlert({
    unregisteredId,
    deployment,
    status: row.status,
    resolution: resolutionOf(ctx, row),
  });
}

/** Loads an open alert the actor may resolve, or says what already happened. */
function openAlert(ctx: AppContext, actor: Actor, unregisteredId: number) {
  const row = ctx.repos.deployments.getUnregistered(unregisteredId);
  const deployment = row ? ctx.repos.deployments.get(row.deploymentId) : null;
  if (!row || !deployment) return fail('not_found', 'That unregistered deployment does not exist.');
  if (!isChangeManager(ctx.policy, actor.person))
    return fail('not_allowed', 'Only a change manager (final say) can resolve an unregistered deployment.');
  if (row.status !== 'open') return fail('already_resolved', `Nothing to do: ${resolutionOf(ctx, row)}`);
  return ok({ row, deployment });
}

/**
 * Registers an unregistered deployment after the fact as an emergency change (ITIL: emergency changes are
 * always reviewed): authorised by the change manager who registers it, started when the deployment began,
 * and completed with the deployment's outcome when it has one, so it waits for its post-implementation review.
 */
export function registerUnregistered(
  ctx: AppContext,
  actor: Actor,
  cmd: { unregisteredId: number },
): Result<{ changeId: number }> {
  const now = ctx.clock();
  return inTransaction(ctx, (): Result<{ changeId: number }> => {
    const found = openAlert(ctx, actor, cmd.unregisteredId);
    if (!found.ok) return found;
    const { row, deployment } = found.value;
    const route = selectRoute(ctx.policy, 'emergency', 'high');
    const service = ctx.policy.services.find((s) => s.id === deployment.service);
    const risk = assessRisk({
      answers: UNKNOWN_RISK,
      criticality: highestCriticality(service ? [service.criticality] : []),
      leadTimeHours: (deployment.createdAt.getTime() - now.getTime()) / 3_600_000,
    });
    const outcome = OUTCOME_OF[deployment.status] ?? null;
    const what = `${deployment.service} ${deployment.version} to ${deployment.environment}`;
    const change = ctx.repos.changes.insert({
      type: 'emergency',
      state: outcome ? 'review' : 'implement',
      title: `Unregistered deployment: ${what}`.slice(0, 150),
      description: `Deployed by a pipeline (${deployment.reportedBy}) on ${deployment.createdAt.toISOString()} with no approved change${deployment.runUrl ? `; run ${deployment.runUrl}` : ''}. Registered after the fact.`,
      justification: 'Registered after the fact by the change manager.',
      services: [deployment.service],
      plannedStart: deployment.createdAt,
      plannedEnd: now.getTime() > deployment.createdAt.getTime() ? now : deployment.createdAt,
      riskAnswers: UNKNOWN_RISK,
      riskScore: risk.score,
      riskLevel: risk.level,
      implementationPlan: `The pipeline's deployment of ${what}.`,
      backoutPlan: '',
      testPlan: '',
      modelId: null,
      boardId: route.ok ? route.value.board.id : null,
      approvalRoute: route.ok ? route.value.route : null,
      requesterId: actor.person.id,
      sourceLink: deployment.runUrl,
      outcome,
      createdAt: now,
      updatedAt: now,
      decidedAt: now,
      startedAt: deployment.createdAt,
      completedAt: outcome ? now : null,
    });
    ctx.database.sqlite
      .prepare('UPDATE deployments SET change_id = ? WHERE id = ?')
      .run(change.id, deployment.id);
    ctx.repos.deployments.resolveUnregistered(row.id, {
      status: 'registered',
      changeId: change.id,
      by: actor.person.id,
      at: now,
    });
    appendAudit(ctx.database.db, {
      at: now,
      changeId: change.id,
      actorId: actor.person.id,
      actorName: actor.person.name,
      platform: actor.platform,
      action: 'change.registered_after_the_fact',
      version: change.version,
      reason: null,
      data: { deploymentId: deployment.id, unregisteredId: row.id, state: change.state, outcome },
    });
    outbox(ctx, now).postCard(change.id);
    return ok({ changeId: change.id });
  });
}

/** Acknowledges an unregistered deployment with a reason (e.g. "rollback of yesterday's change"). */
export function acknowledgeUnregistered(
  ctx: AppContext,
  actor: Actor,
  cmd: { unregisteredId: number; reason: string },
): Result<void> {
  const reason = cmd.reason.trim();
  if (!reason) return fail('reason_required', 'Say why this deployment needed no change.', 'reason');
  const now = ctx.clock();
  return inTransaction(ctx, (): Result<void> => {
    const found = openAlert(ctx, actor, cmd.unregisteredId);
    if (!found.ok) return found;
    const { row, deployment } = found.value;
    ctx.repos.deployments.resolveUnregistered(row.id, {
      status: 'acknowledged',
      reason,
      by: actor.person.id,
      at: now,
    });
    appendAudit(ctx.database.db, {
      at: now,
      changeId: deployment.changeId,
      actorId: actor.person.id,
      actorName: actor.person.name,
      platform: actor.platform,
      action: 'deployment.acknowledged',
      version: null,
      reason,
      data: { deploymentId: deployment.id, unregisteredId: row.id },
    });
    return ok(undefined);
  });
}
