import type { ViewStateValue } from '@slack/bolt';

export type ViewValues = Readonly<Record<string, Readonly<Record<string, ViewStateValue>>>>;

/** The one input of a block (this app puts one element in each input block, action_id = block_id). */
export function inputOf(values: ViewValues, blockId: string): ViewStateValue | undefined {
  const block = values[blockId];
  return block?.[blockId] ?? (block ? Object.values(block)[0] : undefined);
}

/**
 * Reads one input as the neutral form does: text as a string, a select as its value, a multi-select as a
 * list, a date-time picker as an ISO-8601 instant; an empty input is null.
 */
export function readInput(values: ViewValues, blockId: string): string | string[] | null {
  const input = inputOf(values, blockId);
  if (!input) return null;
  switch (input.type) {
    case 'static_select':
    case 'radio_buttons':
      return input.selected_option?.value ?? null;
    case 'multi_static_select':
      return (input.selected_options ?? []).map((o) => o.value);
    case 'datetimepicker':
      return typeof input.selected_date_time === 'number'
        ? new Date(input.selected_date_time * 1000).toISOString()
        : null;
    default:
      return input.value ?? null;
  }
}

/** A text input's value, trimmed, or '' when empty. */
export const readText = (values: ViewValues, blockId: string): string => {
  const raw = readInput(values, blockId);
  return (typeof raw === 'string' ? raw : '').trim();
};
