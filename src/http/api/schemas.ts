import { z } from 'zod';
import type { Policy } from '../../domain/policy/types.ts';

/** The longest a gate check may long-poll, in seconds (a pipeline step retries after that). */
export const MAX_WAIT_SECONDS = 300;

/** A change named by id (`12`) or by key (`"CHG-12"`). */
const changeRef = z
  .union([z.int().positive(), z.string().regex(/^(CHG-)?\d{1,15}$/i, 'must be a change key like CHG-12')])
  .describe('The change, by id or key (CHG-12)');

const run = z
  .strictObject({
    provider: z.string().min(1).max(50).describe('e.g. github-actions, gitlab-ci'),
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000),
    commit: z.string().min(1).max(100).optional(),
  })
  .describe('The pipeline run');

const name = z.string().min(1).max(100);

/**
 * An environment as pipelines name it: surrounding blanks dropped, then letters, digits, dots, dashes and
 * underscores only. A stray space or newline would otherwise make "production " an environment the gate
 * does not guard (no change required) while "production" needs one.
 */
const environment = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'must be an environment name like production (letters, digits, . _ -)',
  );

/** Bodies are checked against the policy's service catalogue, so a typo never passes as "no change needed". */
export function apiSchemas(policy: Policy) {
  const ids = policy.services.map((s) => s.id);
  const service = name.refine((s) => ids.includes(s), {
    message: `must be a service of the policy (${ids.join(', ') || 'none defined'})`,
  });
  return {
    gateCheck: z.strictObject({
      service,
      environment,
      change: changeRef.optional(),
      version: z.string().min(1).max(200).optional(),
      run: run.optional(),
      wait: z
        .int()
        .min(0)
        .max(MAX_WAIT_SECONDS)
        .optional()
        .describe('Seconds to hold the answer while the change is still being decided'),
    }),
    deployment: z.strictObject({
      service,
      environment,
      version: z.string().min(1).max(200),
      change: changeRef.optional(),
      status: z.enum(['started', 'succeeded', 'failed', 'rolled_back']),
      run: run.optional(),
    }),
  };
}

export type ApiSchemas = ReturnType<typeof apiSchemas>;

/** `12` or `"CHG-12"` → 12. */
export const changeIdOf = (ref: number | string | undefined): number | null =>
  ref === undefined ? null : typeof ref === 'number' ? ref : Number(ref.replace(/^chg-/i, ''));
