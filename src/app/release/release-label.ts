import { formatReleaseKey } from '../../domain/release/release-key.ts';
import type { AppContext } from '../context.ts';

/** "REL-3 Weekly web release 10 Mar 2026" for the change card, or null when the change rides no release. */
export function releaseLabelOf(ctx: AppContext, changeId: number): string | null {
  const releaseId = ctx.repos.releases.releaseOf(changeId);
  const release = releaseId === null ? null : ctx.repos.releases.get(releaseId);
  return release ? `${formatReleaseKey(release.id)} ${release.name}` : null;
}
