import { formatChangeKey } from '../change/change-key.ts';
import type { Freeze, GateChange, GateDecision, GateInput, GateReason } from './types.ts';

type Verdict = { readonly outcome: GateDecision['outcome']; readonly reason: GateReason };

const reason = (code: string, message: string): GateReason => ({ code, message });

/** ITIL change schedule: a freeze applies to a service while now lies inside its window. */
export const freezeApplies = (freeze: Freeze, service: string, now: Date): boolean =>
  (freeze.services === 'all' || freeze.services.includes(service)) &&
  freeze.start.getTime() <= now.getTime() &&
  now.getTime() < freeze.end.getTime();

/**
 * ITIL change enablement: a change authorises work on the services it names, inside its window only. A window
 * is half-open, [start, end), as everywhere on the schedule: at its end the work must be done.
 */
export const windowContains = (change: Pick<GateChange, 'plannedStart' | 'plannedEnd'>, now: Date): boolean =>
  change.plannedStart.getTime() <= now.getTime() && now.getTime() < change.plannedEnd.getTime();

/** ITIL change enablement: what one change says about deploying `service` now. */
function judgeChange(change: GateChange, input: GateInput): Verdict {
  const key = formatChangeKey(change.id);
  const { service, now } = input;
  if (!change.services.includes(service)) {
    return {
      outcome: 'prevented',
      reason: reason('change_not_covering', `${key} does not cover ${service}.`),
    };
  }
  switch (change.state) {
    case 'rejected':
      return { outcome: 'prevented', reason: reason('change_rejected', `${key} was rejected.`) };
    case 'expired':
      return { outcome: 'prevented', reason: reason('change_expired', `${key} expired undecided.`) };
    case 'cancelled':
      return { outcome: 'prevented', reason: reason('change_cancelled', `${key} was cancelled.`) };
    case 'review':
    case 'closed':
      return {
        outcome: 'prevented',
        reason: reason('change_completed', `${key} is already completed; raise a new change.`),
      };
    case 'new':
    case 'assess':
    case 'authorise':
      return {
        outcome: 'awaiting',
        reason: reason('change_pending', `${key} is still being decided by its change authority.`),
      };
    case 'scheduled':
    case 'implement':
      break;
  }
  if (change.type === 'standard') {
    const model = input.models.find((m) => m.id === change.modelId);
    if (!model || (model.services.length > 0 && !model.services.includes(service))) {
      return {
        outcome: 'prevented',
        reason: reason(
          'model_withdrawn',
          `${key} is a standard change whose model no longer covers ${service}.`,
        ),
      };
    }
  }
  if (!windowContains(change, now)) {
    const early = now.getTime() < change.plannedStart.getTime();
    return {
      outcome: 'prevented',
      reason: reason(
        'outside_window',
        early
          ? `${key}'s window opens at ${change.plannedStart.toISOString()}.`
          : `${key}'s window ended at ${change.plannedEnd.toISOString()}.`,
      ),
    };
  }
  const what = change.type === 'standard' ? 'a pre-authorised standard change' : 'approved';
  return {
    outcome: 'allowed',
    reason: reason('change_approved', `${key} is ${what} and inside its window.`),
  };
}

const RANK: Record<GateDecision['outcome'], number> = { allowed: 0, awaiting: 1, prevented: 2 };

/**
 * ITIL change enablement at the point of deployment: a pipeline may deploy when an authorised change (or a
 * standard change under its model) covers the service and now is inside its window; it waits while the
 * change is being decided; it is stopped by a hard freeze (unless the change is an emergency), by a
 * rejected, expired or finished change, outside the window, or when the environment requires a change and
 * none covers the deployment. Soft freezes only warn.
 */
export function decideGate(input: GateInput): GateDecision {
  const { service, now } = input;
  // Freezes protect the controlled environments (those that require a change), not test environments.
  const active = input.requiresChange ? input.freezes.filter((f) => freezeApplies(f, service, now)) : [];
  const warnings = active
    .filter((f) => !f.hard)
    .map((f) =>
      reason('soft_freeze', `Soft freeze "${f.name}" until ${f.end.toISOString()}: justify the deployment.`),
    );
  const hard = active.find((f) => f.hard);

  let change: GateChange | null = null;
  let verdict: Verdict;
  if (input.named === 'missing') {
    verdict = {
      outcome: 'prevented',
      reason: reason('change_not_found', 'The change named does not exist.'),
    };
  } else if (input.named !== null) {
    change = input.named;
    verdict = judgeChange(change, input);
  } else {
    // In a hard freeze only an emergency change may deploy: it comes first among equally good candidates, so
    // an approved normal change covering the same service does not hide it.
    const frozenOut = (c: GateChange) => (hard && c.type !== 'emergency' ? 1 : 0);
    const judged = input.candidates
      .map((c) => ({ change: c, verdict: judgeChange(c, input) }))
      .filter((j) => j.verdict.outcome !== 'prevented')
      .sort(
        (a, b) =>
          RANK[a.verdict.outcome] - RANK[b.verdict.outcome] || frozenOut(a.change) - frozenOut(b.change),
      );
    const best = judged[0];
    if (best) {
      change = best.change;
      verdict = best.verdict;
    } else if (input.requiresChange) {
      verdict = {
        outcome: 'prevented',
        reason: reason(
          'no_change',
          `No approved change covers ${service} now, and ${input.environment} requires one.`,
        ),
      };
    } else {
      verdict = {
        outcome: 'allowed',
        reason: reason('change_not_required', `${input.environment} does not require a change.`),
      };
    }
  }

  if (hard && change?.type !== 'emergency') {
    const freeze = reason(
      'hard_freeze',
      `Hard freeze "${hard.name}" until ${hard.end.toISOString()}: only emergency changes may deploy.`,
    );
    return { outcome: 'prevented', reasons: [freeze, verdict.reason, ...warnings], change };
  }
  return { outcome: verdict.outcome, reasons: [verdict.reason, ...warnings], change };
}
