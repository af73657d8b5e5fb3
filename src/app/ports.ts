import type { CardPost, ChatPlatform } from '../db/card-posts-repo.ts';
import type { PersonRecord } from '../domain/change/change.ts';
import type { ChangeCardView } from '../domain/views/change-card.ts';
import type { UnregisteredAlertView } from '../domain/views/unregistered-alert.ts';
import type { Pace } from '../jobs/slot-pacer.ts';
import type { DownloadLink, PersonFile } from './export/export-jobs.ts';
import type { Notice } from './jobs/kinds.ts';
import type { MetricsDestination, MetricsMessage } from './metrics/metrics-message.ts';

export interface PostedMessage {
  readonly channel: string;
  readonly messageId: string;
}

/**
 * What the job handlers need from a chat platform. Slack and Teams each implement it in their adapter
 * folder; the handlers stay platform-neutral, so one vote refreshes every copy of a card on both.
 */
export interface ChatSurface {
  readonly platform: ChatPlatform;
  /** The channels of a board that live on this platform. */
  channelsOf(board: {
    readonly channels: { readonly slack: readonly string[]; readonly teams: readonly string[] };
  }): readonly string[];
  /** True when the person can be reached on this platform. */
  canReach(person: PersonRecord): boolean;
  postCard(channel: string, card: ChangeCardView): Promise<PostedMessage>;
  /** Sends the requester's own copy of the card by direct message. */
  sendCardToPerson(person: PersonRecord, card: ChangeCardView): Promise<PostedMessage>;
  /**
   * Brings a stored copy up to date. The view is built only once the platform's pace lets the update go (null:
   * the change is gone), so a copy turned away for later (RetryLater) costs no reads and no rendering.
   */
  updateCard(post: CardPost, card: () => ChangeCardView | null): Promise<void>;
  replyInThread(post: CardPost, text: string): Promise<void>;
  notifyPerson(person: PersonRecord, notice: Notice): Promise<void>;
  /** A direct message to a change manager about a deployment no approved change covered (deployment gate). */
  sendUnregisteredAlert?(person: PersonRecord, alert: UnregisteredAlertView): Promise<void>;
  /** Something about these changes moved: refresh per-person surfaces such as Slack's App Home. */
  changesMoved?(people: readonly PersonRecord[]): Promise<void>;
  /** How fast the platform takes those per-person refreshes when many people are concerned at once. */
  readonly changesMovedPace?: Pace;
  /** Metrics: the figures with their chart, to a person or a channel. */
  postMetrics?(to: MetricsDestination, message: MetricsMessage): Promise<void>;
  /** A file in the person's direct messages (the evidence export). */
  sendFileToPerson?(person: PersonRecord, file: PersonFile): Promise<void>;
  /** A link to a stored file in the person's direct messages, where a platform takes no file from a bot. */
  sendDownloadLink?(person: PersonRecord, link: DownloadLink): Promise<void>;
}
