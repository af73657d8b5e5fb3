/**
 * The Node flags `npm start` runs Changeboard with (package.json's start script says the same; a test checks).
 * The load harness and the tests that start the real process use this list, so they measure what ships.
 *
 * `--max-semi-space-size=8`: V8 sizes the young generation from the machine's memory (up to 64 MB a semi-space
 * on a large host) and keeps it resident once grown; 8 MB holds a vote's garbage comfortably and took about
 * 90 MB off the resident memory at start-up in the load harness (issue 7).
 */
export const NODE_FLAGS: readonly string[] = [
  '--max-semi-space-size=8',
  '--experimental-strip-types',
  '--disable-warning=ExperimentalWarning',
];
