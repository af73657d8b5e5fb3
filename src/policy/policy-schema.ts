import { z } from 'zod';
import { RISK_LEVELS, SERVICE_CRITICALITIES } from '../domain/change/types.ts';
import type { Policy, PolicyDefaults } from '../domain/policy/types.ts';
import { freezesSchema, maintenanceWindowsSchema } from './schedule-schema.ts';

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

/** A single value where a list is expected is read as a one-item list (`risk: high`). */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(item));

const isTimeZone = (name: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
};

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

const boardSchema = z
  .strictObject({
    id,
    name: z.string().min(1).optional(),
    members: listOf(memberSchema).default([]),
    implementers: listOf(memberSchema).optional(),
    channels: z
      .strictObject({
        slack: listOf(
          z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'must be a Slack channel id like C0123ABCD (not a #name)'),
        ).default([]),
        teams: listOf(z.string().min(1)).default([]),
      })
      .default({ slack: [], teams: [] }),
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
  timezone: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin')
    .default(POLICY_DEFAULTS.timezone),
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
    // The change schedule (README "Change schedule"): left out means no freezes and no maintenance windows.
    freezes: freezesSchema.optional(),
    maintenanceWindows: maintenanceWindowsSchema.optional(),
  }),
) satisfies z.ZodType<Policy>;
