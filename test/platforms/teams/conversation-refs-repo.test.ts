import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client.ts';
import { createConversationRefsRepository } from '../../../src/db/conversation-refs-repo.ts';
import { minutesAfter, NOW } from '../../domain/fixtures.ts';
import { createTestDatabase } from '../../helpers/db.ts';

let database: Database;
afterEach(() => database.close());

const reference = (conversationId: string) => ({
  serviceUrl: 'https://smba.example/',
  conversation: { id: conversationId },
});

describe('the conversation references repository', () => {
  it('stores a reference once and refreshes it when it changes', () => {
    database = createTestDatabase();
    const refs = createConversationRefsRepository(database);
    const ref = {
      conversationId: '19:cab@thread.tacv2',
      kind: 'channel' as const,
      teamId: 't1',
      name: 'CAB',
      personId: null,
    };
    refs.save({ ...ref, reference: reference('19:cab@thread.tacv2') }, NOW);
    refs.save({ ...ref, reference: reference('19:cab@thread.tacv2') }, minutesAfter(NOW, 5));
    expect(refs.get('19:cab@thread.tacv2')?.updatedAt).toEqual(NOW);
    refs.save(
      {
        ...ref,
        name: null,
        reference: { ...reference('19:cab@thread.tacv2'), serviceUrl: 'https://other/' },
      },
      minutesAfter(NOW, 9),
    );
    expect(refs.get('19:cab@thread.tacv2')).toMatchObject({
      name: 'CAB',
      updatedAt: minutesAfter(NOW, 9),
      reference: { serviceUrl: 'https://other/' },
    });
  });

  it('finds a person’s personal chat and the latest conversation of a kind', () => {
    database = createTestDatabase();
    const refs = createConversationRefsRepository(database);
    const person = database.sqlite
      .prepare("INSERT INTO people (name, created_at) VALUES ('Rita', 0) RETURNING id")
      .get() as { id: number };
    refs.save(
      {
        conversationId: 'a:1',
        kind: 'personal',
        teamId: null,
        name: null,
        personId: person.id,
        reference: reference('a:1'),
      },
      NOW,
    );
    refs.save(
      {
        conversationId: '19:x',
        kind: 'channel',
        teamId: 't',
        name: null,
        personId: null,
        reference: reference('19:x'),
      },
      minutesAfter(NOW, 1),
    );
    expect(refs.personalChatOf(person.id)?.conversationId).toBe('a:1');
    expect(refs.mostRecent('personal')?.conversationId).toBe('a:1');
    expect(refs.mostRecent()?.conversationId).toBe('19:x');
    refs.forget('a:1');
    expect(refs.personalChatOf(person.id)).toBeNull();
  });
});
