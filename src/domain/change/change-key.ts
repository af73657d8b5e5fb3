/** The prefix people see on every change request, e.g. CHG-1042. */
const PREFIX = 'CHG-';

// Digits only, optionally after the prefix (any case); surrounding blanks are forgiven because people paste.
const KEY_PATTERN = /^(?:chg-)?(\d{1,15})$/i;

/** Formats a change id as the key people quote in chat (ITIL: every RFC has a unique reference). */
export const formatChangeKey = (id: number): string => `${PREFIX}${id}`;

/**
 * Reads a change key typed by a person (`CHG-1042`, `chg-1042`, `1042`) back into an id.
 * Returns null for anything that is not a positive whole number, so callers can answer "no such change".
 */
export const parseChangeKey = (text: string): number | null => {
  const match = KEY_PATTERN.exec(text.trim());
  if (match?.[1] === undefined) return null;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
};
