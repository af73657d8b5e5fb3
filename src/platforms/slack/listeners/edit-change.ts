import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction, webApi } from '@slack/bolt';
import { changeCard } from '../../../app/queries.ts';
import { storedFreezeJustification } from '../../../app/schedule/assess-change.ts';
import { editChange } from '../../../app/use-cases/edit-change.ts';
import { draftOfChange } from '../../../domain/change/change.ts';
import { formatChangeKey } from '../../../domain/change/change-key.ts';
import { isEditable, STATE_LABELS } from '../../../domain/change/lifecycle.ts';
import { buildChangeForm, formValuesOf, parseChangeForm } from '../../../domain/views/change-form.ts';
import { readChangeForm } from '../forms/read-change-form.ts';
import { decodeVersionRef, VIEW } from '../ids.ts';
import { editedMessage, noteMessage } from '../render/command-text.ts';
import { editFormIntro, renderEditFormModal } from '../render/form-modal.ts';
import { onExistingBlocks, refusedDraft } from './change-form.ts';
import type { ListenerDeps } from './deps.ts';
import { guarded } from './guard.ts';
import { sendDm } from './reply.ts';
import type { SlackListeners } from './router.ts';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * `/change edit CHG-n`: the change form prefilled from the stored change, opened on its current version.
 * Only the requester may edit, so anyone else gets the refusal at once instead of a form they cannot submit.
 * Returns the private note to show when no form was opened; call it first, while the trigger is fresh.
 */
export async function openEditForm(
  deps: ListenerDeps,
  client: webApi.WebClient,
  triggerId: string,
  slackUserId: string,
  changeId: number,
): Promise<string | null> {
  const key = formatChangeKey(changeId);
  const change = deps.ctx.repos.changes.get(changeId);
  if (!change) return `:mag: ${key} does not exist.`;
  const { person } = await deps.identity.actorFor(slackUserId);
  if (change.requesterId !== person.id) return `:no_entry: Only the requester can edit ${key}.`;
  // Refused before the form opens, so nobody fills in a form that cannot be saved (editChange checks again).
  if (!isEditable(change.state)) {
    return `:no_entry: ${key} is *${STATE_LABELS[change.state]}*; it can no longer be edited.`;
  }
  const values = {
    ...formValuesOf(draftOfChange(change)),
    freezeJustification: storedFreezeJustification(deps.ctx, changeId),
  };
  const form = buildChangeForm(deps.ctx.policy, values, `Edit ${key}`);
  const view = renderEditFormModal(form, { changeId, version: change.version }, editFormIntro(change));
  await client.views.open({ trigger_id: triggerId, view });
  return null;
}

/** The edit form's submission: parse → editChange on the version it was opened on → field errors or a private note. */
export function registerEditChange(app: SlackListeners, deps: ListenerDeps): void {
  const { ctx, identity, present } = deps;
  const submit = async ({ ack, body, view, client }: SubmitArgs) => {
    const parsed = parseChangeForm(readChangeForm(view.state.values));
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: onExistingBlocks(parsed.error.fieldErrors, view) });
      return;
    }
    const ref = decodeVersionRef(view.private_metadata);
    const actor = await identity.actorFor(body.user.id);
    // Only to word the confirmation: editChange itself decides on the state it reads in its transaction.
    const before = ctx.repos.changes.get(ref.changeId);
    const edited = editChange(ctx, actor, {
      changeId: ref.changeId,
      expectedVersion: ref.version,
      draft: parsed.value,
    });
    if (!edited.ok) return ack(refusedDraft(edited.error, view, present));
    await ack();
    const reopened = before?.state === 'scheduled' && edited.value.state === 'authorise';
    const card = changeCard(ctx, edited.value.id, 'requester');
    if (card) await sendDm(client, body.user.id, editedMessage(card, reopened));
  };
  app.view(
    VIEW.editForm,
    guarded(deps, 'edit form submit', submit, {
      early: (_args, text) => ({ response_action: 'errors', errors: { title: text } }),
      late: (args, text) => sendDm(args.client, args.body.user.id, noteMessage(`:warning: ${text}`)),
    }),
  );
}
