import type { Interval } from './types.ts';

const cache = new Map<string, Intl.DateTimeFormat>();

/**
 * One formatter per locale, zone and shape, reused by every view of the change schedule: building one per call
 * is slow and holds native memory (measured under load).
 */
export function scheduleFormatter(
  locale: string,
  options: Intl.DateTimeFormatOptions & { timeZone: string },
): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

const parts = (at: Date, timeZone: string) =>
  Object.fromEntries(
    scheduleFormatter('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;

/** "Tue 3 Mar 10:00" in `timeZone`. */
export function formatInstant(at: Date, timeZone: string): string {
  const p = parts(at, timeZone);
  return `${p.weekday} ${p.day} ${p.month} ${p.hour}:${p.minute}`;
}

/** "Tue 3 Mar 10:00–12:00", or "Tue 3 Mar 22:00 – Wed 4 Mar 02:00" across midnight, in `timeZone`. */
export function formatWindow(window: Interval, timeZone: string): string {
  const a = parts(window.start, timeZone);
  const b = parts(window.end, timeZone);
  const sameDay = a.day === b.day && a.month === b.month && a.year === b.year;
  return sameDay
    ? `${a.weekday} ${a.day} ${a.month} ${a.hour}:${a.minute}–${b.hour}:${b.minute}`
    : `${formatInstant(window.start, timeZone)} – ${formatInstant(window.end, timeZone)}`;
}

/** The calendar day of an instant in `timeZone`, as YYYY-MM-DD (days are grouped by this). */
export function localDay(at: Date, timeZone: string): string {
  const p = Object.fromEntries(
    scheduleFormatter('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  ) as Record<string, string>;
  return `${p.year}-${p.month}-${p.day}`;
}
