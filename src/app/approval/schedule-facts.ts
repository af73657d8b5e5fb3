import type { AppContext } from '../context.ts';

/**
 * The one place `explain` learns about the change schedule: the freezes and conflicts that apply to a
 * change's window, one sentence each. The schedule context (freezes, conflicts) plugs in here; until it
 * exists there are none to tell.
 */
export function scheduleFactsFor(_ctx: AppContext, _changeId: number): readonly string[] {
  return [];
}
