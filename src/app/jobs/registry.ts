import type { Logger } from '../../log.ts';
import type { AppContext } from '../context.ts';
import type { ChatSurface } from '../ports.ts';
import type { ReleaseSurface } from '../release/ports.ts';
import { createReleaseJobHandlers, withReleaseRefresh } from '../release/release-handlers.ts';
import { createJobHandlers } from './handlers.ts';
import { JOB } from './kinds.ts';

/** Every surface job handlers post through, one of each kind per enabled platform. */
export interface JobSurfaces {
  readonly chat: readonly ChatSurface[];
  readonly releases: readonly ReleaseSurface[];
}

/**
 * Every bounded context's job handlers in one registry, so the in-process worker and the job thread run
 * exactly the same set: a context that adds job kinds registers its handlers here and nowhere else.
 */
export function createAllJobHandlers(
  ctx: AppContext,
  surfaces: JobSurfaces,
  log: Logger,
  options: { publicUrl?: string | null } = {},
) {
  const changeHandlers = createJobHandlers(ctx, surfaces.chat, log.child({ component: 'jobs' }), options);
  return {
    ...changeHandlers,
    // A change that rides a release refreshes the release card too.
    [JOB.refreshCards]: withReleaseRefresh(ctx, changeHandlers[JOB.refreshCards]),
    ...createReleaseJobHandlers(ctx, surfaces.releases, log.child({ component: 'release-jobs' })),
  };
}
