import { fileURLToPath } from 'node:url';

/**
 * The Node flags `npm start` runs Changeboard with (package.json's start script says the same; a test checks).
 * The load harness and the tests that start the real process use this list, so they measure what ships.
 *
 * `--max-semi-space-size=8`: V8 sizes the young generation from the machine's memory (up to 64 MB a semi-space
 * on a large host) and keeps it resident once grown; 8 MB holds a vote's garbage comfortably and took about
 * 90 MB off the resident memory at start-up in the load harness (issue 7).
 *
 * `--import=src/compile-cache.mjs`: turns Node's compile cache on before the first TypeScript module is
 * stripped (see that file); about 20 MB less resident memory in the load harness. The start script names it
 * relative to the package; here it is absolute, for processes started from another directory.
 */
export const NODE_FLAGS: readonly string[] = [
  '--max-semi-space-size=8',
  `--import=${fileURLToPath(new URL('./compile-cache.mjs', import.meta.url))}`,
  '--experimental-strip-types',
  '--disable-warning=ExperimentalWarning',
];
