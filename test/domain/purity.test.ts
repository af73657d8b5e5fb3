import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DOMAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/domain');

const FORBIDDEN_PACKAGES = ['@slack/', 'botbuilder', 'drizzle-orm', 'better-sqlite3'];
const NODE_BUILTINS = new Set(builtinModules);

// Static imports, re-exports, `import type`, dynamic import() and require().
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;
const CLOCK_READS = [/\bDate\.now\s*\(/, /\bnew\s+Date\s*\(\s*\)/, /\bnew\s+Date\b(?!\s*\()/];

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.[cm]?[jt]sx?$/.test(entry.name) ? [path] : [];
  });

/** Every reason the source breaks the functional core; `file` is used to check relative imports stay inside. */
const impurities = (source: string, file: string): string[] => {
  const found: string[] = [];
  for (const [, specifier = ''] of source.matchAll(SPECIFIER)) {
    const bare = specifier.replace(/^node:/, '').split('/')[0] ?? '';
    if (specifier.startsWith('node:') || NODE_BUILTINS.has(bare)) found.push(`imports ${specifier}`);
    else if (FORBIDDEN_PACKAGES.some((p) => specifier === p.replace(/\/$/, '') || specifier.startsWith(p)))
      found.push(`imports ${specifier}`);
    else if (
      specifier.startsWith('.') &&
      relative(DOMAIN, resolve(dirname(file), specifier)).startsWith('..')
    )
      found.push(`imports ${specifier} from outside src/domain`);
  }
  for (const pattern of CLOCK_READS)
    if (pattern.test(source)) found.push(`reads the clock (${pattern.source})`);
  return found;
};

describe('the domain stays pure', () => {
  const files = sourceFiles(DOMAIN);

  it('finds the domain sources to scan', () => {
    expect(files.map((f) => relative(DOMAIN, f))).toEqual(
      expect.arrayContaining(['result.ts', 'change/lifecycle.ts', 'change/approval.ts']),
    );
  });

  it.each(files.map((f) => [relative(DOMAIN, f), f]))(
    'keeps %s free of I/O, platform SDKs and the clock',
    (_name, file) => {
      expect(impurities(readFileSync(file, 'utf8'), file)).toEqual([]);
    },
  );
});

describe('the purity scan', () => {
  const file = join(DOMAIN, 'change', 'example.ts');

  it.each([
    ["import { App } from '@slack/bolt';", 'imports @slack/bolt'],
    ["import type { TurnContext } from 'botbuilder';", 'imports botbuilder'],
    ["import { eq } from 'drizzle-orm';", 'imports drizzle-orm'],
    ["import { sqliteTable } from 'drizzle-orm/sqlite-core';", 'imports drizzle-orm/sqlite-core'],
    ["import Database from 'better-sqlite3';", 'imports better-sqlite3'],
    ["import { readFileSync } from 'node:fs';", 'imports node:fs'],
    ["import { createHash } from 'crypto';", 'imports crypto'],
    ["export * from 'node:http';", 'imports node:http'],
    ["const fs = await import('node:fs/promises');", 'imports node:fs/promises'],
    ["const db = require('better-sqlite3');", 'imports better-sqlite3'],
    ["import { changes } from '../../db/schema.ts';", 'imports ../../db/schema.ts from outside src/domain'],
    ['const t = Date.now();', 'reads the clock (\\bDate\\.now\\s*\\()'],
    ['const t = new Date();', 'reads the clock (\\bnew\\s+Date\\s*\\(\\s*\\))'],
    ['const t = new Date;', 'reads the clock (\\bnew\\s+Date\\b(?!\\s*\\())'],
  ])('flags %s', (source, problem) => {
    expect(impurities(source, file)).toEqual([problem]);
  });

  it.each([
    "import { ok } from '../result.ts';",
    "import type { Policy } from '../policy/types.ts';",
    'const later = new Date(start.getTime() + 1000);',
    "import { z } from 'zod';",
  ])('allows %s', (source) => {
    expect(impurities(source, file)).toEqual([]);
  });
});
