import type { ChatPlatform } from '../../db/card-posts-repo.ts';
import type { PersonRecord } from '../../domain/change/change.ts';
import { formatChangeKey } from '../../domain/change/change-key.ts';
import { enqueue, enqueueCoalesced, waitingCoalesced } from '../../jobs/queue.ts';
import { createSlotPacer } from '../../jobs/slot-pacer.ts';
import { type JobContext, MIN_RETRY_DELAY_MS, RetryLater } from '../../jobs/worker.ts';
import type { Logger } from '../../log.ts';
import { withActiveDelegates } from '../approval/delegation.ts';
import { closeObjectionWindow } from '../approval/objection-window.ts';
import { deliveryTimeFor } from '../approval/working-time.ts';
import { boardOf } from '../approval-state.ts';
import type { AppContext } from '../context.ts';
import { formatWhen } from '../describe.ts';
import { createMetricsJobHandlers } from '../metrics/metrics-jobs.ts';
import type { ChatSurface } from '../ports.ts';
import { approvalState, approversYetToVote, changeCard, changeManagersOf } from '../queries.ts';
import { expireChange } from '../use-cases/expire-change.ts';
import { createGateJobHandlers } from './gate-handlers.ts';
import {
  type CardRefreshPayload,
  type ChangeJobPayload,
  JOB,
  type Notice,
  type NotifyPersonPayload,
  type PersonJobPayload,
  type ThreadReplyPayload,
  type ThreadReplyToPostPayload,
  type VersionedJobPayload,
} from './kinds.ts';
import { homeRefreshKey } from './outbox.ts';

export type JobHandler = (payload: unknown, job: JobContext) => Promise<void>;

/** Runs every task, then rethrows the first failure so the job is retried (each task is idempotent). */
async function allOrRetry(tasks: (() => Promise<void>)[]): Promise<void> {
  const results = await Promise.allSettled(tasks.map((t) => t()));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** The platform-neutral handlers for the outbox; each platform plugs in through a ChatSurface. */
export function createJobHandlers(
  ctx: AppContext,
  surfaces: readonly ChatSurface[],
  log: Logger,
  options: { publicUrl?: string | null } = {},
) {
  const { repos } = ctx;

  /** One platform per person: where they acted last, else any that reaches them (no double messages). */
  function preferredSurface(person: PersonRecord): ChatSurface | null {
    const reachable = surfaces.filter((s) => s.canReach(person));
    return reachable.find((s) => s.platform === person.lastPlatform) ?? reachable[0] ?? null;
  }

  const homePace = surfaces.find((s) => s.changesMoved && s.changesMovedPace)?.changesMovedPace;
  const homeSlots = homePace ? createSlotPacer(homePace) : null;

  /**
   * The requester's and the pending approvers' App Homes follow the change: one coalesced refresh job per
   * person (issue 7), enqueued in one statement, so a burst of votes renders each home once, not per vote.
   */
  async function involvedMoved(changeId: number): Promise<void> {
    if (!surfaces.some((s) => s.changesMoved)) return;
    const change = repos.changes.get(changeId);
    if (!change) return;
    const owing = withActiveDelegates(ctx, change, approversYetToVote(ctx, change));
    const people = [repos.people.get(change.requesterId), ...owing].filter(
      (p): p is PersonRecord => p !== null,
    );
    const now = ctx.clock();
    const earliest = now.getTime() + (ctx.homeRefreshDelayMs ?? 0);
    // Whoever already has a refresh waiting gets nothing new (that one renders the latest state); the others
    // get the platform's next slots, so a burst of votes publishes at the platform's pace (views.publish:
    // about 100 a minute), not 70 people at once per vote.
    const waiting = waitingCoalesced(
      ctx.database.sqlite,
      people.map((p) => homeRefreshKey(p.id)),
    );
    const items = people
      .filter((p) => !waiting.has(homeRefreshKey(p.id)))
      .map((p) => ({
        payload: { personId: p.id },
        coalesceKey: homeRefreshKey(p.id),
        runAt: new Date(homeSlots ? homeSlots.reserve('home', earliest) : earliest),
      }));
    enqueueCoalesced(ctx.database.sqlite, JOB.refreshHome, items, new Date(earliest), now);
  }

  const refreshHome: JobHandler = async (payload) => {
    const { personId } = payload as PersonJobPayload;
    const person = repos.people.get(personId);
    if (!person) return;
    await allOrRetry(surfaces.flatMap((s) => (s.changesMoved ? [() => s.changesMoved!([person])] : [])));
  };

  const postCard: JobHandler = async (payload) => {
    const { changeId } = payload as ChangeJobPayload;
    const change = repos.changes.get(changeId);
    if (!change) return;
    const requester = repos.people.get(change.requesterId);
    const board = boardOf(ctx.policy, change);
    const kind = change.type === 'standard' ? 'announce' : 'cab';
    const tasks: (() => Promise<void>)[] = [];
    for (const surface of surfaces) {
      for (const channel of board ? surface.channelsOf(board) : []) {
        if (repos.cardPosts.find(changeId, surface.platform, channel, kind)) continue;
        tasks.push(async () => {
          const card = changeCard(ctx, changeId, kind)!;
          const posted = await surface.postCard(channel, card);
          repos.cardPosts.add({ changeId, platform: surface.platform, kind, ...posted }, ctx.clock());
        });
      }
    }
    // The requester's own live copy, once, on the platform they use (a Teams form may already have become it).
    const dmSurface = requester ? preferredSurface(requester) : null;
    const alreadyDm = repos.cardPosts.list(changeId).some((p) => p.kind === 'requester');
    if (requester && dmSurface && !alreadyDm) {
      tasks.push(async () => {
        const posted = await dmSurface.sendCardToPerson(requester, changeCard(ctx, changeId, 'requester')!);
        repos.cardPosts.add(
          { changeId, platform: dmSurface.platform, kind: 'requester', ...posted },
          ctx.clock(),
        );
      });
    }
    if (board && surfaces.length > 0 && surfaces.every((s) => s.channelsOf(board).length === 0)) {
      log.warn('the board has no channel on an enabled platform: its card is posted nowhere', {
        change: formatChangeKey(changeId),
        board: board.id,
      });
    }
    await allOrRetry(tasks);
    await involvedMoved(changeId);
  };

  /** The follow-up that catches up one platform's copies of a card after a rate limit held them back. */
  const followUpKey = (changeId: number, platform: ChatPlatform) => `card.refresh:${changeId}:${platform}`;

  const refreshCards: JobHandler = async (payload) => {
    const { changeId, platforms } = payload as CardRefreshPayload;
    const bySurface = new Map(surfaces.map((s) => [s.platform, s]));
    const cards = new Map<string, ReturnType<typeof changeCard>>();
    // A full refresh leaves a platform alone while a follow-up for its copies waits out a rate limit: that
    // follow-up renders the latest state when it runs, and asking the busy platform again only queues more.
    const stored = repos.cardPosts.list(changeId);
    const held = platforms
      ? new Set<string>()
      : waitingCoalesced(
          ctx.database.sqlite,
          [...new Set(stored.map((post) => post.platform))].map((p) => followUpKey(changeId, p)),
        );
    const posts = stored.filter((post) =>
      platforms ? platforms.includes(post.platform) : !held.has(followUpKey(changeId, post.platform)),
    );
    const results = await Promise.allSettled(
      posts.map(async (post) => {
        const surface = bySurface.get(post.platform);
        if (!surface) return;
        await surface.updateCard(post, () => {
          if (!cards.has(post.kind)) cards.set(post.kind, changeCard(ctx, changeId, post.kind));
          return cards.get(post.kind) ?? null;
        });
      }),
    );
    const failures = results.flatMap((r, i) =>
      r.status === 'rejected' ? [{ post: posts[i]!, error: r.reason }] : [],
    );
    // An error retries the whole job (each update is idempotent). A rate limit holds back only its own
    // copies: they get a follow-up of their own, so the copies that went out are not sent again every time
    // the busy platform turns the job away (issue 7: a CAB channel's Teams pace re-sent every Slack copy).
    const error = failures.find((f) => !(f.error instanceof RetryLater));
    if (error) throw error.error;
    for (const platform of new Set(failures.map((f) => f.post.platform))) {
      const at = Math.max(
        ...failures
          .filter((f) => f.post.platform === platform)
          .map((f) => (f.error as RetryLater).at.getTime()),
      );
      enqueue(
        ctx.database.db,
        {
          kind: JOB.refreshCards,
          payload: { changeId, platforms: [platform] } satisfies CardRefreshPayload,
          // No sooner than a rescheduled job would run, so a limit answering "now" cannot make the drain spin.
          runAt: new Date(Math.max(at, ctx.clock().getTime() + MIN_RETRY_DELAY_MS)),
          coalesceKey: followUpKey(changeId, platform),
        },
        { now: ctx.clock() },
      );
    }
    // A follow-up only catches a copy up: the people concerned were told when the change moved.
    if (platforms === undefined) await involvedMoved(changeId);
  };

  /** Whether a reminder held until working hours still has something to say (see `onlyWhileAwaiting`). */
  const stillAwaiting = (p: NotifyPersonPayload): boolean => {
    if (!p.onlyWhileAwaiting) return true;
    const change = repos.changes.get(p.notice.changeId);
    if (change?.state !== 'authorise' || change.version !== p.onlyWhileAwaiting.version) return false;
    if (!p.onlyWhileAwaiting.owed) return true;
    return withActiveDelegates(ctx, change, approversYetToVote(ctx, change)).some((o) => o.id === p.personId);
  };

  const notifyPerson: JobHandler = async (payload) => {
    const p = payload as NotifyPersonPayload;
    const { personId, notice } = p;
    const person = repos.people.get(personId);
    if (!person) return;
    if (!stillAwaiting(p)) {
      log.info('reminder dropped: the vote was cast or the change moved on meanwhile', {
        personId,
        changeId: notice.changeId,
      });
      return;
    }
    const surface = preferredSurface(person);
    if (!surface) log.info('person has no chat identity to notify', { personId });
    else await surface.notifyPerson(person, notice);
  };

  // Fan-out handlers enqueue one job per recipient with a dedupe key made from their own job id: if they
  // fail half-way and run again, nobody gets the same message twice.
  const threadReply: JobHandler = async (payload, job) => {
    const { changeId, text } = payload as ThreadReplyPayload;
    const now = ctx.clock();
    for (const post of repos.cardPosts.list(changeId).filter((p) => p.kind !== 'requester')) {
      enqueue(
        ctx.database.db,
        {
          kind: JOB.threadReplyToPost,
          payload: { changeId, postId: post.id, text } satisfies ThreadReplyToPostPayload,
          runAt: now,
          dedupeKey: `thread.reply:${job.jobId}:${post.id}`,
        },
        { now },
      );
    }
  };

  const threadReplyToPost: JobHandler = async (payload) => {
    const { changeId, postId, text } = payload as ThreadReplyToPostPayload;
    const post = repos.cardPosts.list(changeId).find((p) => p.id === postId);
    const surface = post ? surfaces.find((s) => s.platform === post.platform) : undefined;
    if (post && surface) await surface.replyInThread(post, text);
  };

  const expire: JobHandler = async (payload) => {
    expireChange(ctx, payload as VersionedJobPayload);
  };

  /**
   * ITIL: pending approvals are reminded, then escalated. Approvers yet to vote get a reminder; the board's
   * change managers get an escalation with the tally (instead of a reminder, if they have not voted either).
   */
  const remind: JobHandler = async (payload) => {
    const { changeId, version } = payload as VersionedJobPayload;
    const change = repos.changes.get(changeId);
    const requester = change ? repos.people.get(change.requesterId) : null;
    if (!change || !requester || change.version !== version || change.state !== 'authorise') return;
    const key = formatChangeKey(changeId);
    const expiry = change.expiresAt
      ? `It expires undecided on ${formatWhen(change.expiresAt, ctx.policy.defaults.timezone)}.`
      : null;
    const { tally } = approvalState(ctx.policy, change, requester, repos.changes.listVotes(changeId));
    const standing = tally ? `${tally.approvals} of ${tally.required} approvals so far.` : '';
    const managers = changeManagersOf(ctx, change);
    const now = ctx.clock();
    const send = (person: PersonRecord, notice: Notice, purpose: 'remind' | 'escalate') =>
      enqueue(
        ctx.database.db,
        {
          kind: JOB.notifyPerson,
          payload: {
            personId: person.id,
            notice,
            onlyWhileAwaiting: { version, owed: purpose === 'remind' },
          } satisfies NotifyPersonPayload,
          // Nobody is pinged at 3 a.m.: the message waits for the person's working hours (board's, their zone).
          runAt: deliveryTimeFor(ctx.policy, change, person, now),
          dedupeKey: `${purpose}:${changeId}:${version}:${person.id}`,
        },
        { now },
      );
    for (const person of withActiveDelegates(ctx, change, approversYetToVote(ctx, change))) {
      if (managers.some((m) => m.id === person.id)) continue;
      send(
        person,
        {
          changeId,
          headline: `Reminder: ${key} "${change.title}" is waiting for your vote.`,
          body: expiry,
          questionId: null,
        },
        'remind',
      );
    }
    for (const manager of managers) {
      const body = [standing, expiry].filter(Boolean).join(' ') || null;
      send(
        manager,
        {
          changeId,
          headline: `Escalation: ${key} "${change.title}" is still undecided.`,
          body,
          questionId: null,
        },
        'escalate',
      );
    }
  };

  return {
    [JOB.postCard]: postCard,
    [JOB.refreshCards]: refreshCards,
    [JOB.notifyPerson]: notifyPerson,
    [JOB.threadReply]: threadReply,
    [JOB.threadReplyToPost]: threadReplyToPost,
    [JOB.expireChange]: expire,
    [JOB.remindApprovers]: remind,
    [JOB.refreshHome]: refreshHome,
    ...createGateJobHandlers(ctx, surfaces, log),
    ...createMetricsJobHandlers(ctx, surfaces, log, undefined, options.publicUrl ?? null),
    [JOB.objectionDeadline]: async (payload: unknown) => {
      closeObjectionWindow(ctx, payload as VersionedJobPayload);
    },
  } satisfies Record<string, JobHandler>;
}
