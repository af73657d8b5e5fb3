const KEY_PATTERN = /^(?:rel-)?(\d{1,15})$/i;

/** The key people quote for a release instance, e.g. REL-12. */
export const formatReleaseKey = (id: number): string => `REL-${id}`;

/** Reads `REL-12`, `rel-12` or `12` back into an id; null for anything else. */
export const parseReleaseKey = (text: string): number | null => {
  const match = KEY_PATTERN.exec(text.trim());
  if (match?.[1] === undefined) return null;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
};
