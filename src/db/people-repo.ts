import { eq, sql } from 'drizzle-orm';
import type { PersonRecord } from '../domain/change/change.ts';
import type { Database } from './client.ts';
import { people } from './schema.ts';

/** What a platform tells us about the person behind a click or a message. */
export type PlatformIdentity =
  | {
      readonly platform: 'slack';
      readonly slackUserId: string;
      readonly name: string;
      readonly email?: string | null;
      readonly timezone?: string | null;
    }
  | {
      readonly platform: 'teams';
      readonly teamsUserId: string;
      readonly teamsChannelId?: string | null;
      readonly name: string;
      readonly email?: string | null;
      /** The IANA zone of the person's Teams client (activity.localTimezone), when it says. */
      readonly timezone?: string | null;
    };

type PersonRow = typeof people.$inferSelect;

const toRecord = (row: PersonRow): PersonRecord => ({
  id: row.id,
  name: row.name,
  email: row.email,
  slackUserId: row.slackUserId,
  teamsUserId: row.teamsUserId,
  teamsChannelId: row.teamsChannelId,
  timezone: row.timezone,
  lastPlatform: row.lastPlatform,
});

const emailOf = (identity: PlatformIdentity): string | null => identity.email?.trim().toLowerCase() || null;

/** The columns a platform identity sets; only a person's own action moves their preferred platform. */
const platformFieldsOf = (identity: PlatformIdentity, acted: boolean): Record<string, unknown> =>
  identity.platform === 'slack'
    ? {
        slackUserId: identity.slackUserId,
        ...(acted ? { lastPlatform: 'slack' as const } : {}),
        ...(identity.timezone ? { timezone: identity.timezone } : {}),
      }
    : {
        teamsUserId: identity.teamsUserId,
        ...(acted ? { lastPlatform: 'teams' as const } : {}),
        ...(identity.teamsChannelId ? { teamsChannelId: identity.teamsChannelId } : {}),
        ...(identity.timezone ? { timezone: identity.timezone } : {}),
      };

/** True when resolving this identity would write something (a new name, email or platform field). */
const differs = (
  known: PersonRecord,
  identity: PlatformIdentity,
  email: string | null,
  platformFields: Record<string, unknown>,
): boolean =>
  known.name !== identity.name ||
  (email !== null && known.email !== email) ||
  Object.entries(platformFields).some(([k, v]) => (known as unknown as Record<string, unknown>)[k] !== v);

/** People and their platform identities; a Slack user and a Teams user with the same email are one person. */
export function createPeopleRepository(database: Database) {
  const { db } = database;
  const byId = db
    .select()
    .from(people)
    .where(eq(people.id, sql.placeholder('id')))
    .prepare();
  const bySlack = db
    .select()
    .from(people)
    .where(eq(people.slackUserId, sql.placeholder('id')))
    .prepare();
  const byTeams = db
    .select()
    .from(people)
    .where(eq(people.teamsUserId, sql.placeholder('id')))
    .prepare();
  const byEmail = db
    .select()
    .from(people)
    .where(eq(sql`lower(${people.email})`, sql.placeholder('email')))
    .prepare();

  function get(id: number): PersonRecord | null {
    const row = byId.get({ id });
    return row ? toRecord(row) : null;
  }

  function findByEmail(email: string): PersonRecord | null {
    const row = byEmail.get({ email: email.toLowerCase() });
    return row ? toRecord(row) : null;
  }

  function findByIdentity(identity: PlatformIdentity): PersonRecord | null {
    const row =
      identity.platform === 'slack'
        ? bySlack.get({ id: identity.slackUserId })
        : byTeams.get({ id: identity.teamsUserId });
    return row ? toRecord(row) : null;
  }

  /**
   * Finds or creates the person behind a platform identity. A known platform id wins; otherwise a matching
   * email links the new identity to the existing person, so the same human counts once across platforms.
   * Call inside a transaction.
   */
  function resolve(identity: PlatformIdentity, now: Date, opts: { acted?: boolean } = {}): PersonRecord {
    const email = emailOf(identity);
    const platformFields = platformFieldsOf(identity, opts.acted ?? true);
    const known = findByIdentity(identity);
    if (known) {
      if (!differs(known, identity, email, platformFields)) return known;
      const emailOwner = email ? findByEmail(email) : null;
      const safeEmail = email && (!emailOwner || emailOwner.id === known.id) ? { email } : {};
      db.update(people)
        .set({ name: identity.name, ...safeEmail, ...platformFields })
        .where(eq(people.id, known.id))
        .run();
      return get(known.id)!;
    }
    const sameEmail = email ? findByEmail(email) : null;
    if (sameEmail) {
      db.update(people)
        .set({ ...platformFields })
        .where(eq(people.id, sameEmail.id))
        .run();
      return get(sameEmail.id)!;
    }
    const inserted = db
      .insert(people)
      .values({ name: identity.name, email, ...platformFields, createdAt: now })
      .returning()
      .get();
    return toRecord(inserted);
  }

  /**
   * The person behind an identity when resolving it would change nothing (the common case: a known person
   * acting again), read without a transaction; null when `resolve` has something to write (issue 7: the ack
   * path then takes no write lock for the actor).
   */
  function current(identity: PlatformIdentity): PersonRecord | null {
    const known = findByIdentity(identity);
    if (!known) return null;
    return differs(known, identity, emailOf(identity), platformFieldsOf(identity, true)) ? null : known;
  }

  return { get, findByEmail, findByIdentity, resolve, current };
}

export type PeopleRepository = ReturnType<typeof createPeopleRepository>;
