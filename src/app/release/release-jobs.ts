import type { ReleaseRecord } from '../../db/release-repo.ts';
import { planReminders, type ReminderKind } from '../../domain/release/reminder-plan.ts';
import type { ReleaseModel } from '../../domain/release/types.ts';
import type { ReleaseMessageView } from '../../domain/release/views.ts';
import { enqueue } from '../../jobs/queue.ts';
import type { AppContext } from '../context.ts';

/** The release context's job kinds; each has one handler in release-handlers.ts. */
export const RELEASE_JOB = {
  /** Plan a train's next instances ahead of time (and the next planning run). */
  plan: 'release.plan',
  /** Post the release card to the model's channels. */
  post: 'release.post',
  /** Re-render every stored copy of the release card. */
  refresh: 'release.refresh',
  /** A reminder of one release window, checked against the release's generation. */
  remind: 'release.remind',
  /** A message to every target of a release (channels and manager): fans out into one send per target. */
  announce: 'release.announce',
  /** One message to one channel or person. */
  send: 'release.send',
} as const;

export interface RemindPayload {
  readonly releaseId: number;
  readonly generation: number;
  readonly kind: ReminderKind | 'review';
  readonly key: string;
  readonly label: string;
  /** When it is due (ISO): a reminder sent well after it is marked late. */
  readonly at: string;
}

export type SendTarget =
  | { readonly platform: 'slack' | 'teams'; readonly channel: string }
  | { readonly personId: number };

export interface SendPayload {
  readonly releaseId: number;
  readonly target: SendTarget;
  readonly message: ReleaseMessageView;
}

/** The follow-up work of a release use case, written in its transaction. */
export function releaseOutbox(ctx: AppContext, now: Date) {
  const db = ctx.database.db;
  return {
    refresh(releaseId: number): void {
      enqueue(
        db,
        {
          kind: RELEASE_JOB.refresh,
          payload: { releaseId },
          runAt: now,
          coalesceKey: `release.refresh:${releaseId}`,
        },
        { now },
      );
    },
    post(releaseId: number): void {
      enqueue(
        db,
        {
          kind: RELEASE_JOB.post,
          payload: { releaseId },
          runAt: now,
          dedupeKey: `release.post:${releaseId}`,
        },
        { now },
      );
    },
    announce(releaseId: number, message: ReleaseMessageView): void {
      enqueue(db, { kind: RELEASE_JOB.announce, payload: { releaseId, message }, runAt: now }, { now });
    },
    /**
     * One job per reminder of the window, keyed by release, generation and reminder: planned once, and a
     * moved window (a new generation) plans fresh ones while the old ones find a stale generation and stay quiet.
     */
    scheduleReminders(release: ReleaseRecord, model: ReleaseModel): void {
      const window = { start: release.plannedStart, end: release.plannedEnd };
      for (const r of planReminders(model.reminders, window, now)) {
        const payload: RemindPayload = {
          releaseId: release.id,
          generation: release.generation,
          kind: r.kind,
          key: r.key,
          label: r.label,
          at: r.at.toISOString(),
        };
        enqueue(
          db,
          {
            kind: RELEASE_JOB.remind,
            payload,
            runAt: r.at,
            dedupeKey: `release.remind:${release.id}:${release.generation}:${r.key}`,
          },
          { now },
        );
      }
    },
    scheduleReview(release: ReleaseRecord, at: Date, minutes: number): void {
      const payload: RemindPayload = {
        releaseId: release.id,
        generation: release.generation,
        kind: 'review',
        key: `review:${minutes}`,
        label: 'review',
        at: at.toISOString(),
      };
      enqueue(
        db,
        { kind: RELEASE_JOB.remind, payload, runAt: at, dedupeKey: `release.review:${release.id}` },
        { now },
      );
    },
    /** The next planning run of a train, once per time. */
    schedulePlanning(modelId: string, at: Date): void {
      enqueue(
        db,
        {
          kind: RELEASE_JOB.plan,
          payload: { modelId },
          runAt: at,
          dedupeKey: `release.plan:${modelId}:${at.getTime()}`,
        },
        { now },
      );
    },
  };
}
