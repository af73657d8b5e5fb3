import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the Bot Framework SDK boundary', () => {
  it('keeps every botbuilder import inside src/platforms/teams, so a move to the Teams SDK touches one folder', () => {
    const outside = sourceFiles(join(root, 'src'))
      .map((file) => relative(root, file))
      .filter((file) => !file.startsWith('src/platforms/teams/'))
      .filter((file) =>
        /from ['"](botbuilder|botframework-)[^'"]*['"]/.test(readFileSync(join(root, file), 'utf8')),
      );
    expect(outside).toEqual([]);
  });

  it('finds the imports it looks for (the check is not vacuous)', () => {
    const inside = sourceFiles(join(root, 'src/platforms/teams')).filter((file) =>
      /from 'botbuilder'/.test(readFileSync(file, 'utf8')),
    );
    expect(inside.length).toBeGreaterThan(3);
  });
});
