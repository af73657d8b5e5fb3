import { memberMatches } from '../../domain/change/approval.ts';
import type { PersonRecord } from '../../domain/change/change.ts';
import type { MetricsPeriod } from '../../domain/metrics/types.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { enqueue } from '../../jobs/queue.ts';
import type { Logger } from '../../log.ts';
import { type Actor, type AppContext, inTransaction } from '../context.ts';
import type { JobHandler } from '../jobs/handlers.ts';
import type { ChatSurface } from '../ports.ts';
import { buildEvidenceBundle, type EvidenceFormat } from './evidence-bundle.ts';

export const EXPORT_JOB = {
  /** Build the evidence bundle a change manager asked for and send it to them as a file. */
  evidence: 'evidence.export',
} as const;

export interface EvidenceExportPayload {
  readonly personId: number;
  readonly platform: 'slack' | 'teams';
  readonly from: number;
  readonly to: number;
  readonly format: EvidenceFormat;
}

/** A file for one person's direct messages (the evidence bundle). */
export interface PersonFile {
  readonly bytes: Uint8Array;
  readonly filename: string;
  readonly title: string;
  /** One line of plain text sent with it. */
  readonly comment: string;
}

/** Change managers are the members with the final say on some board (the practice's accountable role). */
export const isChangeManager = (ctx: AppContext, person: PersonRecord): boolean =>
  ctx.policy.boards.some((b) => b.members.some((m) => m.finalSay === true && memberMatches(m, person)));

/**
 * ITIL audit and compliance: a change manager asks for the evidence of a period from chat; the bundle is built
 * and sent by a job (never on the ack path). Anyone else is refused with a stable code.
 */
export function requestEvidenceExport(
  ctx: AppContext,
  actor: Actor & { platform: 'slack' | 'teams' },
  period: MetricsPeriod,
  format: EvidenceFormat,
): Result<void> {
  if (!isChangeManager(ctx, actor.person)) {
    return fail(
      'not_change_manager',
      'Only a change manager (a board member with the final say) can export evidence.',
    );
  }
  const now = ctx.clock();
  inTransaction(ctx, () => {
    enqueue(
      ctx.database.db,
      {
        kind: EXPORT_JOB.evidence,
        payload: {
          personId: actor.person.id,
          platform: actor.platform,
          from: period.from.getTime(),
          to: period.to.getTime(),
          format,
        } satisfies EvidenceExportPayload,
        runAt: now,
      },
      { now },
    );
  });
  return ok(undefined);
}

export function createExportJobHandlers(ctx: AppContext, surfaces: readonly ChatSurface[], log: Logger) {
  const evidence: JobHandler = async (payload) => {
    const p = payload as EvidenceExportPayload;
    const person = ctx.repos.people.get(p.personId);
    const surface = surfaces.find((s) => s.platform === p.platform);
    if (!person || !surface?.sendFileToPerson) {
      log.warn('an evidence export cannot be delivered', { platform: p.platform, personId: p.personId });
      return;
    }
    const period = { from: new Date(p.from), to: new Date(p.to) };
    const bundle = buildEvidenceBundle(ctx, period, p.format);
    const chain = bundle.manifest.auditChain;
    const day = (d: Date) => d.toISOString().slice(0, 10);
    await surface.sendFileToPerson(person, {
      bytes: bundle.zip,
      filename: `changeboard-evidence-${day(period.from)}-${day(period.to)}.zip`,
      title: `Change evidence ${day(period.from)} to ${day(period.to)}`,
      comment: `${bundle.manifest.changes} changes. ${
        chain.verifies
          ? `Audit trail intact: ${chain.eventCount} events, last hash ${chain.lastHash}.`
          : `Audit trail BROKEN at event ${chain.brokenAt}.`
      }`,
    });
  };
  return { [EXPORT_JOB.evidence]: evidence } satisfies Record<string, JobHandler>;
}
