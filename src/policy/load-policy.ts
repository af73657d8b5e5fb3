import { readFileSync } from 'node:fs';
import type { Policy } from '../domain/policy/types.ts';
import type { Result } from '../domain/result.ts';
import { crossCheck } from './cross-checks.ts';
import { defaultPolicy } from './default-policy.ts';
import { type ParsePolicyOptions, parsePolicy } from './parse-policy.ts';
import { formatPath, type PolicyError } from './policy-error.ts';

/** The name problems with the built-in policy are reported under (it has no file, hence no lines). */
export const DEFAULT_POLICY_NAME = '(built-in default policy)';

/**
 * Reads and validates the policy file at `path` (YAML or JSON by extension); null selects the built-in
 * default policy. Warnings (such as boards without members) go to `onWarning`; errors stop start-up.
 */
export function loadPolicy(
  path: string | null,
  options: ParsePolicyOptions = {},
): Result<Policy, PolicyError> {
  if (path === null) {
    for (const finding of crossCheck(defaultPolicy)) {
      options.onWarning?.({
        severity: 'warning',
        file: DEFAULT_POLICY_NAME,
        line: null,
        column: null,
        path: formatPath(finding.path),
        message: finding.message,
      });
    }
    return { ok: true, value: defaultPolicy };
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    const problem = {
      severity: 'error',
      file: path,
      line: null,
      column: null,
      path: '',
      message: `cannot be read: ${reason}`,
    } as const;
    return { ok: false, error: { file: path, problems: [problem] } };
  }
  return parsePolicy(text, path, options);
}
