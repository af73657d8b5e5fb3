/**
 * Lists count their items up to this many past the page asked for: "1,000+ more" says enough, and no count
 * reads further. Counted from the page's offset, so page 67 of 1,500 items still knows a page 68 follows.
 */
export const COUNT_CAP = 1_000;

/** A page of a list: the items shown, from which offset, and how many the list holds (up to offset + COUNT_CAP). */
export interface ListPage<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly offset: number;
}

/**
 * How many items follow the ones shown, as people read it ("12", or "988+" when the count was capped).
 * ITIL change schedule views: the most relevant items first, the rest one page away. Empty when none follow.
 */
export function moreLabel(page: Pick<ListPage<unknown>, 'total' | 'offset'>, shown: number): string {
  const more = page.total - page.offset - shown;
  if (more <= 0) return '';
  return countWasCapped(page) ? `${more.toLocaleString('en')}+` : more.toLocaleString('en');
}

/** Whether a list's count stopped at the cap, so that more items may follow than it says. */
export function countWasCapped(page: Pick<ListPage<unknown>, 'total' | 'offset'>): boolean {
  return page.total >= page.offset + COUNT_CAP;
}
