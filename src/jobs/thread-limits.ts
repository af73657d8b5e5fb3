/**
 * The job thread's heap bounds. Without pressure V8 lets a second isolate's heap grow to hundreds of megabytes
 * of garbage (the rendering allocates briskly); the jobs' live data is small. (8 MB of young generation instead
 * of 16 made no difference to resident memory under load in the load harness, which reuses these bounds for
 * its memory floor.)
 */
export const JOB_THREAD_RESOURCE_LIMITS = {
  maxOldGenerationSizeMb: 96,
  maxYoungGenerationSizeMb: 16,
} as const;
