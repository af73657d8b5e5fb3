import { and, asc, eq, gt, gte, inArray, lt, sql } from 'drizzle-orm';
import type { ChecklistItem, ExposureStep, ReleaseOutcome, ReleaseState } from '../domain/release/types.ts';
import type { ChatPlatform } from './card-posts-repo.ts';
import type { Database } from './client.ts';
import { inJson } from './json-in.ts';
import { changes, people, releaseChanges, releasePosts, releases } from './schema.ts';

type ReleaseRow = typeof releases.$inferSelect;
export type NewRelease = typeof releases.$inferInsert;
export type ReleasePatch = Partial<Omit<NewRelease, 'id' | 'modelId' | 'createdAt'>>;

/** A release instance as the application reads it from storage. */
export interface ReleaseRecord {
  readonly id: number;
  readonly version: number;
  readonly generation: number;
  readonly modelId: string;
  readonly occurrenceAt: Date | null;
  readonly sequence: number;
  readonly name: string;
  readonly state: ReleaseState;
  readonly plannedStart: Date;
  readonly plannedEnd: Date;
  readonly managerId: number | null;
  readonly checklist: readonly ChecklistItem[];
  readonly exposures: readonly ExposureStep[];
  readonly outcome: ReleaseOutcome | null;
  readonly notes: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly startedAt: Date | null;
  readonly completedAt: Date | null;
}

export interface ReleasePost {
  readonly id: number;
  readonly releaseId: number;
  readonly platform: ChatPlatform;
  readonly channel: string;
  readonly messageId: string;
}

interface ReleaseMetricsRow {
  id: number;
  model_id: string;
  planned_start: number;
  planned_end: number;
  started_at: number | null;
  completed_at: number | null;
  outcome: string | null;
  change_ids: string;
  incidents: number;
}

/** A release as its metrics see it: window, when it started and finished, outcome, changes, incidents. */
export interface ReleaseMetricsRecord {
  readonly id: number;
  readonly modelId: string;
  readonly plannedStart: Date;
  readonly plannedEnd: Date;
  readonly startedAt: Date | null;
  readonly completedAt: Date | null;
  readonly outcome: ReleaseOutcome | null;
  readonly changeIds: readonly number[];
  /** Incidents recorded against the release's changes at their review. */
  readonly incidents: number;
}

const toRelease = (row: ReleaseRow): ReleaseRecord => ({
  ...row,
  state: row.state as ReleaseState,
  checklist: row.checklist as ChecklistItem[],
  exposures: row.exposures as ExposureStep[],
  outcome: row.outcome as ReleaseOutcome | null,
});

/** Release instances, the changes they bundle and the posted copies of their cards. */
export function createReleaseRepository(database: Database) {
  const { db } = database;
  const byId = db
    .select()
    .from(releases)
    .where(eq(releases.id, sql.placeholder('id')))
    .prepare();
  const changesOf = db
    .select({ changeId: releaseChanges.changeId })
    .from(releaseChanges)
    .where(eq(releaseChanges.releaseId, sql.placeholder('releaseId')))
    .orderBy(asc(releaseChanges.changeId))
    .prepare();
  const includedOf = db
    .select({
      id: changes.id,
      title: changes.title,
      state: changes.state,
      type: changes.type,
      services: changes.services,
      link: changes.sourceLink,
      requesterName: people.name,
    })
    .from(releaseChanges)
    .innerJoin(changes, eq(changes.id, releaseChanges.changeId))
    .leftJoin(people, eq(people.id, changes.requesterId))
    .where(eq(releaseChanges.releaseId, sql.placeholder('releaseId')))
    .orderBy(asc(releaseChanges.changeId))
    .prepare();
  const releaseOfChange = db
    .select({ releaseId: releaseChanges.releaseId })
    .from(releaseChanges)
    .where(eq(releaseChanges.changeId, sql.placeholder('changeId')))
    .prepare();

  // A change card's overlaps read this on every vote: prepared once, its states passed as JSON.
  const overlapping = db
    .select()
    .from(releases)
    .where(
      and(
        inJson(releases.state, 'states'),
        gte(releases.plannedStart, sql.placeholder('from')),
        lt(releases.plannedStart, sql.placeholder('to')),
        gt(releases.plannedEnd, sql.placeholder('start')),
      ),
    )
    .orderBy(asc(releases.plannedStart), asc(releases.id))
    .limit(sql.placeholder('limit'))
    .prepare();
  const milestonesIn = database.sqlite.prepare<{ from: number; to: number }, ReleaseMetricsRow>(
    `SELECT r.id, r.model_id, r.planned_start, r.planned_end, r.started_at, r.completed_at, r.outcome,
            (SELECT json_group_array(rc.change_id) FROM release_changes rc WHERE rc.release_id = r.id) AS change_ids,
            (SELECT coalesce(sum(c.incidents_caused), 0) FROM release_changes rc
               JOIN changes c ON c.id = rc.change_id WHERE rc.release_id = r.id) AS incidents
       FROM releases r
      WHERE (r.started_at >= @from AND r.started_at < @to)
         OR (r.completed_at >= @from AND r.completed_at < @to)
      ORDER BY r.id`,
  );

  function get(id: number): ReleaseRecord | null {
    const row = byId.get({ id });
    return row ? toRelease(row) : null;
  }

  return {
    get,
    /**
     * Releases started or finished in [from, to) (on the started and completed indexes), with their changes
     * and the incidents recorded against those changes: what the release metrics count.
     */
    metricsRowsIn(from: Date, to: Date): ReleaseMetricsRecord[] {
      return milestonesIn.all({ from: from.getTime(), to: to.getTime() }).map((r) => ({
        id: r.id,
        modelId: r.model_id,
        plannedStart: new Date(r.planned_start),
        plannedEnd: new Date(r.planned_end),
        startedAt: r.started_at === null ? null : new Date(r.started_at),
        completedAt: r.completed_at === null ? null : new Date(r.completed_at),
        outcome: r.outcome as ReleaseOutcome | null,
        changeIds: (JSON.parse(r.change_ids) as number[]).sort((a, b) => a - b),
        incidents: r.incidents,
      }));
    },
    insert: (values: NewRelease): ReleaseRecord =>
      toRelease(db.insert(releases).values(values).returning().get()),
    update: (id: number, patch: ReleasePatch): ReleaseRecord =>
      toRelease(db.update(releases).set(patch).where(eq(releases.id, id)).returning().get()),
    /** The instance a train planned for an occurrence, if any. */
    findOccurrence(modelId: string, occurrenceAt: Date): ReleaseRecord | null {
      const row = db
        .select()
        .from(releases)
        .where(and(eq(releases.modelId, modelId), eq(releases.occurrenceAt, occurrenceAt)))
        .get();
      return row ? toRelease(row) : null;
    },
    /** How many instances a model has had: the next one's turn in the managers' rotation. */
    countOfModel(modelId: string): number {
      return (
        db.select({ n: sql<number>`count(*)` }).from(releases).where(eq(releases.modelId, modelId)).get()
          ?.n ?? 0
      );
    },
    /** The latest planned occurrence of a train (where planning goes on from). */
    lastOccurrence(modelId: string): Date | null {
      const row = db
        .select({ at: sql<number | null>`max(${releases.occurrenceAt})` })
        .from(releases)
        .where(eq(releases.modelId, modelId))
        .get();
      return row?.at == null ? null : new Date(row.at);
    },
    /** Releases in these states whose window starts in [from, to), earliest first, at most `limit`. */
    listStartingBetween(from: Date, to: Date, states: readonly ReleaseState[], limit = 50): ReleaseRecord[] {
      return db
        .select()
        .from(releases)
        .where(
          and(
            inArray(releases.state, [...states]),
            gte(releases.plannedStart, from),
            lt(releases.plannedStart, to),
          ),
        )
        .orderBy(asc(releases.plannedStart))
        .limit(limit)
        .all()
        .map(toRelease);
    },
    /**
     * Releases in `states` whose window overlaps `range`, earliest first, at most `limit`: a range scan on
     * (state, planned_start) from range.start − `lookbackMs` (the longest window) to range.end.
     */
    listOverlapping(
      range: { readonly start: Date; readonly end: Date },
      states: readonly ReleaseState[],
      lookbackMs: number,
      limit: number,
    ): ReleaseRecord[] {
      return overlapping
        .all({
          states: JSON.stringify(states),
          from: range.start.getTime() - lookbackMs,
          to: range.end.getTime(),
          start: range.start.getTime(),
          limit,
        })
        .map(toRelease);
    },
    /** Open releases (not final), earliest first, at most `limit`. */
    listOpen(limit = 50): ReleaseRecord[] {
      return db
        .select()
        .from(releases)
        .where(inArray(releases.state, ['planned', 'ready', 'in_progress']))
        .orderBy(asc(releases.plannedStart))
        .limit(limit)
        .all()
        .map(toRelease);
    },
    /** Open releases this person is the release manager of, earliest first. */
    listOpenManagedBy(personId: number, limit = 10): ReleaseRecord[] {
      return db
        .select()
        .from(releases)
        .where(
          and(eq(releases.managerId, personId), inArray(releases.state, ['planned', 'ready', 'in_progress'])),
        )
        .orderBy(asc(releases.plannedStart))
        .limit(limit)
        .all()
        .map(toRelease);
    },
    changeIds: (releaseId: number): number[] => changesOf.all({ releaseId }).map((r) => r.changeId),
    /** The release's changes with their requester's name, in one read (a release may hold hundreds). */
    included: (releaseId: number) =>
      includedOf.all({ releaseId }).map((r) => ({ ...r, requesterName: r.requesterName ?? 'unknown' })),
    releaseOf: (changeId: number): number | null => releaseOfChange.get({ changeId })?.releaseId ?? null,
    addChange(releaseId: number, changeId: number, personId: number | null, at: Date): void {
      db.insert(releaseChanges).values({ releaseId, changeId, addedBy: personId, addedAt: at }).run();
    },
    removeChange(releaseId: number, changeId: number): boolean {
      return (
        db
          .delete(releaseChanges)
          .where(and(eq(releaseChanges.releaseId, releaseId), eq(releaseChanges.changeId, changeId)))
          .run().changes === 1
      );
    },
    posts(releaseId: number): ReleasePost[] {
      return db
        .select()
        .from(releasePosts)
        .where(eq(releasePosts.releaseId, releaseId))
        .orderBy(asc(releasePosts.id))
        .all();
    },
    findPost(platform: ChatPlatform, channel: string, messageId: string): ReleasePost | null {
      return (
        db
          .select()
          .from(releasePosts)
          .where(
            and(
              eq(releasePosts.platform, platform),
              eq(releasePosts.channel, channel),
              eq(releasePosts.messageId, messageId),
            ),
          )
          .get() ?? null
      );
    },
    addPost(post: Omit<ReleasePost, 'id'>, at: Date): void {
      db.insert(releasePosts)
        .values({ ...post, createdAt: at })
        .onConflictDoNothing()
        .run();
    },
  };
}

export type ReleaseRepository = ReturnType<typeof createReleaseRepository>;
