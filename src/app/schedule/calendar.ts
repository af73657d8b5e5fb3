import { buildCalendar, type CalendarView } from '../../domain/schedule/calendar.ts';
import type { AppContext } from '../context.ts';
import { scheduleMemo } from './schedule-memo.ts';
import { itemsBetween, stateLabelOf } from './sources.ts';

const calendarMemo = scheduleMemo<CalendarPage>();
/** A calendar is reused for the same reader's zone within this much time (App Home for a whole CAB). */
const CALENDAR_REUSE_MS = 60_000;

export const CALENDAR_DEFAULT_DAYS = 7;
export const CALENDAR_MAX_DAYS = 60;
/** Entries on one page of the calendar in chat (whole days; Slack's 50 blocks and Teams' 28 KB stay far off). */
export const CALENDAR_PAGE_SIZE = 25;
/** Items read for one calendar; past it, the calendar says it is incomplete instead of cutting silently. */
export const CALENDAR_ITEM_LIMIT = 500;

export interface CalendarPage {
  readonly view: CalendarView;
  /** True when more items than CALENDAR_ITEM_LIMIT fall in the range (the renderers say so). */
  readonly incomplete: boolean;
}

/** Reads "calendar [days] [page]" arguments: whole numbers, days clamped to 1…60, page from 1. */
export function calendarArgs(words: readonly string[]): { days: number; page: number } {
  const [d, p] = words.map((w) => Number.parseInt(w, 10));
  const days = Number.isFinite(d) ? Math.min(Math.max(1, d ?? 1), CALENDAR_MAX_DAYS) : CALENDAR_DEFAULT_DAYS;
  const page = Number.isFinite(p) ? Math.max(1, p ?? 1) : 1;
  return { days, page };
}

/** The change calendar for the next `days` days from now, in `timeZone`, one page of it (bounded reads). */
export function calendarPage(
  ctx: AppContext,
  opts: { readonly days: number; readonly page: number; readonly timeZone: string },
): CalendarPage {
  const now = ctx.clock();
  // Its range starts now, so the same page is reused for a minute at most, and only while the schedule stands.
  const key = `${Math.floor(now.getTime() / CALENDAR_REUSE_MS)}|${opts.timeZone}|${opts.days}|${opts.page}`;
  return calendarMemo(ctx, key, () => buildPage(ctx, now, opts));
}

function buildPage(
  ctx: AppContext,
  from: Date,
  opts: { readonly days: number; readonly page: number; readonly timeZone: string },
): CalendarPage {
  const range = { start: from, end: new Date(from.getTime() + opts.days * 86_400_000) };
  const items = itemsBetween(ctx, range, CALENDAR_ITEM_LIMIT + 1);
  const view = buildCalendar({
    policy: ctx.policy,
    items: items.slice(0, CALENDAR_ITEM_LIMIT),
    from,
    days: opts.days,
    timeZone: opts.timeZone,
    page: opts.page,
    pageSize: CALENDAR_PAGE_SIZE,
    stateLabel: stateLabelOf,
    serviceName: (id) => ctx.policy.services.find((s) => s.id === id)?.name ?? id,
  });
  return { view, incomplete: items.length > CALENDAR_ITEM_LIMIT };
}
