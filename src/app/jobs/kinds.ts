import type { ChatPlatform } from '../../db/card-posts-repo.ts';

/** The follow-up work use cases enqueue (the outbox). Each kind has one handler in src/app/jobs/handlers.ts. */
export const JOB = {
  /** Post the change's card to its board's channels on every enabled platform (or announce a standard change). */
  postCard: 'card.post',
  /** Re-render every stored copy of the change's card, on both platforms. */
  refreshCards: 'card.refresh',
  /** A direct message to one person. */
  notifyPerson: 'notify.person',
  /** A reply in the thread of every CAB copy of the card (fans out to one job per copy). */
  threadReply: 'thread.reply',
  /** The reply in one copy's thread, so a retry never repeats it in threads that already have it. */
  threadReplyToPost: 'thread.reply.post',
  /** Expire the change if it is still undecided. */
  expireChange: 'change.expire',
  /** Remind approvers who have not voted yet. */
  remindApprovers: 'change.remind',
  /** Re-render one person's per-person surfaces (Slack App Home); coalesced per person. */
  refreshHome: 'home.refresh',
  /** Tell the change managers about a deployment no approved change covered (deployment gate). */
  alertUnregistered: 'deployment.unregistered.alert',
  /** An objection window's deadline: approve the change by the policy if nobody objected. */
  objectionDeadline: 'objection.deadline',
} as const;

export type JobKind = (typeof JOB)[keyof typeof JOB];

export interface ChangeJobPayload {
  readonly changeId: number;
}

/** A card refresh: every copy, or (a follow-up for copies a rate limit held back) those on these platforms. */
export interface CardRefreshPayload extends ChangeJobPayload {
  readonly platforms?: readonly ChatPlatform[];
}

export interface VersionedJobPayload {
  readonly changeId: number;
  readonly version: number;
}

/** A platform-neutral direct message about a change. */
export interface Notice {
  readonly changeId: number;
  /** One line, e.g. "CHG-1042 was approved". */
  readonly headline: string;
  /** More detail (a reason, a question); user text, escaped by the renderer. */
  readonly body: string | null;
  /** The question a requester can answer straight from the message. */
  readonly questionId: number | null;
}

export interface NotifyPersonPayload {
  readonly personId: number;
  readonly notice: Notice;
  /**
   * A reminder or escalation waits for the person's working hours, maybe all night: it goes out only if the
   * change is still awaiting approval at this version then, and (`owed`) the person still owes a vote.
   */
  readonly onlyWhileAwaiting?: { readonly version: number; readonly owed: boolean };
}

export interface PersonJobPayload {
  readonly personId: number;
}

export interface ThreadReplyPayload {
  readonly changeId: number;
  readonly text: string;
}

export interface ThreadReplyToPostPayload {
  readonly changeId: number;
  readonly postId: number;
  readonly text: string;
}

export interface UnregisteredAlertPayload {
  readonly unregisteredId: number;
}
