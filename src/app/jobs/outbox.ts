import { enqueue } from '../../jobs/queue.ts';
import type { AppContext } from '../context.ts';
import { JOB, type Notice } from './kinds.ts';

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
