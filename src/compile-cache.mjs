// Preloaded by `npm start` (`--import`, see src/node-flags.ts) before the first TypeScript module (issue 7).
//
// Node strips types with a WebAssembly parser it loads into each thread the first time it strips a file:
// about 15 MB per thread. With the on-disk compile cache on from the start, a start after the first finds
// every module's stripped output (and V8's code cache) on disk, so neither the main thread nor the job
// thread loads the parser, and neither compiles the platform SDKs again. This file is JavaScript because a
// TypeScript preload would load the parser itself. Worker threads inherit the cache through the variable.
import { enableCompileCache } from 'node:module';

if (!process.env.VITEST) {
  const { directory } = enableCompileCache();
  if (directory) process.env.NODE_COMPILE_CACHE = directory;
}
