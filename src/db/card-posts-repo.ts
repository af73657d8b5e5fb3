import { and, asc, eq, sql } from 'drizzle-orm';
import type { CardAudience } from '../domain/views/change-card.ts';
import type { Database } from './client.ts';
import { cardPosts } from './schema.ts';

export type ChatPlatform = 'slack' | 'teams';

export interface CardPost {
  readonly id: number;
  readonly changeId: number;
  readonly platform: ChatPlatform;
  readonly channel: string;
  readonly messageId: string;
  readonly kind: CardAudience;
}

/** Every posted copy of a change's card, on both platforms, so one refresh updates them all in place. */
export function createCardPostsRepository(database: Database) {
  const { db } = database;
  const forChange = db
    .select()
    .from(cardPosts)
    .where(eq(cardPosts.changeId, sql.placeholder('changeId')))
    .orderBy(asc(cardPosts.id))
    .prepare();

  function list(changeId: number): CardPost[] {
    return forChange.all({ changeId }).map((r) => ({ ...r, kind: r.kind as CardAudience }));
  }

  function find(
    changeId: number,
    platform: ChatPlatform,
    channel: string,
    kind: CardAudience,
  ): CardPost | null {
    return (
      list(changeId).find((p) => p.platform === platform && p.channel === channel && p.kind === kind) ?? null
    );
  }

  function add(post: Omit<CardPost, 'id'>, at: Date): void {
    db.insert(cardPosts)
      .values({ ...post, createdAt: at })
      .onConflictDoNothing()
      .run();
  }

  // Which copy of a card was clicked: read on every Teams invoke.
  const byMessage = db
    .select()
    .from(cardPosts)
    .where(
      and(
        eq(cardPosts.platform, sql.placeholder('platform')),
        eq(cardPosts.channel, sql.placeholder('channel')),
        eq(cardPosts.messageId, sql.placeholder('messageId')),
      ),
    )
    .prepare();

  function findByMessage(platform: ChatPlatform, channel: string, messageId: string): CardPost | null {
    const row = byMessage.get({ platform, channel, messageId });
    return row ? { ...row, kind: row.kind as CardAudience } : null;
  }

  return { list, find, add, findByMessage };
}

export type CardPostsRepository = ReturnType<typeof createCardPostsRepository>;
