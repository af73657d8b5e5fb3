import { appendAudit } from '../db/audit.ts';
import type { ChangeRecord } from '../domain/change/change.ts';
import type { Actor, AppContext } from './context.ts';

/** Appends one audit event for a change, inside the caller's transaction: who, what, when, why, from where. */
export function auditChange(
  ctx: AppContext,
  actor: Actor | null,
  action: string,
  change: Pick<ChangeRecord, 'id' | 'version'>,
  extra: { reason?: string | null; data?: Record<string, unknown>; at: Date },
): void {
  appendAudit(ctx.database.db, {
    at: extra.at,
    changeId: change.id,
    actorId: actor?.person.id ?? null,
    actorName: actor?.person.name ?? 'Changeboard',
    platform: actor?.platform ?? 'system',
    action,
    version: change.version,
    reason: extra.reason ?? null,
    data: extra.data ?? {},
  });
}
