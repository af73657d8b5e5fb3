import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type {
  ChangeRecord,
  PostImplementationReview,
  QuestionRecord,
  VoteRecord,
} from '../domain/change/change.ts';
import type {
  ChangeState,
  Outcome,
  Platform,
  RiskAnswers,
  RiskLevel,
  VoteDecision,
} from '../domain/change/types.ts';
import type { ValidDraft } from '../domain/change/validate-draft.ts';
import type { ApprovalRoute } from '../domain/policy/types.ts';
import type { Database } from './client.ts';
import { changes, people, questions, votes } from './schema.ts';

type ChangeRow = typeof changes.$inferSelect;
export type NewChange = typeof changes.$inferInsert;
export type ChangePatch = Partial<Omit<NewChange, 'id' | 'requesterId' | 'createdAt'>>;

/** The columns a validated draft fills, shared by raising and editing a change. */
export function draftColumns(valid: ValidDraft) {
  const { draft, risk, model } = valid;
  return {
    title: draft.title,
    description: draft.description,
    justification: draft.justification,
    services: [...draft.services],
    plannedStart: draft.plannedStart,
    plannedEnd: draft.plannedEnd,
    riskAnswers: draft.risk,
    riskScore: risk.score,
    riskLevel: risk.level,
    implementationPlan: draft.implementationPlan,
    backoutPlan: draft.backoutPlan,
    testPlan: draft.testPlan,
    modelId: model?.id ?? null,
  } satisfies ChangePatch;
}

export const toChange = (row: ChangeRow): ChangeRecord => ({
  ...row,
  state: row.state as ChangeState,
  riskAnswers: row.riskAnswers as RiskAnswers,
  riskLevel: row.riskLevel as RiskLevel,
  approvalRoute: (row.approvalRoute ?? null) as ApprovalRoute | null,
  outcome: row.outcome as Outcome | null,
  review: (row.review ?? null) as PostImplementationReview | null,
});

/** Change requests, their votes and questions. Hot paths (load, votes, insert vote) use prepared statements. */
export function createChangeRepository(database: Database) {
  const { db } = database;
  const byId = db
    .select()
    .from(changes)
    .where(eq(changes.id, sql.placeholder('id')))
    .prepare();
  // Every card render reads the questions: prepared once (drizzle's builder prepares on each call otherwise).
  const answerer = sql<string | null>`(select name from people p where p.id = ${questions.answeredBy})`;
  const questionsOf = db
    .select({
      id: questions.id,
      version: questions.version,
      askerId: questions.askerId,
      askerName: people.name,
      question: questions.question,
      askedAt: questions.askedAt,
      answer: questions.answer,
      answeredByName: answerer,
      answeredAt: questions.answeredAt,
    })
    .from(questions)
    .innerJoin(people, eq(people.id, questions.askerId))
    .where(eq(questions.changeId, sql.placeholder('changeId')))
    .orderBy(asc(questions.id))
    .prepare();
  const votesOf = db
    .select({
      personId: votes.personId,
      personName: people.name,
      email: people.email,
      slackUserId: people.slackUserId,
      teamsUserId: people.teamsUserId,
      decision: votes.decision,
      version: votes.version,
      reason: votes.reason,
      platform: votes.platform,
      at: votes.createdAt,
    })
    .from(votes)
    .innerJoin(people, eq(people.id, votes.personId))
    .where(eq(votes.changeId, sql.placeholder('changeId')))
    .orderBy(asc(votes.id))
    .prepare();
  const insertVoteStmt = db
    .insert(votes)
    .values({
      changeId: sql.placeholder('changeId'),
      personId: sql.placeholder('personId'),
      version: sql.placeholder('version'),
      decision: sql.placeholder('decision'),
      reason: sql.placeholder('reason'),
      platform: sql.placeholder('platform'),
      createdAt: sql.placeholder('createdAt'),
    })
    .prepare();

  function get(id: number): ChangeRecord | null {
    const row = byId.get({ id });
    return row ? toChange(row) : null;
  }

  function insert(values: NewChange): ChangeRecord {
    return toChange(db.insert(changes).values(values).returning().get());
  }

  function update(id: number, patch: ChangePatch): ChangeRecord {
    return toChange(db.update(changes).set(patch).where(eq(changes.id, id)).returning().get());
  }

  function listVotes(changeId: number): VoteRecord[] {
    return votesOf.all({ changeId }).map(({ email, slackUserId, teamsUserId, ...v }) => ({
      ...v,
      platform: v.platform as Platform,
      voter: { email, slackUserId, teamsUserId },
    }));
  }

  function insertVote(v: {
    changeId: number;
    personId: number;
    version: number;
    decision: VoteDecision;
    reason: string | null;
    platform: Platform;
    at: Date;
  }): void {
    insertVoteStmt.run({ ...v, createdAt: v.at });
  }

  function listQuestions(changeId: number): QuestionRecord[] {
    return questionsOf.all({ changeId });
  }

  function insertQuestion(q: {
    changeId: number;
    version: number;
    askerId: number;
    question: string;
    at: Date;
  }) {
    return db
      .insert(questions)
      .values({
        changeId: q.changeId,
        version: q.version,
        askerId: q.askerId,
        question: q.question,
        askedAt: q.at,
      })
      .returning()
      .get();
  }

  function getQuestion(id: number) {
    return db.select().from(questions).where(eq(questions.id, id)).get() ?? null;
  }

  function answerQuestion(id: number, answer: string, personId: number, at: Date): void {
    db.update(questions)
      .set({ answer, answeredBy: personId, answeredAt: at })
      .where(eq(questions.id, id))
      .run();
  }

  function listByRequester(personId: number, states: readonly ChangeState[]): ChangeRecord[] {
    return db
      .select()
      .from(changes)
      .where(and(eq(changes.requesterId, personId), inArray(changes.state, [...states])))
      .orderBy(asc(changes.plannedStart))
      .all()
      .map(toChange);
  }

  function listInState(states: readonly ChangeState[]): ChangeRecord[] {
    return db
      .select()
      .from(changes)
      .where(inArray(changes.state, [...states]))
      .orderBy(asc(changes.plannedStart))
      .all()
      .map(toChange);
  }

  /** Changes whose window starts in [from, to). */
  function listStartingBetween(from: Date, to: Date, states: readonly ChangeState[]): ChangeRecord[] {
    return db
      .select()
      .from(changes)
      .where(
        and(
          gte(changes.plannedStart, from),
          lt(changes.plannedStart, to),
          inArray(changes.state, [...states]),
        ),
      )
      .orderBy(asc(changes.plannedStart))
      .all()
      .map(toChange);
  }

  return {
    get,
    insert,
    update,
    listVotes,
    insertVote,
    listQuestions,
    insertQuestion,
    getQuestion,
    answerQuestion,
    listByRequester,
    listInState,
    listStartingBetween,
  };
}

export type ChangeRepository = ReturnType<typeof createChangeRepository>;
