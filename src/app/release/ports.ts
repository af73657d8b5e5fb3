import type { ChatPlatform } from '../../db/card-posts-repo.ts';
import type { ReleasePost } from '../../db/release-repo.ts';
import type { PersonRecord } from '../../domain/change/change.ts';
import type { ReleaseModel } from '../../domain/release/types.ts';
import type { ReleaseCardView, ReleaseMessageView } from '../../domain/release/views.ts';
import type { PostedMessage } from '../ports.ts';

/** What the release jobs need from a chat platform; Slack and Teams each implement it in their folder. */
export interface ReleaseSurface {
  readonly platform: ChatPlatform;
  /** The model's channels that live on this platform. */
  channelsOf(model: ReleaseModel): readonly string[];
  canReach(person: PersonRecord): boolean;
  postReleaseCard(channel: string, card: ReleaseCardView): Promise<PostedMessage>;
  updateReleaseCard(post: ReleasePost, card: ReleaseCardView): Promise<void>;
  postReleaseMessage(channel: string, message: ReleaseMessageView): Promise<void>;
  sendReleaseMessage(person: PersonRecord, message: ReleaseMessageView): Promise<void>;
}
