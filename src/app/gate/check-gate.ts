import { appendAudit } from '../../db/audit.ts';
import { formatChangeKey } from '../../domain/change/change-key.ts';
import { decideGate } from '../../domain/gate/decide-gate.ts';
import { environmentRequiresChange } from '../../domain/gate/environments.ts';
import type { Freeze, GateChange, GateDecision } from '../../domain/gate/types.ts';
import type { ApiClient } from '../api/tokens.ts';
import type { AppContext } from '../context.ts';

/**
 * Where the gate learns the freezes that apply around now. The change schedule owns freezes; the
 * composition root plugs in the policy's (`policyFreezeSource`) unless told otherwise.
 */
export type FreezeSource = (query: { readonly service: string; readonly now: Date }) => readonly Freeze[];

export const noFreezes: FreezeSource = () => [];

export interface PipelineRun {
  readonly provider: string;
  readonly url: string;
  readonly commit?: string | undefined;
}

export interface GateRequest {
  readonly service: string;
  readonly environment: string;
  readonly changeId: number | null;
  readonly version: string | null;
  readonly run: PipelineRun | null;
}

/** Reads what the gate needs (one change by id, or the bounded covering lookup) and lets the domain decide. */
export function evaluateGate(ctx: AppContext, freezes: FreezeSource, req: GateRequest): GateDecision {
  const now = ctx.clock();
  const { deployments } = ctx.repos;
  const named = req.changeId === null ? null : (deployments.gateChange(req.changeId) ?? 'missing');
  return decideGate({
    service: req.service,
    environment: req.environment,
    now,
    requiresChange: environmentRequiresChange(ctx.policy, req.environment),
    named,
    candidates: named === null ? deployments.coveringChanges(req.service, now) : [],
    freezes: freezes({ service: req.service, now }),
    models: ctx.policy.models,
  });
}

/** The change as the API shows it. */
export const changeSummary = (change: GateChange | null) =>
  change && {
    id: change.id,
    key: formatChangeKey(change.id),
    title: change.title,
    type: change.type,
    state: change.state,
    window: { start: change.plannedStart.toISOString(), end: change.plannedEnd.toISOString() },
  };

/** Appends the gate's answer to the audit trail (inside the caller's transaction): who asked, what, why. */
export function auditGateCheck(
  ctx: AppContext,
  client: ApiClient,
  req: GateRequest,
  decision: GateDecision,
  waitedSeconds: number,
): void {
  appendAudit(ctx.database.db, {
    at: ctx.clock(),
    changeId: decision.change?.id ?? null,
    actorId: null,
    actorName: `api:${client.name}`,
    platform: 'api',
    action: 'gate.checked',
    version: null,
    reason: decision.reasons[0]?.message ?? null,
    data: {
      outcome: decision.outcome,
      reasons: decision.reasons.map((r) => r.code),
      service: req.service,
      environment: req.environment,
      requestedChange: req.changeId,
      version: req.version,
      run: req.run,
      waitedSeconds,
    },
  });
}

/**
 * Long-poll: re-evaluates while the answer is `awaiting`, until it changes or `waitSeconds` pass. Each
 * evaluation is a short read with no transaction held; the pause between them is a timer, so the event
 * loop stays free.
 */
export async function waitWhileAwaiting(
  ctx: AppContext,
  freezes: FreezeSource,
  req: GateRequest,
  opts: { waitSeconds: number; intervalMs: number; aborted: () => boolean },
): Promise<number> {
  const started = performance.now();
  const deadline = started + opts.waitSeconds * 1000;
  while (!opts.aborted() && evaluateGate(ctx, freezes, req).outcome === 'awaiting') {
    const left = deadline - performance.now();
    if (left <= 0) break;
    await new Promise((resolve) => setTimeout(resolve, Math.min(opts.intervalMs, left)));
  }
  return Math.round((performance.now() - started) / 1000);
}
