import type { MemberRef } from '../policy/types.ts';

/**
 * The release manager of a train's instance (ITIL: the release manager coordinates each release): managers
 * take turns, instance n getting the n-th of the list, round and round. Null when the model names nobody.
 */
export function managerFor(managers: readonly MemberRef[], sequence: number): MemberRef | null {
  if (managers.length === 0) return null;
  const i = ((sequence % managers.length) + managers.length) % managers.length;
  return managers[i] ?? null;
}
