import type { PersonRecord } from '../../domain/change/change.ts';
import { formatReleaseKey } from '../../domain/release/release-key.ts';
import { isLate } from '../../domain/release/reminder-plan.ts';
import type { ReleaseMessageView } from '../../domain/release/views.ts';
import { enqueue } from '../../jobs/queue.ts';
import type { JobContext } from '../../jobs/worker.ts';
import type { Logger } from '../../log.ts';
import type { AppContext } from '../context.ts';
import { releaseMessage } from './messages.ts';
import { planTrains } from './plan-trains.ts';
import type { ReleaseSurface } from './ports.ts';
import {
  RELEASE_JOB,
  type RemindPayload,
  releaseOutbox,
  type SendPayload,
  type SendTarget,
} from './release-jobs.ts';
import { modelOf, releaseCard } from './release-queries.ts';

type JobHandler = (payload: unknown, job: JobContext) => Promise<void>;

async function allOrRetry(tasks: (() => Promise<void>)[]): Promise<void> {
  const results = await Promise.allSettled(tasks.map((t) => t()));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

const targetKey = (t: SendTarget) =>
  'personId' in t ? `person:${t.personId}` : `${t.platform}:${t.channel}`;

/** The release context's job handlers, plugged into the worker next to the change handlers. */
export function createReleaseJobHandlers(ctx: AppContext, surfaces: readonly ReleaseSurface[], log: Logger) {
  const { repos } = ctx;
  const postJobState = ctx.database.sqlite.prepare<[string], { status: string }>(
    'SELECT status FROM jobs WHERE dedupe_key = ?',
  );
  /** The post job has finished (or given up): from then on a refresh may post a missing copy itself. */
  const postSettled = (releaseId: number): boolean => {
    const status = postJobState.get(`release.post:${releaseId}`)?.status;
    return status === undefined || status === 'done' || status === 'dead';
  };

  function preferredSurface(person: PersonRecord): ReleaseSurface | null {
    const reachable = surfaces.filter((s) => s.canReach(person));
    return reachable.find((s) => s.platform === person.lastPlatform) ?? reachable[0] ?? null;
  }

  /**
   * One send job per target (the model's channels on every platform, and the release manager by direct
   * message), keyed by this job's id: a fan-out that runs twice never sends anyone the message twice.
   */
  function fanOut(releaseId: number, message: ReleaseMessageView, jobId: number): void {
    const release = repos.releases.get(releaseId);
    const model = release ? modelOf(ctx, release.modelId) : null;
    if (!release || !model) return;
    const targets: SendTarget[] = surfaces.flatMap((s) =>
      s.channelsOf(model).map((channel) => ({ platform: s.platform, channel })),
    );
    if (release.managerId !== null) targets.push({ personId: release.managerId });
    const now = ctx.clock();
    for (const target of targets) {
      enqueue(
        ctx.database.db,
        {
          kind: RELEASE_JOB.send,
          payload: { releaseId, target, message } satisfies SendPayload,
          runAt: now,
          dedupeKey: `release.send:${jobId}:${targetKey(target)}`,
        },
        { now },
      );
    }
  }

  /** Posts the card to every channel of the model that has no copy yet (each copy is stored once posted). */
  function missingCopies(releaseId: number): (() => Promise<void>)[] {
    const release = repos.releases.get(releaseId);
    const model = release ? modelOf(ctx, release.modelId) : null;
    if (!release || !model) return [];
    const posted = repos.releases.posts(releaseId);
    return surfaces.flatMap((surface) =>
      surface
        .channelsOf(model)
        .filter((channel) => !posted.some((p) => p.platform === surface.platform && p.channel === channel))
        .map((channel) => async () => {
          const card = releaseCard(ctx, releaseId);
          if (!card) return;
          const message = await surface.postReleaseCard(channel, card);
          repos.releases.addPost({ releaseId, platform: surface.platform, ...message }, ctx.clock());
        }),
    );
  }

  const post: JobHandler = async (payload) => {
    const { releaseId } = payload as { releaseId: number };
    await allOrRetry(missingCopies(releaseId));
  };

  const refresh: JobHandler = async (payload) => {
    const { releaseId } = payload as { releaseId: number };
    const card = releaseCard(ctx, releaseId);
    if (!card) return;
    const bySurface = new Map(surfaces.map((s) => [s.platform, s]));
    // A channel whose first post gave up (the bot was not in it yet) gets its copy with the next change.
    await allOrRetry([
      ...repos.releases.posts(releaseId).map((p) => async () => {
        await bySurface.get(p.platform)?.updateReleaseCard(p, card);
      }),
      // Never while the post job may still run: the two would post the same copy twice.
      ...(postSettled(releaseId) ? missingCopies(releaseId) : []),
    ]);
  };

  const announce: JobHandler = async (payload, job) => {
    const { releaseId, message } = payload as { releaseId: number; message: ReleaseMessageView };
    fanOut(releaseId, message, job.jobId);
  };

  const send: JobHandler = async (payload) => {
    const { target, message } = payload as SendPayload;
    if ('personId' in target) {
      const person = repos.people.get(target.personId);
      const surface = person ? preferredSurface(person) : null;
      if (!person || !surface) {
        log.info('release manager has no chat identity to message', { personId: target.personId });
        return;
      }
      await surface.sendReleaseMessage(person, message);
      return;
    }
    const surface = surfaces.find((s) => s.platform === target.platform);
    if (surface) await surface.postReleaseMessage(target.channel, message);
  };

  /** A reminder fires only for the generation it was planned for, and only while it still matters. */
  const remind: JobHandler = async (payload, job) => {
    const r = payload as RemindPayload;
    const release = repos.releases.get(r.releaseId);
    if (!release || release.generation !== r.generation) return;
    const relevant =
      r.kind === 'review'
        ? release.state === 'completed'
        : r.kind === 'overdue'
          ? ['planned', 'ready', 'in_progress'].includes(release.state)
          : ['planned', 'ready'].includes(release.state);
    if (!relevant) return;
    const late = isLate(new Date(r.at), job.now);
    const kind = r.kind === 'before' ? 'reminder' : r.kind;
    const message = releaseMessage(ctx, release, kind, { label: r.label, late });
    if (late)
      log.info('release reminder sent late', {
        release: formatReleaseKey(release.id),
        key: r.key,
        due: r.at,
      });
    fanOut(release.id, message, job.jobId);
  };

  const plan: JobHandler = async (payload) => {
    const { modelId } = payload as { modelId: string };
    planTrains(ctx, modelId);
  };

  return {
    [RELEASE_JOB.plan]: plan,
    [RELEASE_JOB.post]: post,
    [RELEASE_JOB.refresh]: refresh,
    [RELEASE_JOB.remind]: remind,
    [RELEASE_JOB.announce]: announce,
    [RELEASE_JOB.send]: send,
  } satisfies Record<string, JobHandler>;
}

/**
 * Wraps the change card refresh: when a change that rides a release moves (a vote, an edit, a start), the
 * release card follows, so its approval states and "waiting on" names stay live.
 */
export function withReleaseRefresh(ctx: AppContext, refreshChangeCards: JobHandler): JobHandler {
  return async (payload, job) => {
    const { changeId } = payload as { changeId: number };
    const releaseId = ctx.repos.releases.releaseOf(changeId);
    if (releaseId !== null) releaseOutbox(ctx, ctx.clock()).refresh(releaseId);
    await refreshChangeCards(payload, job);
  };
}
