// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as recorded.
type Json = any;
type StateValue = { type: string } & Record<string, unknown>;

/** Form input by block id: text, a select's value, a multi-select's values, a date. */
export type FormInput = Record<string, string | readonly string[] | Date | null>;

/** Builds a view_submission's state from the opened view: each input block gets the value named by its block id. */
export function fillView(view: Json, input: FormInput): Record<string, Record<string, StateValue>> {
  const values: Record<string, Record<string, StateValue>> = {};
  for (const block of view.blocks as Json[]) {
    if (block.type !== 'input') continue;
    const el = block.element;
    const raw = input[block.block_id];
    let state: StateValue;
    switch (el.type) {
      case 'static_select':
      case 'radio_buttons':
        state = {
          type: el.type,
          selected_option: raw ? { value: raw, text: { type: 'plain_text', text: String(raw) } } : null,
        };
        break;
      case 'multi_static_select':
        state = {
          type: el.type,
          selected_options: ((raw as string[] | null) ?? []).map((v) => ({
            value: v,
            text: { type: 'plain_text', text: v },
          })),
        };
        break;
      case 'datetimepicker':
        state = {
          type: el.type,
          selected_date_time: raw instanceof Date ? Math.floor(raw.getTime() / 1000) : null,
        };
        break;
      default:
        state = { type: el.type, value: raw === undefined || raw === null ? null : String(raw) };
    }
    values[block.block_id] = { [el.action_id]: state };
  }
  return values;
}

const HOUR = 3_600_000;

/** A valid low-risk normal change on the wiki, four days after the test clock's start, as form input. */
export function formInput(now: Date, overrides: FormInput = {}): FormInput {
  return {
    title: 'Upgrade the wiki to 2.4',
    type: 'normal',
    services: ['wiki'],
    plannedStart: new Date(now.getTime() + 96 * HOUR),
    plannedEnd: new Date(now.getTime() + 98 * HOUR),
    description: 'Move the wiki from 2.3 to 2.4 for the new editor.',
    justification: 'Editors lose work with the old editor.',
    impact: 'none',
    complexity: 'simple',
    tested: 'yes',
    backout: 'easy',
    failedBefore: 'no',
    implementationPlan: 'Run the upgrade playbook.',
    backoutPlan: 'Restore the snapshot taken before.',
    testPlan: 'Open three pages and save one.',
    ...overrides,
  };
}

/** Answers that score medium risk on the wiki (2 of M approvals, a backout plan required). */
export const MEDIUM_RISK: FormInput = {
  impact: 'degraded',
  complexity: 'moderate',
  tested: 'partially',
  backout: 'hard',
};
