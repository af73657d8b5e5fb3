import { extname } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { Policy } from '../domain/policy/types.ts';
import type { Result } from '../domain/result.ts';
import { crossCheck } from './cross-checks.ts';
import { issueMessage } from './issue-message.ts';
import { locate } from './locate.ts';
import { formatPath, type PolicyError, type PolicyProblem } from './policy-error.ts';
import { policySchema } from './policy-schema.ts';

export interface ParsePolicyOptions {
  /** Receives findings that do not stop start-up (an uncovered normal risk level, a board without members). */
  readonly onWarning?: (problem: PolicyProblem) => void;
}

const failure = (file: string, problems: PolicyProblem[]): Result<never, PolicyError> => ({
  ok: false,
  error: { file, problems },
});

const wholeFile = (file: string, message: string): PolicyProblem => ({
  severity: 'error',
  file,
  line: null,
  column: null,
  path: '',
  message,
});

const byPosition = (problems: PolicyProblem[]) =>
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));

/** A `.json` file must be JSON, not merely YAML that happens to parse: the strict parser says where it breaks. */
function jsonSyntaxError(text: string, file: string): PolicyProblem | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const message = (error as Error).message;
    const at = /\(line (\d+) column (\d+)\)/.exec(message);
    const reason = message
      .replace(/ in JSON at position \d+.*$/, '')
      .replace(/, ".*" is not valid JSON$/, '');
    return {
      ...wholeFile(file, `is not valid JSON: ${reason}`),
      line: at ? Number(at[1]) : null,
      column: at ? Number(at[2]) : null,
    };
  }
}

/**
 * Parses and validates a policy given as text. `fileName` decides the format (.yaml, .yml or .json) and
 * prefixes every problem, which carries the key path and the line and column it points at.
 */
export function parsePolicy(
  text: string,
  fileName: string,
  options: ParsePolicyOptions = {},
): Result<Policy, PolicyError> {
  const extension = extname(fileName).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(extension)) {
    return failure(fileName, [
      wholeFile(fileName, 'must end in .yaml, .yml or .json (the extension decides the format)'),
    ]);
  }
  if (extension === '.json') {
    const syntax = jsonSyntaxError(text, fileName);
    if (syntax !== null) return failure(fileName, [syntax]);
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return failure(
      fileName,
      doc.errors.map((e) => ({
        ...wholeFile(
          fileName,
          (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, ''),
        ),
        line: e.linePos?.[0].line ?? null,
        column: e.linePos?.[0].col ?? null,
      })),
    );
  }

  const at = (
    severity: PolicyProblem['severity'],
    path: readonly PropertyKey[],
    message: string,
    atKey = false,
  ) => {
    const { line, column } = locate(doc, lineCounter, path, atKey);
    return { severity, file: fileName, line, column, path: formatPath(path), message };
  };

  const parsed = policySchema.safeParse(doc.toJS({ maxAliasCount: 100 }), { reportInput: true });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const { path, message, atKey } = issueMessage(issue);
      return at('error', path, message, atKey);
    });
    return failure(fileName, byPosition(problems));
  }

  const findings = crossCheck(parsed.data).map((f) => at(f.severity, f.path, f.message));
  for (const warning of findings.filter((f) => f.severity === 'warning')) options.onWarning?.(warning);
  const errors = findings.filter((f) => f.severity === 'error');
  return errors.length > 0 ? failure(fileName, byPosition(errors)) : { ok: true, value: parsed.data };
}
