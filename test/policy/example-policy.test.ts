import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadPolicy } from '../../src/policy/load-policy.ts';
import { formatPolicyError, type PolicyProblem } from '../../src/policy/policy-error.ts';

const examplePath = fileURLToPath(new URL('../../policy.example.yaml', import.meta.url));

describe('policy.example.yaml', () => {
  it('loads cleanly, without errors or warnings', () => {
    const warnings: PolicyProblem[] = [];
    const result = loadPolicy(examplePath, { onWarning: (w) => warnings.push(w) });
    if (!result.ok) throw new Error(formatPolicyError(result.error));
    expect(warnings).toEqual([]);
    expect(result.value.boards.map((b) => [b.id, b.members.length])).toEqual([
      ['cab', 4],
      ['ecab', 2],
    ]);
    expect(result.value.boards[0]?.channels.slack).toEqual(['C0123CABAPP']);
    expect(result.value.boards[0]?.channels.teams).toHaveLength(1);
  });

  it('means the same policy when written as JSON', () => {
    const json = JSON.stringify(parse(readFileSync(examplePath, 'utf8')), null, 2);
    const jsonPath = join(mkdtempSync(join(tmpdir(), 'changeboard-policy-')), 'policy.json');
    writeFileSync(jsonPath, json);
    expect(loadPolicy(jsonPath)).toEqual(loadPolicy(examplePath));
  });
});
