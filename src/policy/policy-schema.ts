import { z } from 'zod';
import { RISK_LEVELS, SERVICE_CRITICALITIES } from '../domain/change/types.ts';
import { type Policy, type PolicyDefaults, WEEKDAYS } from '../domain/policy/types.ts';
import { releaseModelSchema } from './release-model-schema.ts';
import { freezesSchema, maintenanceWindowsSchema } from './schedule-schema.ts';
import { channelsSchema, cronProblem, listOf, timeZoneSchema } from './schema-parts.ts';

/**
 * The policy file's schema. Every field but the ids is optional and filled with a default, so a file states
 * only what differs. Objects are strict: a misspelt key (`finalsay:`) is an error, never silently ignored.
 * test/policy/policy-schema.test.ts checks that the parsed type equals `Policy` exactly, so they cannot drift.
 */

export const POLICY_DEFAULTS: PolicyDefaults = {
  expiryHours: 72,
  reminderHours: 24,
  backoutRequiredFrom: 'medium',
  testPlanRequiredFrom: 'high',
  timezone: 'UTC',
};

const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be an id of letters, digits, ".", "_" or "-" (no spaces)');

const riskLevel = z.enum(RISK_LEVELS);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const memberSchema = z
  .strictObject({
    name: z.string().min(1).optional(),
    // Lower-cased: e-mail addresses are matched case-insensitively when people are linked.
    email: z
      .email('must be an e-mail address')
      .transform((e) => e.toLowerCase())
      .optional(),
    slack: z
      .string()
      .regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id like U012ABCDEF (not a @name)')
      .optional(),
    teams: z.string().regex(GUID, "must be the user's Entra ID object id (a GUID)").optional(),
    finalSay: z.boolean().optional(),
  })
  .refine((m) => m.email !== undefined || m.slack !== undefined || m.teams !== undefined, {
    message: 'needs at least one of email, slack, teams',
  });

const hhmm = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time like 09:00 (24-hour clock)');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-25')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'is not a real date',
  );
const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));

const workingHoursSchema = z
  .strictObject({
    timezone: timeZoneSchema.optional(),
    days: listOf(z.enum(WEEKDAYS))
      .pipe(z.array(z.enum(WEEKDAYS)).min(1, 'must name at least one working day'))
      .default(['mon', 'tue', 'wed', 'thu', 'fri']),
    start: hhmm.default('09:00'),
    end: hhmm.default('17:00'),
    holidays: listOf(isoDate).default([]),
  })
  .refine((w) => minutesOf(w.end) > minutesOf(w.start), {
    message: 'end must be after start',
    path: ['end'],
  });

const boardSchema = z
  .strictObject({
    id,
    name: z.string().min(1).optional(),
    members: listOf(memberSchema).default([]),
    implementers: listOf(memberSchema).optional(),
    channels: channelsSchema,
    workingHours: workingHoursSchema.optional(),
  })
  .transform((b) => ({ ...b, name: b.name ?? b.id }));

/** `rule: majority` is shorthand for `rule: { kind: majority }`. */
const ruleSchema = z.preprocess(
  (v) => (typeof v === 'string' ? { kind: v } : v),
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('any') }),
    z.strictObject({ kind: z.literal('n_of_m'), n: z.int().min(1) }),
    z.strictObject({ kind: z.literal('majority') }),
    z.strictObject({ kind: z.literal('all') }),
  ]),
);

const routeSchema = z.strictObject({
  type: z.enum(['normal', 'emergency']),
  risk: listOf(riskLevel)
    .pipe(z.array(riskLevel).min(1, 'must list at least one risk level (or be left out for all)'))
    .optional(),
  board: id,
  rule: ruleSchema,
  veto: z.boolean().optional(),
  stepUp: z.boolean().optional(),
  objectionWindowHours: z.number().positive('must be more than zero').optional(),
});

const serviceSchema = z
  .strictObject({
    id,
    name: z.string().min(1).optional(),
    criticality: z.enum(SERVICE_CRITICALITIES).default('medium'),
  })
  .transform((s) => ({ ...s, name: s.name ?? s.id }));

const modelSchema = z
  .strictObject({
    id,
    name: z.string().min(1).optional(),
    description: z.string().default(''),
    services: listOf(id).default([]),
    maxRisk: riskLevel.default('low'),
    announceBoard: id.optional(),
  })
  .transform((m) => ({ ...m, name: m.name ?? m.id }));

const hours = z.number().nonnegative('must be zero or more');

const defaultsSchema = z.strictObject({
  expiryHours: hours.positive('must be more than zero').default(POLICY_DEFAULTS.expiryHours),
  reminderHours: hours.default(POLICY_DEFAULTS.reminderHours),
  backoutRequiredFrom: riskLevel.default(POLICY_DEFAULTS.backoutRequiredFrom),
  testPlanRequiredFrom: riskLevel.default(POLICY_DEFAULTS.testPlanRequiredFrom),
  timezone: timeZoneSchema.default(POLICY_DEFAULTS.timezone),
  stepUpRisk: listOf(riskLevel).optional(),
  expiryInWorkingHours: z.boolean().optional(),
});

const gateSchema = z.strictObject({
  requireChangeIn: listOf(z.string().min(1)).default(['production']),
});

const isCron = (pattern: string): boolean =>
  cronProblem(pattern) === null && pattern.trim().split(/\s+/).length === 5;

const digestSchema = z.strictObject({
  cron: z.string().refine(isCron, 'must be a five-field cron expression such as "0 9 * * 1"'),
  timezone: timeZoneSchema.default('UTC'),
  window: z.enum(['7d', '30d', '90d']).default('7d'),
  channels: channelsSchema,
});

export const policySchema = z.preprocess(
  // An empty file parses to null: read it as "all defaults" and let the cross-checks say what is missing.
  (v) => v ?? {},
  z.strictObject({
    services: listOf(serviceSchema).default([]),
    boards: listOf(boardSchema).default([]),
    models: listOf(modelSchema).default([]),
    routes: listOf(routeSchema).default([]),
    defaults: defaultsSchema.prefault({}),
    releaseModels: listOf(releaseModelSchema({ id, member: memberSchema })).optional(),
    gate: gateSchema.optional(),
    digest: digestSchema.optional(),
    // The change schedule (README "Change schedule"): left out means no freezes and no maintenance windows.
    freezes: freezesSchema.optional(),
    maintenanceWindows: maintenanceWindowsSchema.optional(),
  }),
) satisfies z.ZodType<Policy>;
