/** A box of a release checklist that a click changed: the checklist item's index and its new state. */
export interface ChecklistToggle {
  readonly index: number;
  readonly done: boolean;
}

interface RenderedBlock {
  readonly block_id?: string;
  readonly accessory?: {
    readonly type?: string;
    readonly options?: readonly { readonly value?: string }[];
    readonly initial_options?: readonly { readonly value?: string }[];
  };
}

const indices = (options: readonly { readonly value?: string }[] | undefined): Set<number> =>
  new Set((options ?? []).map((o) => Number(o.value)).filter(Number.isInteger));

/**
 * What one click on the checklist's checkboxes changed. Slack sends the whole selection as the clicker's
 * screen shows it, so the click is read against the boxes that screen was drawn with (the message's or
 * view's `initial_options`), not against what is stored: a copy that had not refreshed yet must not untick
 * what someone else ticked since, and items the card does not show (past the first ten) are never touched.
 * Null when the payload does not carry the card (then the caller compares with what is stored).
 */
export function checklistToggles(
  blocks: readonly RenderedBlock[] | undefined,
  blockId: string,
  selected: readonly number[],
): ChecklistToggle[] | null {
  const accessory = blocks?.find((b) => b.block_id === blockId)?.accessory;
  if (accessory?.type !== 'checkboxes') return null;
  const initial = indices(accessory.initial_options);
  const now = new Set(selected);
  return [...indices(accessory.options)]
    .filter((index) => initial.has(index) !== now.has(index))
    .map((index) => ({ index, done: now.has(index) }));
}
