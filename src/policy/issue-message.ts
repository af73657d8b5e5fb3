import type { z } from 'zod';

/** What an input was, in the words of the file's author (a YAML/JSON reader, not a TypeScript one). */
function describe(input: unknown): string {
  if (input === null) return 'an empty value';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'string') return JSON.stringify(input);
  return String(input);
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
};

/** Where an issue points and what it says: zod's defaults are phrased for programmers, these for operators. */
export function issueMessage(issue: z.core.$ZodIssue): {
  path: PropertyKey[];
  message: string;
  atKey: boolean;
} {
  const path = [...issue.path];
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return { path, message: 'is required', atKey: true };
      return {
        path,
        message: `must be ${EXPECTED[issue.expected] ?? issue.expected} (got ${describe(issue.input)})`,
        atKey: false,
      };
    case 'invalid_value':
      return {
        path,
        message: `must be one of ${issue.values.map(String).join(', ')} (got ${describe(issue.input)})`,
        atKey: false,
      };
    case 'invalid_union': {
      const options = 'options' in issue ? issue.options : undefined;
      if (issue.discriminator === undefined || options === undefined) break;
      const input = issue.input as Record<string, unknown> | undefined;
      const value = typeof input === 'object' && input !== null ? input[issue.discriminator] : undefined;
      const allowed = options.map(String).join(', ');
      const message =
        value === undefined
          ? `is required (one of ${allowed})`
          : `must be one of ${allowed} (got ${describe(value)})`;
      return { path, message, atKey: value === undefined };
    }
    case 'unrecognized_keys': {
      const keys = issue.keys.map((k) => `"${k}"`).join(', ');
      const message = issue.keys.length === 1 ? 'is not a known key' : `are not known keys: ${keys}`;
      return { path: issue.keys.length === 1 ? [...path, ...issue.keys] : path, message, atKey: true };
    }
  }
  return { path, message: issue.message, atKey: false };
}
