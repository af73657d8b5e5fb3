/** One finding about a policy file, located at a key path and, when known, a line and column. */
export interface PolicyProblem {
  readonly severity: 'error' | 'warning';
  readonly file: string;
  /** 1-based; null when the problem is about the file as a whole (unreadable, wrong extension). */
  readonly line: number | null;
  readonly column: number | null;
  /** Key path in the policy, e.g. `boards[1].members[0]`; empty for the whole document. */
  readonly path: string;
  readonly message: string;
}

/** Why a policy could not be loaded: every error found, so an operator fixes them in one pass. */
export interface PolicyError {
  readonly file: string;
  readonly problems: readonly PolicyProblem[];
}

/** Renders a key path the way people write it in code: `boards[1].members[0].email`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text;
}

/** `policy.yaml:14:7 boards[1].members[0]: needs at least one of email, slack, teams` (editors link it). */
export function formatPolicyProblem(problem: PolicyProblem): string {
  const where =
    problem.line === null ? problem.file : `${problem.file}:${problem.line}:${problem.column ?? 1}`;
  const prefix = problem.severity === 'warning' ? 'warning: ' : '';
  return problem.path === ''
    ? `${where} ${prefix}${problem.message}`
    : `${where} ${prefix}${problem.path}: ${problem.message}`;
}

/** The start-up message for a policy that cannot be used, one problem a line. */
export function formatPolicyError(error: PolicyError): string {
  const count = error.problems.length === 1 ? '1 problem' : `${error.problems.length} problems`;
  return [
    `Changeboard cannot start: the policy ${error.file} has ${count}:`,
    ...error.problems.map((p) => `  ${formatPolicyProblem(p)}`),
  ].join('\n');
}
