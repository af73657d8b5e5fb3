import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { adviseWindow } from '../../../app/schedule/advise-window.ts';
import { buildChangeForm } from '../../../domain/views/change-form.ts';
import { windowDraftOf } from '../../../domain/views/schedule-advice.ts';
import { readChangeForm } from '../forms/read-change-form.ts';
import { decodeVersionRef, VIEW } from '../ids.ts';
import { RELEASE_FIELD, readReleaseField, withReleaseField } from '../release/change-form-field.ts';
import { renderFormWithSchedule } from '../render/form-modal.ts';
import { parseBlockId, SCHEDULE_ACTION, SCHEDULE_SLOT_PATTERN } from '../render/schedule-advice.ts';
import { buttonListener } from './action-args.ts';
import type { ListenerDeps } from './deps.ts';
import type { SlackListeners } from './router.ts';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

const SlotSchema = z.object({ start: z.iso.datetime(), end: z.iso.datetime() });

/**
 * The change form's schedule check (Slack): "Check window" shows the window's conflicts and the next free
 * windows; a free window's button fills the window fields in. Nothing is written; the modal is updated.
 */
export function registerScheduleForm(app: SlackListeners, deps: ListenerDeps): void {
  const refresh = async (args: ButtonArgs, slot: { start: string; end: string } | null) => {
    await args.ack();
    const view = args.body.view;
    if (!view) return;
    const values = { ...readChangeForm(view.state.values) };
    const current = view.blocks
      .map((b) => parseBlockId(b.block_id ?? ''))
      .find((b) => b.field === 'plannedStart');
    let revision = current?.revision ?? 0;
    if (slot) {
      values.plannedStart = slot.start;
      values.plannedEnd = slot.end;
      revision += 1;
    }
    const selfId =
      view.callback_id === VIEW.editForm ? decodeVersionRef(view.private_metadata).changeId : null;
    const actor = await deps.identity.actorFor(args.body.user.id);
    const timeZone = actor.person.timezone ?? deps.ctx.policy.defaults.timezone;
    const advice = adviseWindow(deps.ctx, windowDraftOf(values), { timeZone, selfId });
    const first = view.blocks[0] as { type?: string; elements?: { text?: string }[] } | undefined;
    const intro = first?.type === 'context' ? (first.elements?.[0]?.text ?? null) : null;
    const form = buildChangeForm(deps.ctx.policy, values, view.title.text);
    const rendered = renderFormWithSchedule(form, view, intro, { advice, windowRevision: revision });
    // The release field is not one of the change form's own: it comes back, with its pick, if it was there.
    const hadRelease = view.blocks.some((b) => b.block_id === RELEASE_FIELD);
    await args.client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: hadRelease ? withReleaseField(deps.ctx, rendered, readReleaseField(view.state.values)) : rendered,
    });
  };
  app.action(
    SCHEDULE_ACTION.check,
    buttonListener(deps, 'schedule check', (args) => refresh(args, null)),
  );
  app.action(
    SCHEDULE_SLOT_PATTERN,
    buttonListener(deps, 'schedule slot', (args) => {
      let raw: unknown = null;
      try {
        raw = JSON.parse(args.action.value ?? 'null');
      } catch {
        raw = null;
      }
      const parsed = SlotSchema.safeParse(raw);
      return refresh(args, parsed.success ? parsed.data : null);
    }),
  );
}
