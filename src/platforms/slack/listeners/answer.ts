import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { answerQuestion } from '../../../app/use-cases/questions.ts';
import { formatChangeKey } from '../../../domain/change/change-key.ts';
import { readText } from '../forms/view-values.ts';
import { ANSWER_ACTION_PATTERN, decodeQuestionRef, VIEW } from '../ids.ts';
import { noteMessage } from '../render/command-text.ts';
import { answerModal } from '../render/modals.ts';
import { type ButtonArgs, buttonListener } from './action-args.ts';
import type { ListenerDeps } from './deps.ts';
import { guarded } from './guard.ts';
import { notePrivately, sendDm } from './reply.ts';
import type { SlackListeners } from './router.ts';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The requester answers a CAB member's question from the direct message (or their card). */
export function registerAnswer(app: SlackListeners, deps: ListenerDeps): void {
  const { ctx, identity, present } = deps;

  app.action(
    ANSWER_ACTION_PATTERN,
    buttonListener(deps, 'answer', async (args: ButtonArgs) => {
      const ref = decodeQuestionRef(args.action.value);
      await args.ack();
      const question = ctx.repos.changes.getQuestion(ref.questionId);
      if (!question) return notePrivately(args, ':mag: That question no longer exists.');
      const asker = ctx.repos.people.get(question.askerId)?.name ?? 'A CAB member';
      const view = answerModal(
        { asker, question: question.question, key: formatChangeKey(question.changeId) },
        ref,
      );
      await args.client.views.open({ trigger_id: args.body.trigger_id, view });
    }),
  );

  const submit = async ({ ack, body, view }: SubmitArgs) => {
    const { questionId } = decodeQuestionRef(view.private_metadata);
    const actor = await identity.actorFor(body.user.id);
    const result = answerQuestion(ctx, actor, { questionId, answer: readText(view.state.values, 'answer') });
    if (!result.ok) return ack(present.viewErrors(result.error, ['answer'], 'answer'));
    await ack();
  };
  app.view(
    VIEW.answer,
    guarded(deps, 'answer submit', submit, {
      early: (_args, text) => ({ response_action: 'errors', errors: { answer: text } }),
      late: (args, text) => sendDm(args.client, args.body.user.id, noteMessage(`:warning: ${text}`)),
    }),
  );
}
