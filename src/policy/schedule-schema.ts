import { z } from 'zod';
import { FREEZE_LEVELS, type FreezeWindow, type MaintenanceWindow } from '../domain/schedule/types.ts';
import { cronProblem, listOf, timeZoneSchema } from './schema-parts.ts';

/**
 * Freeze and maintenance windows in the policy file. A recurring window is a cron expression (read by croner,
 * a kept library) for each start, in an IANA time zone, plus a duration such as `4h`, `90m` or `2d12h`.
 */

const DURATION = /^(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m)?$/;

/** `4h`, `90m`, `2d12h` (or a number of minutes) → minutes. */
const DURATION_HELP = 'must be a duration such as 4h, 90m or 2d12h (more than zero)';
const duration = z
  .union([z.number(), z.string()], {
    error: (issue) => (issue.input === undefined ? 'is required' : DURATION_HELP),
  })
  .transform((raw, ctx) => {
    const minutes =
      typeof raw === 'number'
        ? raw
        : (() => {
            const m = DURATION.exec(raw.trim());
            if (!m || raw.trim() === '') return Number.NaN;
            return Number(m[1] ?? 0) * 1440 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
          })();
    if (!Number.isFinite(minutes) || minutes <= 0 || !Number.isInteger(minutes)) {
      ctx.addIssue({ code: 'custom', message: DURATION_HELP });
      return z.NEVER;
    }
    return minutes;
  });

const cron = z.string().superRefine((pattern, ctx) => {
  const problem = cronProblem(pattern);
  if (problem) ctx.addIssue({ code: 'custom', message: `is not a valid cron expression (${problem})` });
});

const timezone = timeZoneSchema;

const instant = z.iso
  .datetime({
    offset: true,
    local: false,
    message: 'must be a date and time with a zone, e.g. 2026-12-20T00:00:00+01:00',
  })
  .transform((s) => new Date(s));

const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be an id of letters, digits, ".", "_" or "-" (no spaces)');

const services = z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(id));

const freezeSchema = z
  .strictObject({
    name: z.string().min(1),
    start: instant.optional(),
    end: instant.optional(),
    cron: cron.optional(),
    timezone: timezone.optional(),
    duration: duration.optional(),
    services: z.union([z.literal('all'), services]).default('all'),
    level: z.enum(FREEZE_LEVELS).default('hard'),
    message: z.string().default(''),
  })
  .superRefine((f, ctx) => {
    const once = f.start !== undefined || f.end !== undefined;
    const recurring = f.cron !== undefined || f.duration !== undefined || f.timezone !== undefined;
    if (once && recurring) {
      ctx.addIssue({
        code: 'custom',
        message: 'is either one-off (start, end) or recurring (cron, timezone, duration), not both',
      });
    } else if (recurring) {
      for (const key of ['cron', 'timezone', 'duration'] as const)
        if (f[key] === undefined)
          ctx.addIssue({ code: 'custom', path: [key], message: 'is required for a recurring freeze' });
    } else {
      if (f.start === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['start'],
          message: 'is required (or give cron, timezone and duration)',
        });
      if (f.end === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['end'],
          message: 'is required (or give cron, timezone and duration)',
        });
      if (f.start && f.end && f.end.getTime() <= f.start.getTime())
        ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be after start' });
    }
  })
  .transform(
    (f): FreezeWindow => ({
      name: f.name,
      timing:
        f.cron !== undefined
          ? {
              kind: 'recurring',
              cron: f.cron,
              timezone: f.timezone ?? 'UTC',
              durationMinutes: f.duration ?? 0,
            }
          : { kind: 'once', start: f.start ?? new Date(0), end: f.end ?? new Date(0) },
      services: f.services,
      level: f.level,
      message: f.message,
    }),
  );

const maintenanceSchema = z
  .strictObject({
    name: z.string().min(1).optional(),
    services: services.pipe(z.array(id).min(1, 'must name at least one service')),
    cron,
    timezone,
    duration,
  })
  .transform(
    (m): MaintenanceWindow => ({
      name: m.name ?? `Maintenance (${m.services.join(', ')})`,
      services: m.services,
      timing: { kind: 'recurring', cron: m.cron, timezone: m.timezone, durationMinutes: m.duration },
    }),
  );

export const freezesSchema = listOf(freezeSchema);
export const maintenanceWindowsSchema = listOf(maintenanceSchema);
