import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { requestHomeRefresh } from '../../../app/jobs/outbox.ts';
import { changeCard } from '../../../app/queries.ts';
import { castVote } from '../../../app/use-cases/cast-vote.ts';
import { requestInfo } from '../../../app/use-cases/questions.ts';
import { formatChangeKey } from '../../../domain/change/change-key.ts';
import { readText } from '../forms/view-values.ts';
import { ACTION, decodeVersionRef, VIEW } from '../ids.ts';
import { noteMessage } from '../render/command-text.ts';
import { voteReasonModal } from '../render/modals.ts';
import { type ButtonArgs, buttonListener } from './action-args.ts';
import type { ListenerDeps } from './deps.ts';
import { guarded } from './guard.ts';
import { notePrivately, sendDm } from './reply.ts';
import type { SlackListeners } from './router.ts';
import { openStepUp } from './step-up.ts';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Approve, Reject (with a reason) and Request info, from a card or from App Home. */
export function registerVote(app: SlackListeners, deps: ListenerDeps): void {
  const { ctx, identity, present } = deps;

  // Approve: one click, one transaction; the ack goes out only after the vote is committed.
  app.action(
    ACTION.approve,
    buttonListener(deps, 'approve', async (args: ButtonArgs) => {
      const { ack, action, body } = args;
      const ref = decodeVersionRef(action.value);
      const actor = await identity.actorFor(body.user.id);
      const result = castVote(ctx, actor, { ...ref, decision: 'approve', reason: null });
      await ack();
      // High risk: the click recorded nothing; the approver confirms the fingerprint in a modal instead.
      if (!result.ok && result.error.code === 'step_up_required') {
        if (await openStepUp(deps, args.client, body.trigger_id, ref.changeId)) return;
      }
      if (!result.ok) return notePrivately(args, present.refusal(result.error));
      // The clicker's own App Home lists what awaits their vote: refresh it when they voted from there.
      if (body.view?.type === 'home') requestHomeRefresh(ctx, actor.person.id);
    }),
  );

  // Reject and Request info ask for text first; the modal carries only {changeId, version}.
  for (const kind of ['reject', 'request_info'] as const) {
    app.action(
      kind === 'reject' ? ACTION.reject : ACTION.requestInfo,
      buttonListener(deps, kind, async (args: ButtonArgs) => {
        const { ack, action, body, client } = args;
        const ref = decodeVersionRef(action.value);
        await ack();
        const card = changeCard(ctx, ref.changeId, 'cab');
        if (!card) return notePrivately(args, `:mag: ${formatChangeKey(ref.changeId)} does not exist.`);
        await client.views.open({ trigger_id: body.trigger_id, view: voteReasonModal(kind, card, ref) });
      }),
    );
  }

  const submitReason =
    (kind: 'reject' | 'request_info') =>
    async ({ ack, body, view }: SubmitArgs) => {
      const ref = decodeVersionRef(view.private_metadata);
      const text = readText(view.state.values, 'reason');
      const actor = await identity.actorFor(body.user.id);
      const result =
        kind === 'reject'
          ? castVote(ctx, actor, { ...ref, decision: 'reject', reason: text })
          : requestInfo(ctx, actor, { ...ref, question: text });
      // Every refusal (own change, not a member, decided, stale, empty reason) stays in the modal, privately.
      if (!result.ok) return ack(present.viewErrors(result.error, ['reason'], 'reason'));
      await ack();
      // A modal does not say where it was opened from; a rejection changes the voter's App Home either way.
      if (kind === 'reject') requestHomeRefresh(ctx, actor.person.id);
    };

  for (const kind of ['reject', 'request_info'] as const) {
    app.view(
      kind === 'reject' ? VIEW.reject : VIEW.requestInfo,
      guarded(deps, `${kind} submit`, submitReason(kind), {
        early: (_args, text) => ({ response_action: 'errors', errors: { reason: text } }),
        late: (args, text) => sendDm(args.client, args.body.user.id, noteMessage(`:warning: ${text}`)),
      }),
    );
  }
}
