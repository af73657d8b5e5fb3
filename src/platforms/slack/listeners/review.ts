import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, types, ViewSubmitAction } from '@slack/bolt';
import type { AppContext } from '../../../app/context.ts';
import { changeCard } from '../../../app/queries.ts';
import { recordReview } from '../../../app/use-cases/implementation.ts';
import { formatChangeKey } from '../../../domain/change/change-key.ts';
import { isTerminal } from '../../../domain/change/lifecycle.ts';
import { readInput, readText } from '../forms/view-values.ts';
import { ACTION, decodeChangeRef, VIEW } from '../ids.ts';
import { noteMessage } from '../render/command-text.ts';
import { MET_GOAL, reviewModal } from '../render/modals.ts';
import { type ButtonArgs, buttonListener } from './action-args.ts';
import type { ListenerDeps } from './deps.ts';
import { guarded } from './guard.ts';
import { notePrivately, sendDm } from './reply.ts';
import type { SlackListeners } from './router.ts';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const REVIEW_BLOCKS = ['metGoal', 'summary', 'lessons'];

/**
 * The review modal of a change, or the private note that says why there is none: a change gets its
 * post-implementation review only while it is in review (after Complete), so a stale card or a mistyped key
 * gets a sentence naming the change's state instead of a form that cannot be submitted.
 */
export function reviewModalFor(
  ctx: AppContext,
  changeId: number,
): { readonly view: types.ModalView } | { readonly note: string } {
  const key = formatChangeKey(changeId);
  const card = changeCard(ctx, changeId, 'cab');
  if (!card) return { note: `:mag: ${key} does not exist.` };
  if (card.state === 'review') return { view: reviewModal(card, { changeId }) };
  const state = `*${card.stateLabel}*`;
  return {
    note: isTerminal(card.state)
      ? `:information_source: ${key} is ${state}; there is no review to record.`
      : `:information_source: ${key} is ${state}, not in review; its review is recorded once it is completed.`,
  };
}

/** "Record review" on a card or in App Home, and the review modal's submission (which closes the change). */
export function registerReview(app: SlackListeners, deps: ListenerDeps): void {
  const { ctx, identity, present } = deps;

  app.action(
    ACTION.review,
    buttonListener(deps, 'review', async (args: ButtonArgs) => {
      const { changeId } = decodeChangeRef(args.action.value);
      await args.ack();
      const opened = reviewModalFor(ctx, changeId);
      if ('note' in opened) return notePrivately(args, opened.note);
      await args.client.views.open({ trigger_id: args.body.trigger_id, view: opened.view });
    }),
  );

  const submit = async ({ ack, body, view }: SubmitArgs) => {
    const { changeId } = decodeChangeRef(view.private_metadata);
    const values = view.state.values;
    const met = readInput(values, 'metGoal');
    if (met !== MET_GOAL.yes && met !== MET_GOAL.no) {
      return ack({ response_action: 'errors', errors: { metGoal: 'Say whether the change met its goal.' } });
    }
    const actor = await identity.actorFor(body.user.id);
    const result = recordReview(ctx, actor, {
      changeId,
      metGoal: met === MET_GOAL.yes,
      summary: readText(values, 'summary'),
      lessons: readText(values, 'lessons'),
    });
    // Every refusal (empty summary, not allowed, no longer in review) stays in the modal, privately.
    if (!result.ok) return ack(present.viewErrors(result.error, REVIEW_BLOCKS, 'metGoal'));
    await ack();
  };
  app.view(
    VIEW.review,
    guarded(deps, 'review submit', submit, {
      early: (_args, text) => ({ response_action: 'errors', errors: { metGoal: text } }),
      late: (args, text) => sendDm(args.client, args.body.user.id, noteMessage(`:warning: ${text}`)),
    }),
  );
}
