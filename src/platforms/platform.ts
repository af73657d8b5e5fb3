import type { AppContext } from '../app/context.ts';
import type { JobSurfaces } from '../app/jobs/registry.ts';
import type { ChatSurface } from '../app/ports.ts';
import type { ReleaseSurface } from '../app/release/ports.ts';
import type { Route } from '../http/server.ts';
import type { Logger } from '../log.ts';

/** What a chat platform adapter gives the process: routes on the shared server, a surface for jobs, a lifecycle. */
export interface PlatformAdapter {
  readonly name: 'slack' | 'teams';
  readonly routes: readonly Route[];
  readonly surface: ChatSurface;
  /** Release cards and messages on this platform (release management). */
  readonly releaseSurface?: ReleaseSurface;
  /** Starts anything beyond HTTP routes (e.g. Slack Socket Mode). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface PlatformDeps {
  readonly ctx: AppContext;
  readonly log: Logger;
  /** Wakes the job worker (after a use case commits; ctx.onCommit already does it). */
  readonly wake: () => void;
}

/** The job surfaces of the running adapters, for the in-process worker. */
export function adapterSurfaces(adapters: readonly PlatformAdapter[]): JobSurfaces {
  return {
    chat: adapters.map((a) => a.surface),
    releases: adapters.flatMap((a) => (a.releaseSurface ? [a.releaseSurface] : [])),
  };
}
