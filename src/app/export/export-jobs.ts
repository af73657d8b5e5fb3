import { appendAudit } from '../../db/audit.ts';
import { createEvidenceFilesRepository } from '../../db/evidence-files-repo.ts';
import { memberMatches } from '../../domain/change/approval.ts';
import type { PersonRecord } from '../../domain/change/change.ts';
import type { MetricsPeriod } from '../../domain/metrics/types.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { DOWNLOAD_PATH } from '../../http/evidence-download.ts';
import { enqueue } from '../../jobs/queue.ts';
import type { Logger } from '../../log.ts';
import { type Actor, type AppContext, inTransaction } from '../context.ts';
import type { JobHandler } from '../jobs/handlers.ts';
import type { ChatSurface } from '../ports.ts';
import { buildEvidenceBundle, type EvidenceFormat } from './evidence-bundle.ts';

export const EXPORT_JOB = {
  /** Build the evidence bundle a change manager asked for and send it to them as a file. */
  evidence: 'evidence.export',
  /** Delete a bundle behind a download link when the link expires. */
  expireFile: 'evidence.file.expire',
} as const;

/** How long a download link lives. */
export const DOWNLOAD_LINK_HOURS = 24;

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

/** A link to a stored file, for platforms that cannot take the file itself from a bot. */
export interface DownloadLink {
  readonly url: string;
  readonly title: string;
  readonly comment: string;
  readonly expiresAt: Date;
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
    // Who took which evidence away is itself evidence.
    appendAudit(ctx.database.db, {
      at: now,
      changeId: null,
      actorId: actor.person.id,
      actorName: actor.person.name,
      platform: actor.platform,
      action: 'evidence.export_requested',
      version: null,
      reason: null,
      data: { from: period.from.toISOString(), to: period.to.toISOString(), format },
    });
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

export function createExportJobHandlers(
  ctx: AppContext,
  surfaces: readonly ChatSurface[],
  log: Logger,
  publicUrl: string | null,
) {
  const files = createEvidenceFilesRepository(ctx.database);

  const evidence: JobHandler = async (payload, job) => {
    const p = payload as EvidenceExportPayload;
    const person = ctx.repos.people.get(p.personId);
    const surface = surfaces.find((s) => s.platform === p.platform);
    const canLink = surface?.sendDownloadLink !== undefined && publicUrl !== null;
    if (!person || !surface || (!surface.sendFileToPerson && !canLink)) {
      log.warn('an evidence export cannot be delivered (a Teams link needs PUBLIC_URL)', {
        platform: p.platform,
        personId: p.personId,
      });
      return;
    }
    const period = { from: new Date(p.from), to: new Date(p.to) };
    const bundle = buildEvidenceBundle(ctx, period, p.format);
    const chain = bundle.manifest.auditChain;
    const day = (d: Date) => d.toISOString().slice(0, 10);
    // The period is half-open; people read its last day, not the day after.
    const lastDay = new Date(period.to.getTime() - 1);
    const file: PersonFile = {
      bytes: bundle.zip,
      filename: `changeboard-evidence-${day(period.from)}-${day(lastDay)}.zip`,
      title: `Change evidence ${day(period.from)} to ${day(lastDay)}`,
      comment: `${bundle.manifest.changes} changes. ${
        chain.verifies
          ? `Audit trail intact: ${chain.eventCount} events, last hash ${chain.lastHash}.`
          : `Audit trail BROKEN at event ${chain.brokenAt}.`
      }`,
    };
    if (surface.sendFileToPerson) {
      await surface.sendFileToPerson(person, file);
      return;
    }
    // No file from a bot on this platform: store it behind an unguessable link that a job deletes later.
    // One stored file per job, however often the job runs (the dedupe key is the job).
    const now = ctx.clock();
    const expiresAt = new Date(now.getTime() + DOWNLOAD_LINK_HOURS * 3_600_000);
    const stored = ctx.database.sqlite
      .transaction(() => {
        const saved = files.save(
          { personId: person.id, filename: file.filename, bytes: file.bytes },
          now,
          expiresAt,
        );
        const queued = enqueue(
          ctx.database.db,
          {
            kind: EXPORT_JOB.expireFile,
            payload: { id: saved.id },
            runAt: expiresAt,
            dedupeKey: `${EXPORT_JOB.expireFile}:job:${job.jobId}`,
          },
          { now },
        );
        if (queued.deduped) {
          // A retry: the file of the first run is kept, this copy is not.
          files.delete(saved.id);
          const first = ctx.database.sqlite
            .prepare<{ id: number }, { payload: string }>('SELECT payload FROM jobs WHERE id = @id')
            .get({ id: queued.id });
          return JSON.parse(first?.payload ?? '{}').id as string;
        }
        return saved.id;
      })
      .immediate();
    await surface.sendDownloadLink!(person, {
      url: `${publicUrl}${DOWNLOAD_PATH}?id=${stored}`,
      title: file.title,
      comment: `${file.comment} The link works for ${DOWNLOAD_LINK_HOURS} hours.`,
      expiresAt,
    });
  };

  const expireFile: JobHandler = async (payload) => {
    files.delete((payload as { id: string }).id);
  };

  return { [EXPORT_JOB.evidence]: evidence, [EXPORT_JOB.expireFile]: expireFile } satisfies Record<
    string,
    JobHandler
  >;
}
