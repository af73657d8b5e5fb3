import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../src/node-flags.ts';

describe('NODE_FLAGS', () => {
  // The bench and the process tests start Changeboard with NODE_FLAGS: they must be what `npm start` runs.
  it('are the flags of the start script', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe(`node ${NODE_FLAGS.join(' ')} src/main.ts`);
  });
});
