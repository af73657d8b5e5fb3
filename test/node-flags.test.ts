import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../src/node-flags.ts';

describe('NODE_FLAGS', () => {
  // The bench and the process tests start Changeboard with NODE_FLAGS: they must be what `npm start` runs.
  it('are the flags of the start script', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>;
    };
    // The preload is named relative to the package there and absolute here (processes start elsewhere).
    const root = fileURLToPath(new URL('../', import.meta.url));
    const relative = NODE_FLAGS.map((flag) => flag.replace(`=${root}`, '=./'));
    // `exec`: npm's shell becomes node, so a SIGTERM to `npm start` reaches Changeboard's own stop.
    expect(pkg.scripts.start).toBe(`exec node ${relative.join(' ')} src/main.ts`);
  });
});
