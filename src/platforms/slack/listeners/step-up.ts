import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction, webApi } from '@slack/bolt';
import { stepUpPrompt } from '../../../app/approval/step-up-prompt.ts';
import { castVote } from '../../../app/use-cases/cast-vote.ts';
import { formatChangeKey } from '../../../domain/change/change-key.ts';
import { noteMessage } from '../render/command-text.ts';
import { noteModal } from '../render/modals.ts';
import { stepUpModal } from '../render/step-up-modal.ts';
import { decodeStepUpRef, STEP_UP_VIEW } from '../step-up-ref.ts';
import type { ListenerDeps } from './deps.ts';
import { guarded } from './guard.ts';
import { sendDm } from './reply.ts';
import type { SlackListeners } from './router.ts';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * A plain Approve on a step-up change was refused (nothing recorded): open the confirmation modal instead.
 * Returns false when there is nothing to confirm (the change is gone or no longer needs it).
 */
export async function openStepUp(
  deps: ListenerDeps,
  client: webApi.WebClient,
  triggerId: string,
  changeId: number,
): Promise<boolean> {
  const prompt = stepUpPrompt(deps.ctx, changeId);
  if (!prompt) return false;
  await client.views.open({
    trigger_id: triggerId,
    view: stepUpModal(prompt, deps.ctx.policy.defaults.timezone),
  });
  return true;
}

/** The confirmation's submit casts the approval, bound to the version and fingerprint the modal showed. */
export function registerStepUp(app: SlackListeners, deps: ListenerDeps): void {
  const { ctx, identity, present, surface } = deps;
  const submit = async ({ ack, body, view }: SubmitArgs) => {
    const ref = decodeStepUpRef(view.private_metadata);
    const actor = await identity.actorFor(body.user.id);
    const result = castVote(ctx, actor, {
      changeId: ref.changeId,
      version: ref.version,
      decision: 'approve',
      reason: null,
      confirmedFingerprint: ref.fingerprint,
    });
    if (!result.ok) {
      // The modal has no input to hang an error on: it turns into a note saying what happened instead.
      await ack({ response_action: 'update', view: noteModal(present.refusal(result.error)) });
      return;
    }
    const key = formatChangeKey(ref.changeId);
    const done = result.value.decided ? ` ${key} is now ${result.value.decided}.` : '';
    await ack({
      response_action: 'update',
      view: noteModal(`:white_check_mark: You approved ${key}.${done}`),
    });
    await surface.publishHome(actor.person);
  };
  app.view(
    STEP_UP_VIEW,
    guarded(deps, 'step-up submit', submit, {
      early: (_args, text) => ({ response_action: 'update', view: noteModal(`:warning: ${text}`) }),
      late: (args, text) => sendDm(args.client, args.body.user.id, noteMessage(`:warning: ${text}`)),
    }),
  );
}
