import { enqueue, pullCoalescedForward } from '../../jobs/queue.ts';
import { type AppContext, inTransaction } from '../context.ts';
import { JOB, type Notice } from './kinds.ts';

/** One person's App Home refresh: the key its waiting job is coalesced under. */
export const homeRefreshKey = (personId: number): string => `home.refresh:${personId}`;

/** The job thread's App Home window: each person's Home is published at most about once in this time. */
export const HOME_REFRESH_WINDOW_MS = 2_000;

/**
 * The follow-up work a use case leaves behind, written in its transaction (an outbox): it commits with
 * the decision or not at all, and runs after the commit.
 */
export function outbox(ctx: AppContext, now: Date) {
  const db = ctx.database.db;
  return {
    /** Brings every copy of the card up to date; a burst of votes coalesces into one pending refresh. */
    refreshCards(changeId: number): void {
      enqueue(
        db,
        {
          kind: JOB.refreshCards,
          payload: { changeId },
          runAt: now,
          coalesceKey: `card.refresh:${changeId}`,
        },
        { now },
      );
    },
    /**
     * Brings one person's App Home up to date; while one refresh waits, more are dropped (a burst of votes
     * leaves one pending publish per person, rendered from the latest state when it runs). The person asked
     * (they opened their Home, or voted from it): a refresh waiting for a later slot is brought forward.
     */
    refreshHome(personId: number): void {
      const runAt = new Date(now.getTime() + (ctx.homeRefreshDelayMs ?? 0));
      const key = homeRefreshKey(personId);
      const { deduped } = enqueue(
        db,
        { kind: JOB.refreshHome, payload: { personId }, runAt, coalesceKey: key },
        { now },
      );
      if (deduped) pullCoalescedForward(db, key, runAt, now);
    },
    notify(personId: number, notice: Notice): void {
      enqueue(db, { kind: JOB.notifyPerson, payload: { personId, notice }, runAt: now }, { now });
    },
    threadReply(changeId: number, text: string): void {
      enqueue(db, { kind: JOB.threadReply, payload: { changeId, text }, runAt: now }, { now });
    },
    postCard(changeId: number): void {
      enqueue(
        db,
        { kind: JOB.postCard, payload: { changeId }, runAt: now, dedupeKey: `card.post:${changeId}` },
        { now },
      );
    },
    /** Runs at `at`, once per change version: a reminder or an expiry is never sent twice. */
    scheduleForVersion(
      kind: typeof JOB.expireChange | typeof JOB.remindApprovers,
      changeId: number,
      version: number,
      at: Date,
    ): void {
      enqueue(
        db,
        { kind, payload: { changeId, version }, runAt: at, dedupeKey: `${kind}:${changeId}:${version}` },
        { now },
      );
    },
  };
}

/**
 * Asks for one person's App Home to be published again (they opened it, or voted from it), as a coalesced
 * job: the listener only writes a row, and the rendering and the Web API call happen in the job worker.
 */
export function requestHomeRefresh(ctx: AppContext, personId: number): void {
  inTransaction(ctx, () => outbox(ctx, ctx.clock()).refreshHome(personId));
}
