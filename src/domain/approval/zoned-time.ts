/** A wall-clock time in some time zone (months 1–12). */
export interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

export interface ZonedParts extends LocalTime {
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  /** The local date as YYYY-MM-DD. */
  readonly date: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');

/** The wall clock in `timeZone` at an instant. */
export function zonedParts(at: Date, timeZone: string): ZonedParts {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  return {
    year,
    month,
    day,
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? 'Sun'),
    date: `${year}-${pad(month)}-${pad(day)}`,
  };
}

const offsetMinutes = (at: Date, timeZone: string): number => {
  const p = zonedParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
};

/**
 * The instant a wall-clock time in `timeZone` names. A time in a spring-forward gap (it does not exist) moves
 * forward by the gap; a time in a fall-back overlap (it exists twice) is the earlier of the two.
 */
export function instantOf(local: LocalTime, timeZone: string): Date {
  const naive = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const before = offsetMinutes(new Date(naive - 86_400_000), timeZone);
  const after = offsetMinutes(new Date(naive + 86_400_000), timeZone);
  // Try both offsets around the time; keep those that really show this wall clock, the earliest first.
  const candidates = [...new Set([before, after])]
    .map((o) => new Date(naive - o * 60_000))
    .filter((d) => {
      const p = zonedParts(d, timeZone);
      return p.hour === local.hour && p.minute === local.minute && p.day === local.day;
    })
    .sort((a, b) => a.getTime() - b.getTime());
  if (candidates[0]) return candidates[0];
  // In a gap: the wall clock jumps over it, so the time is read with the offset from before the jump.
  return new Date(naive - before * 60_000);
}

/** Adds whole days to a local date (calendar arithmetic, no time zone involved). */
export function addDays(date: { year: number; month: number; day: number }, days: number) {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Reads "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" (also with "T"); null when it is not a real date and time. */
export function parseLocal(text: string): { local: LocalTime; hasTime: boolean } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59)
    return null;
  return { local: { year, month, day, hour, minute }, hasTime: m[4] !== undefined };
}
