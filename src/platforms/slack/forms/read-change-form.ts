import { type ChangeFormValues, FORM_FIELD_IDS } from '../../../domain/views/change-form.ts';
import { parseBlockId } from '../render/schedule-advice.ts';
import { readInput, type ViewValues } from './view-values.ts';

/** Reads a submitted change-form modal back into the neutral form values (dates as ISO instants). */
export function readChangeForm(values: ViewValues): ChangeFormValues {
  const out: Record<string, string | readonly string[] | null> = {};
  // The window blocks may carry a revision suffix after a slot pick (`plannedStart.r1`).
  const byField: Record<string, ViewValues[string]> = {};
  for (const [blockId, block] of Object.entries(values)) byField[parseBlockId(blockId).field] = block;
  for (const id of FORM_FIELD_IDS) out[id] = readInput(byField, id);
  return out as ChangeFormValues;
}
