import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction, webApi } from '@slack/bolt';
import { changeCard } from '../../../app/queries.ts';
import { includeOwnChange, releaseFitsChange } from '../../../app/release/include-own-change.ts';
import { raiseChange } from '../../../app/use-cases/raise-change.ts';
import type { DraftInvalid } from '../../../domain/change/validate-draft.ts';
import type { DomainError } from '../../../domain/result.ts';
import {
  buildChangeForm,
  type ChangeFormValues,
  type FormErrors,
  parseChangeForm,
  toFormErrors,
} from '../../../domain/views/change-form.ts';
import type { ErrorPresenter, ViewErrors } from '../errors.ts';
import { readChangeForm } from '../forms/read-change-form.ts';
import { decodeFormMeta, type FormMeta, VIEW } from '../ids.ts';
import { readReleaseField, withReleaseField } from '../release/change-form-field.ts';
import { noteMessage, raisedMessage } from '../render/command-text.ts';
import { renderChangeFormModal } from '../render/form-modal.ts';
import { parseBlockId } from '../render/schedule-advice.ts';
import type { ListenerDeps } from './deps.ts';
import { guarded } from './guard.ts';
import { sendDm } from './reply.ts';
import type { SlackListeners } from './router.ts';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Opens the change form; call it first, while the trigger (3 s, single use) is fresh. */
export async function openChangeForm(
  deps: ListenerDeps,
  client: webApi.WebClient,
  triggerId: string,
  opts: { initial?: ChangeFormValues; meta?: FormMeta; intro?: string | null } = {},
): Promise<void> {
  const form = buildChangeForm(deps.ctx.policy, opts.initial ?? {});
  const view = withReleaseField(
    deps.ctx,
    renderChangeFormModal(form, opts.meta ?? { sourceLink: null }, opts.intro ?? null),
  );
  await client.views.open({ trigger_id: triggerId, view });
}

/** Field errors may only name blocks the modal has; any other goes to the title so it is never lost. */
export function onExistingBlocks(errors: FormErrors, view: ViewSubmitAction['view']): Record<string, string> {
  const ids = view.blocks.map((b) => b.block_id).filter((id): id is string => typeof id === 'string');
  const present = new Set(ids);
  // A window block renamed by a slot pick (`plannedStart.r1`) still takes its field's errors.
  const blockOf = (field: string) => ids.find((id) => parseBlockId(id).field === field) ?? field;
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const block = present.has(blockOf(field)) ? blockOf(field) : 'title';
    out[block] = out[block] ? `${out[block]} ${message}` : message;
  }
  return out;
}

/**
 * How a use case's refusal of a submitted form shows in the modal: a draft's business-rule errors under their
 * fields, any other refusal (not allowed, stale version…) under its field or else under the title.
 */
export function refusedDraft(
  error: DraftInvalid | DomainError,
  view: ViewSubmitAction['view'],
  present: ErrorPresenter,
): ViewErrors {
  if ('fieldErrors' in error) {
    return { response_action: 'errors', errors: onExistingBlocks(toFormErrors(error.fieldErrors), view) };
  }
  const blocks = view.blocks.map((b) => b.block_id ?? '');
  return present.viewErrors(error, blocks, 'title');
}

/** The form's submission: parse → resolve the requester → raiseChange → field errors or a private confirmation. */
export function registerChangeForm(app: SlackListeners, deps: ListenerDeps): void {
  const { ctx, identity, present } = deps;
  const submit = async ({ ack, body, view, client }: SubmitArgs) => {
    const parsed = parseChangeForm(readChangeForm(view.state.values));
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: onExistingBlocks(parsed.error.fieldErrors, view) });
      return;
    }
    // The optional release field: its model must cover the change's services.
    const releaseId = readReleaseField(view.state.values);
    const fits = releaseId === null ? null : releaseFitsChange(ctx, releaseId, parsed.value.services);
    if (fits && !fits.ok) return ack({ response_action: 'errors', errors: { release: fits.error.message } });
    const meta = decodeFormMeta(view.private_metadata);
    const actor = await identity.actorFor(body.user.id);
    const raised = raiseChange(ctx, actor, { draft: parsed.value, sourceLink: meta.sourceLink });
    if (!raised.ok) return ack(refusedDraft(raised.error, view, present));
    if (releaseId !== null) includeOwnChange(ctx, actor, { releaseId, changeId: raised.value.change.id });
    // Committed: close the modal, then confirm privately with the id, the risk and what happens next.
    await ack();
    const { change, risk } = raised.value;
    const card = changeCard(ctx, change.id, 'requester');
    if (card) await sendDm(client, body.user.id, raisedMessage(card, risk.score));
  };
  app.view(
    VIEW.changeForm,
    guarded(deps, 'change form submit', submit, {
      early: (_args, text) => ({ response_action: 'errors', errors: { title: text } }),
      late: (args, text) => sendDm(args.client, args.body.user.id, noteMessage(`:warning: ${text}`)),
    }),
  );
}
