import { z } from 'zod';
import type { MemberRef } from '../domain/policy/types.ts';
import { checkCadence } from '../domain/release/cadence.ts';
import { DEFAULT_CHECKLIST } from '../domain/release/checklist.ts';
import { parseDuration } from '../domain/release/duration.ts';
import type { ChecklistStep, ReleaseModel, ReminderPlan } from '../domain/release/types.ts';
import { channelsSchema, isTimeZone, listOf, timeZoneSchema } from './schema-parts.ts';

/** Defaults of a release model: T-24h and T-1h reminders, a 2-hour window, instances planned 14 days ahead. */
export const RELEASE_MODEL_DEFAULTS = {
  windowMinutes: 120,
  planAheadMinutes: 14 * 1440,
  reminders: { before: [1440, 60], cutoff: null, overdue: 60, review: 1440 } satisfies ReminderPlan,
} as const;

/** `24h`, `1h`, `15m`, `1h30m` (or a bare number of minutes) → minutes. */
const duration = z.union([z.string(), z.int().positive()]).transform((v, ctx) => {
  if (typeof v === 'number') return v;
  const parsed = parseDuration(v);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.error.message });
  return z.NEVER;
});

/** `null` or `off` turns an optional reminder off. */
const optionalDuration = z.union([z.null(), z.literal('off').transform(() => null), duration]);

const checklistStep = z.union([
  z
    .string()
    .min(1)
    .transform((label): ChecklistStep => ({ label, auto: null })),
  z
    .strictObject({ label: z.string().min(1), auto: z.literal('components').optional() })
    .transform((s): ChecklistStep => ({ label: s.label, auto: s.auto ?? null })),
]);

const remindersSchema = z
  .strictObject({
    before: listOf(duration).default([...RELEASE_MODEL_DEFAULTS.reminders.before]),
    cutoff: optionalDuration.default(RELEASE_MODEL_DEFAULTS.reminders.cutoff),
    overdue: optionalDuration.default(RELEASE_MODEL_DEFAULTS.reminders.overdue),
    review: optionalDuration.default(RELEASE_MODEL_DEFAULTS.reminders.review),
  })
  .prefault({});

interface Parts {
  readonly id: z.ZodType<string>;
  readonly member: z.ZodType<MemberRef>;
}

/**
 * A release model in the policy file (`releaseModels:`). Built from the policy schema's own parts (ids,
 * members) and the shared ones in schema-parts.ts, so both read people, ids, time zones and channels the same
 * way. `cadence` is optional: a model without one is for one-off releases such as a hotfix.
 */
export function releaseModelSchema(parts: Parts) {
  const cadence = z
    .strictObject({
      cron: z.string().min(1),
      timezone: timeZoneSchema,
    })
    .superRefine((c, ctx) => {
      if (!isTimeZone(c.timezone)) return;
      const checked = checkCadence(c);
      if (!checked.ok) ctx.addIssue({ code: 'custom', path: ['cron'], message: checked.error.message });
    });
  return z
    .strictObject({
      id: parts.id,
      name: z.string().min(1).optional(),
      services: listOf(parts.id).default([]),
      cadence: cadence.optional(),
      window: duration.default(RELEASE_MODEL_DEFAULTS.windowMinutes),
      planAhead: duration.default(RELEASE_MODEL_DEFAULTS.planAheadMinutes),
      managers: listOf(parts.member).default([]),
      channels: channelsSchema,
      checklist: listOf(checklistStep)
        .pipe(z.array(z.custom<ChecklistStep>()).min(1, 'must list at least one step'))
        .default([...DEFAULT_CHECKLIST]),
      reminders: remindersSchema,
    })
    .transform(
      (m): ReleaseModel => ({
        id: m.id,
        name: m.name ?? m.id,
        services: m.services,
        cadence: m.cadence ?? null,
        windowMinutes: m.window,
        planAheadMinutes: m.planAhead,
        managers: m.managers,
        channels: m.channels,
        checklist: m.checklist,
        reminders: m.reminders,
      }),
    );
}
