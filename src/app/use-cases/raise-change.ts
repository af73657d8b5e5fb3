import { draftColumns } from '../../db/change-repo.ts';
import { eligibleMembers, selectRoute } from '../../domain/change/approval.ts';
import type { ChangeRecord } from '../../domain/change/change.ts';
import { reminderAt } from '../../domain/change/expiry.ts';
import { transition } from '../../domain/change/lifecycle.ts';
import type { RiskAssessment } from '../../domain/change/risk.ts';
import type { ChangeDraft, ChangeState } from '../../domain/change/types.ts';
import { type DraftInvalid, validateDraft } from '../../domain/change/validate-draft.ts';
import type { ApprovalRoute } from '../../domain/policy/types.ts';
import { type DomainError, fail, ok, type Result } from '../../domain/result.ts';
import { openObjectionWindow } from '../approval/objection-window.ts';
import { expiryForBoard } from '../approval/working-time.ts';
import { auditChange } from '../audit.ts';
import { type Actor, type AppContext, inTransaction } from '../context.ts';
import { JOB } from '../jobs/kinds.ts';
import { outbox } from '../jobs/outbox.ts';
import { assessChangeSchedule, recordChangeSchedule, scheduleRefusal } from '../schedule/assess-change.ts';

export interface Raised {
  readonly change: ChangeRecord;
  readonly risk: RiskAssessment;
  readonly boardName: string | null;
}

function walk(type: ChangeDraft['type'], from: ChangeState, actions: ('submit' | 'assess')[]): ChangeState {
  let state = from;
  for (const action of actions) {
    const next = transition(type, state, action);
    if (!next.ok) throw new Error(next.error.message);
    state = next.value;
  }
  return state;
}

/**
 * Raises a change request: validates the form, assesses risk, picks the change authority by type and risk,
 * records it with its audit event, and enqueues the card post, reminder and expiry jobs (one transaction).
 */
export function raiseChange(
  ctx: AppContext,
  actor: Actor,
  input: { draft: ChangeDraft; sourceLink?: string | null },
): Result<Raised, DraftInvalid | DomainError> {
  const now = ctx.clock();
  const valid = validateDraft(input.draft, { policy: ctx.policy, now });
  if (!valid.ok) return valid;
  const { draft, risk, model } = valid.value;
  // The change schedule: a hard freeze (unless an emergency) or an unjustified soft freeze is a form error.
  const refused = scheduleRefusal(assessChangeSchedule(ctx, draft, null));
  if (refused) return { ok: false, error: refused };

  let route: ApprovalRoute | null = null;
  let boardId: string | null = model?.announceBoard ?? null;
  let boardName: string | null = null;
  if (draft.type !== 'standard') {
    const selected = selectRoute(ctx.policy, draft.type, risk.level);
    if (!selected.ok) return fail(selected.error.code, selected.error.message, 'type');
    route = selected.value.route;
    boardId = selected.value.board.id;
    boardName = selected.value.board.name;
    // An authority with nobody eligible could never decide; say so now instead of letting the change expire.
    if (eligibleMembers(selected.value.board, actor.person).length === 0) {
      return fail(
        'no_approvers',
        `${boardName} has no members who could approve this change. Ask your change manager to name them in the policy file.`,
        'type',
      );
    }
  } else if (boardId) {
    boardName = ctx.policy.boards.find((b) => b.id === boardId)?.name ?? null;
  }
  // Standard changes are pre-authorised by their model; normal ones are assessed by the questionnaire itself.
  const state = walk(draft.type, 'new', draft.type === 'normal' ? ['submit', 'assess'] : ['submit']);
  const expiresAt = draft.type === 'standard' ? null : expiryForBoard(ctx.policy, boardId, now);

  const change = inTransaction(ctx, () => {
    const created = ctx.repos.changes.insert({
      type: draft.type,
      state,
      ...draftColumns(valid.value),
      boardId,
      approvalRoute: route,
      requesterId: actor.person.id,
      sourceLink: input.sourceLink ?? null,
      createdAt: now,
      updatedAt: now,
      decidedAt: draft.type === 'standard' ? now : null,
      expiresAt,
    });
    auditChange(ctx, actor, 'change.raised', created, {
      at: now,
      data: {
        type: draft.type,
        state,
        riskLevel: risk.level,
        riskScore: risk.score,
        board: boardId,
        model: model?.id,
      },
    });
    const jobs = outbox(ctx, now);
    jobs.postCard(created.id);
    recordChangeSchedule(ctx, actor, created, draft, jobs, now);
    if (expiresAt) {
      jobs.scheduleForVersion(JOB.expireChange, created.id, created.version, expiresAt);
      const remindAt = reminderAt(now, ctx.policy.defaults);
      if (remindAt) jobs.scheduleForVersion(JOB.remindApprovers, created.id, created.version, remindAt);
      openObjectionWindow(ctx, created, now);
    }
    return created;
  });
  return ok({ change, risk, boardName });
}
