import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ENTRY = fileURLToPath(new URL('../../src/worker-thread.ts', import.meta.url));

/**
 * The packages a module graph loads at run time: static imports that are not `import type`, re-exports and
 * dynamic `import('…')`, followed through the project's own files.
 */
function packagesLoadedFrom(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    const specifiers = [
      ...source.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm),
      ...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
    ].map((m) => m[1]!);
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
      else if (!specifier.startsWith('node:')) packages.add(specifier);
    }
  };
  visit(entry);
  return packages;
}

describe('the job thread', () => {
  // Every package the thread loads is a second copy in memory (issue 7): its Slack clients come from
  // @slack/web-api, and Bolt (receiver, Express, middleware) stays on the ack thread.
  it('builds its Slack clients without loading Bolt', () => {
    const packages = packagesLoadedFrom(ENTRY);
    expect(packages).toContain('@slack/web-api');
    expect(packages).toContain('drizzle-orm');
    expect(packages).not.toContain('@slack/bolt');
  });
});
