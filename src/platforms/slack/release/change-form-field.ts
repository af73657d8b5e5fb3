import type { types } from '@slack/bolt';
import type { AppContext } from '../../../app/context.ts';
import { formatReleaseKey } from '../../../domain/release/release-key.ts';
import type { ViewValues } from '../forms/view-values.ts';
import { readInput } from '../forms/view-values.ts';
import { plain } from '../render/blocks.ts';
import { LIMITS } from '../render/limits.ts';

/** The change form's optional release field (its block id). */
export const RELEASE_FIELD = 'release';

/**
 * Adds the optional release field to a change form modal: the upcoming releases (planned or ready). The
 * submission checks that the release's model covers the change's services.
 */
export function withReleaseField(
  ctx: AppContext,
  view: types.ModalView,
  picked: number | null = null,
): types.ModalView {
  const now = ctx.clock();
  const upcoming = ctx.repos.releases.listStartingBetween(
    now,
    new Date(now.getTime() + 90 * 86_400_000),
    ['planned', 'ready'],
    LIMITS.selectOptions,
  );
  if (upcoming.length === 0 || view.blocks.length >= LIMITS.viewBlocks) return view;
  const options = upcoming.map((r) => ({
    text: plain(`${formatReleaseKey(r.id)} ${r.name}`, LIMITS.optionText),
    value: String(r.id),
  }));
  const initial = options.find((o) => o.value === String(picked));
  const field: types.InputBlock = {
    type: 'input',
    block_id: RELEASE_FIELD,
    optional: true,
    label: plain('Release (optional)', LIMITS.inputLabel),
    hint: plain("Ride an upcoming release; its model must cover the change's services.", LIMITS.inputHint),
    element: {
      type: 'static_select',
      action_id: RELEASE_FIELD,
      placeholder: plain('No release', 150),
      options,
      ...(initial ? { initial_option: initial } : {}),
    },
  };
  return { ...view, blocks: [...view.blocks, field] };
}

/** The release picked in the form, or null. */
export function readReleaseField(values: ViewValues): number | null {
  const raw = readInput(values, RELEASE_FIELD);
  const id = typeof raw === 'string' ? Number(raw) : Number.NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
