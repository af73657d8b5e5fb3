import type { Database } from './client.ts';

/** Where a Teams conversation lives: a team channel, a group chat, or a personal (1:1) chat with the bot. */
export type ConversationKind = 'channel' | 'groupChat' | 'personal';

/**
 * A stored conversation reference: enough to post into the conversation later, without an incoming activity
 * (proactive messages, and every post after a restart). `reference` is the platform's own JSON, kept opaque
 * here so this module knows nothing of botbuilder.
 */
export interface ConversationRef {
  readonly conversationId: string;
  readonly kind: ConversationKind;
  readonly teamId: string | null;
  readonly name: string | null;
  /** The person a personal chat belongs to; null for channels and group chats. */
  readonly personId: number | null;
  readonly reference: Record<string, unknown>;
  readonly updatedAt: Date;
}

interface Row {
  conversation_id: string;
  kind: string;
  team_id: string | null;
  name: string | null;
  person_id: number | null;
  reference: string;
  updated_at: number;
}

const toRef = (row: Row): ConversationRef => ({
  conversationId: row.conversation_id,
  kind: row.kind as ConversationKind,
  teamId: row.team_id,
  name: row.name,
  personId: row.person_id,
  reference: JSON.parse(row.reference) as Record<string, unknown>,
  updatedAt: new Date(row.updated_at),
});

/** The Teams conversations the bot has seen (captured on install and on every activity), for proactive posts. */
export function createConversationRefsRepository(database: Database) {
  const { sqlite } = database;
  // Prepared once: `save` runs on every incoming activity.
  const byId = sqlite.prepare<[string], Row>('SELECT * FROM conversation_refs WHERE conversation_id = ?');
  const personal = sqlite.prepare<[number], Row>(
    "SELECT * FROM conversation_refs WHERE person_id = ? AND kind = 'personal' ORDER BY updated_at DESC LIMIT 1",
  );
  const latestOfKind = sqlite.prepare<[string], Row>(
    'SELECT * FROM conversation_refs WHERE kind = ? ORDER BY updated_at DESC LIMIT 1',
  );
  const latest = sqlite.prepare<[], Row>('SELECT * FROM conversation_refs ORDER BY updated_at DESC LIMIT 1');
  const upsert = sqlite.prepare(
    `INSERT INTO conversation_refs (conversation_id, kind, team_id, name, person_id, reference, updated_at)
     VALUES (@conversationId, @kind, @teamId, @name, @personId, @reference, @updatedAt)
     ON CONFLICT (conversation_id) DO UPDATE SET
       kind = excluded.kind,
       team_id = COALESCE(excluded.team_id, conversation_refs.team_id),
       name = COALESCE(excluded.name, conversation_refs.name),
       person_id = COALESCE(excluded.person_id, conversation_refs.person_id),
       reference = excluded.reference,
       updated_at = excluded.updated_at`,
  );
  const remove = sqlite.prepare('DELETE FROM conversation_refs WHERE conversation_id = ?');

  function get(conversationId: string): ConversationRef | null {
    const row = byId.get(conversationId);
    return row ? toRef(row) : null;
  }

  /** Stores or refreshes a reference. Skips the write when nothing changed (it runs on every activity). */
  function save(ref: Omit<ConversationRef, 'updatedAt'>, now: Date): void {
    const reference = JSON.stringify(ref.reference);
    const known = byId.get(ref.conversationId);
    const same =
      known !== undefined &&
      known.kind === ref.kind &&
      known.reference === reference &&
      (ref.teamId === null || known.team_id === ref.teamId) &&
      (ref.name === null || known.name === ref.name) &&
      (ref.personId === null || known.person_id === ref.personId);
    if (same) return;
    upsert.run({
      conversationId: ref.conversationId,
      kind: ref.kind,
      teamId: ref.teamId,
      name: ref.name,
      personId: ref.personId,
      reference,
      updatedAt: now.getTime(),
    });
  }

  /** The person's most recent personal chat with the bot. */
  function personalChatOf(personId: number): ConversationRef | null {
    const row = personal.get(personId);
    return row ? toRef(row) : null;
  }

  /** The most recently seen conversation of a kind, or of any kind: its service URL and tenant serve new posts. */
  function mostRecent(kind?: ConversationKind): ConversationRef | null {
    const row = kind === undefined ? latest.get() : latestOfKind.get(kind);
    return row ? toRef(row) : null;
  }

  /** Forgets a conversation (the bot was removed from it). */
  function forget(conversationId: string): void {
    remove.run(conversationId);
  }

  return { get, save, personalChatOf, mostRecent, forget };
}

export type ConversationRefsRepository = ReturnType<typeof createConversationRefsRepository>;
