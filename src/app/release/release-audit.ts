import { appendAudit } from '../../db/audit.ts';
import type { ReleaseRecord } from '../../db/release-repo.ts';
import { formatReleaseKey } from '../../domain/release/release-key.ts';
import type { Actor, AppContext } from '../context.ts';

/**
 * Appends one release event to the hash-chained audit trail, inside the caller's transaction. The release is
 * named in `data` (the trail's change column is for changes; a change joining or leaving a release sets it).
 */
export function auditRelease(
  ctx: AppContext,
  actor: Actor | null,
  action: string,
  release: Pick<ReleaseRecord, 'id' | 'version'>,
  extra: { at: Date; changeId?: number; reason?: string | null; data?: Record<string, unknown> },
): void {
  appendAudit(ctx.database.db, {
    at: extra.at,
    changeId: extra.changeId ?? null,
    actorId: actor?.person.id ?? null,
    actorName: actor?.person.name ?? 'Changeboard',
    platform: actor?.platform ?? 'system',
    action: `release.${action}`,
    version: release.version,
    reason: extra.reason ?? null,
    data: { release: formatReleaseKey(release.id), releaseId: release.id, ...extra.data },
  });
}
