import { type ChangeFormValues, FORM_FIELD_IDS } from '../../../domain/views/change-form.ts';
import { readInput, type ViewValues } from './view-values.ts';

/** Reads a submitted change-form modal back into the neutral form values (dates as ISO instants). */
export function readChangeForm(values: ViewValues): ChangeFormValues {
  const out: Record<string, string | readonly string[] | null> = {};
  for (const id of FORM_FIELD_IDS) out[id] = readInput(values, id);
  return out as ChangeFormValues;
}
