import { type ChangeFormValues, FORM_FIELD_IDS } from '../../../domain/views/change-form.ts';
import { instantToZoned, zonedToInstant } from './zoned-time.ts';

/** What the Teams form holds: one string per input, as Adaptive Cards submit them. */
export type FormInputs = Readonly<Record<string, string>>;

/** A datetime field is two inputs in Teams (Input.Date and Input.Time). */
export const dateInputId = (field: string): string => `${field}Date`;
export const timeInputId = (field: string): string => `${field}Time`;

const DATETIME_FIELDS = new Set(['plannedStart', 'plannedEnd']);
const MULTI_FIELDS = new Set(['services']);

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** Neutral form values (dates as instants) → the strings the card's inputs show, dates in `timeZone`. */
export function toFormInputs(values: ChangeFormValues, timeZone: string): FormInputs {
  const out: Record<string, string> = {};
  for (const id of FORM_FIELD_IDS) {
    const value = values[id];
    if (value === undefined || value === null) continue;
    if (DATETIME_FIELDS.has(id)) {
      const at = new Date(typeof value === 'string' ? value : '');
      if (Number.isNaN(at.getTime())) continue;
      const local = instantToZoned(at, timeZone);
      out[dateInputId(id)] = local.date;
      out[timeInputId(id)] = local.time;
    } else {
      out[id] = typeof value === 'string' ? value : value.join(',');
    }
  }
  return out;
}

/** Keeps only the form's own inputs from a submitted action's data (which also holds references). */
export function pickFormInputs(data: Readonly<Record<string, unknown>>): FormInputs {
  const out: Record<string, string> = {};
  for (const id of FORM_FIELD_IDS) {
    const keys = DATETIME_FIELDS.has(id) ? [dateInputId(id), timeInputId(id)] : [id];
    for (const key of keys) if (key in data) out[key] = str(data[key]);
  }
  return out;
}

/**
 * The submitted inputs → neutral form values for parseChangeForm. A date and time become one ISO instant in
 * `timeZone`; a half-filled pair becomes '' ("pick a date and time") and an unreadable one 'invalid', so the
 * shared parser words the error the same way on both platforms. `previous` (an edit's stored window) keeps an
 * instant the inputs still show as it was: 02:30 on a fall-back night is two instants, and the inputs cannot
 * say which, so an untouched window is not moved by an hour.
 */
export function fromFormInputs(
  inputs: FormInputs,
  timeZone: string,
  previous: Partial<Record<'plannedStart' | 'plannedEnd', Date>> = {},
): ChangeFormValues {
  const values: Record<string, string | string[]> = {};
  for (const id of FORM_FIELD_IDS) {
    if (DATETIME_FIELDS.has(id)) {
      const date = (inputs[dateInputId(id)] ?? '').trim();
      const time = (inputs[timeInputId(id)] ?? '').trim();
      const before = previous[id as 'plannedStart' | 'plannedEnd'];
      const shown = before ? instantToZoned(before, timeZone) : null;
      if (!date || !time) values[id] = '';
      else if (before && shown?.date === date && shown.time === time) values[id] = before.toISOString();
      else values[id] = zonedToInstant(date, time, timeZone)?.toISOString() ?? 'invalid';
    } else if (MULTI_FIELDS.has(id)) {
      values[id] = (inputs[id] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    } else {
      values[id] = inputs[id] ?? '';
    }
  }
  return values;
}
