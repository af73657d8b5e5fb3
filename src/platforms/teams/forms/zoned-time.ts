/**
 * Wall-clock date and time in an IANA time zone ↔ an instant. Teams' Input.Date and Input.Time carry no zone,
 * so the form reads them in the sender's zone (from the activity) or the policy's default. The conversion
 * itself is the domain's (`src/domain/time/zoned-time.ts`); this file reads and writes the inputs' strings.
 */
import { instantOf, isTimeZone, wallClockOf } from '../../../domain/time/zoned-time.ts';

export { isTimeZone };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::\d{2})?$/;

/**
 * The instant a wall-clock date ("2026-03-06") and time ("09:30") denote in a zone, or null when either is
 * unreadable. A time skipped by a spring-forward change moves forward by the gap (02:30 → 03:30); a time that
 * occurs twice at a fall-back change resolves to its second occurrence — both deterministic.
 */
export function zonedToInstant(date: string, time: string, timeZone: string): Date | null {
  const d = DATE.exec(date.trim());
  const t = TIME.exec(time.trim());
  if (!d || !t) return null;
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  // Reject 31 February and friends, which Date.UTC would roll over into March.
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  return instantOf({ year, month, day, hour, minute }, timeZone, 'later');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The wall-clock date ("2026-03-06") and time ("09:30") of an instant in a zone, for prefilling inputs. */
export function instantToZoned(at: Date, timeZone: string): { date: string; time: string } {
  const w = wallClockOf(at, timeZone);
  return { date: `${w.year}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
}
