import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** A person; quorum counts people, and one person may have a Slack and a Teams identity. */
export const people = sqliteTable(
  'people',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    email: text('email'),
    slackUserId: text('slack_user_id'),
    /** Teams / Entra ID user object id (aadObjectId). */
    teamsUserId: text('teams_user_id'),
    /** Bot Framework channel account id (29:…), needed to open a personal chat. */
    teamsChannelId: text('teams_channel_id'),
    /** IANA time zone when a platform tells us. */
    timezone: text('timezone'),
    /** Where the person acted last: direct messages go there, not to every platform they are on. */
    lastPlatform: text('last_platform', { enum: ['slack', 'teams'] }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('people_email_uq').on(t.email),
    uniqueIndex('people_slack_uq').on(t.slackUserId),
    uniqueIndex('people_teams_uq').on(t.teamsUserId),
  ],
);

/** A change request (RFC). `version` grows on every content edit; votes bind to it. */
export const changes = sqliteTable(
  'changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    version: integer('version').notNull().default(1),
    type: text('type', { enum: ['standard', 'normal', 'emergency'] }).notNull(),
    state: text('state').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    justification: text('justification').notNull(),
    /** Service ids from the policy's catalogue, as JSON. */
    services: text('services', { mode: 'json' }).$type<string[]>().notNull(),
    plannedStart: integer('planned_start', { mode: 'timestamp_ms' }).notNull(),
    plannedEnd: integer('planned_end', { mode: 'timestamp_ms' }).notNull(),
    riskAnswers: text('risk_answers', { mode: 'json' }).notNull(),
    riskScore: integer('risk_score').notNull(),
    riskLevel: text('risk_level').notNull(),
    implementationPlan: text('implementation_plan').notNull(),
    backoutPlan: text('backout_plan').notNull(),
    testPlan: text('test_plan').notNull(),
    modelId: text('model_id'),
    /** The CAB chosen at submission, and a snapshot of the rule it decides by. */
    boardId: text('board_id'),
    approvalRoute: text('approval_route', { mode: 'json' }),
    requesterId: integer('requester_id')
      .notNull()
      .references(() => people.id),
    sourceLink: text('source_link'),
    outcome: text('outcome'),
    outcomeNote: text('outcome_note'),
    incidentsCaused: integer('incidents_caused'),
    review: text('review', { mode: 'json' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }),
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('changes_state_idx').on(t.state),
    index('changes_requester_idx').on(t.requesterId),
    index('changes_start_idx').on(t.plannedStart),
  ],
);

/** One vote per person per version of a change. */
export const votes = sqliteTable(
  'votes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    changeId: integer('change_id')
      .notNull()
      .references(() => changes.id),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    version: integer('version').notNull(),
    decision: text('decision', { enum: ['approve', 'reject'] }).notNull(),
    reason: text('reason'),
    platform: text('platform').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('votes_one_per_person_uq').on(t.changeId, t.personId, t.version)],
);

/** "Request info": a question from an approver and the requester's answer. */
export const questions = sqliteTable(
  'questions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    changeId: integer('change_id')
      .notNull()
      .references(() => changes.id),
    version: integer('version').notNull(),
    askerId: integer('asker_id')
      .notNull()
      .references(() => people.id),
    question: text('question').notNull(),
    askedAt: integer('asked_at', { mode: 'timestamp_ms' }).notNull(),
    answer: text('answer'),
    answeredBy: integer('answered_by').references(() => people.id),
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('questions_change_idx').on(t.changeId)],
);

/**
 * Append-only, hash-chained audit trail. Triggers (in a custom migration) refuse UPDATE and DELETE.
 * `hash` = sha256 over the previous hash and this row's canonical content.
 */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    changeId: integer('change_id'),
    actorId: integer('actor_id'),
    actorName: text('actor_name').notNull(),
    platform: text('platform').notNull(),
    action: text('action').notNull(),
    version: integer('version'),
    reason: text('reason'),
    data: text('data').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_change_idx').on(t.changeId)],
);

/** Durable jobs (outbox, reminders, card refreshes): run-at, lease, attempts, dedupe key. */
export const jobs = sqliteTable(
  'jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    payload: text('payload').notNull(),
    runAt: integer('run_at').notNull(),
    status: text('status', { enum: ['pending', 'running', 'done', 'dead'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    leaseUntil: integer('lease_until'),
    dedupeKey: text('dedupe_key'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('jobs_due_idx').on(t.status, t.runAt),
    uniqueIndex('jobs_dedupe_uq').on(t.dedupeKey).where(sql`dedupe_key IS NOT NULL`),
  ],
);

/** Every posted copy of a change's card, on either platform, so one refresh updates them all. */
export const cardPosts = sqliteTable(
  'card_posts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    changeId: integer('change_id')
      .notNull()
      .references(() => changes.id),
    platform: text('platform', { enum: ['slack', 'teams'] }).notNull(),
    /** Slack channel id, or Teams conversation id. */
    channel: text('channel').notNull(),
    /** Slack message ts, or Teams activity id. */
    messageId: text('message_id').notNull(),
    /** 'cab' for an approval card, 'dm' for the requester's copy, 'announce' for a standard change. */
    kind: text('kind').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('card_posts_change_idx').on(t.changeId),
    uniqueIndex('card_posts_message_uq').on(t.platform, t.channel, t.messageId),
  ],
);

/** Teams conversation references captured at install, for proactive posts after a restart. */
export const conversationRefs = sqliteTable(
  'conversation_refs',
  {
    conversationId: text('conversation_id').primaryKey(),
    /** 'channel', 'groupChat' or 'personal'. */
    kind: text('kind').notNull(),
    teamId: text('team_id'),
    name: text('name'),
    personId: integer('person_id').references(() => people.id),
    reference: text('reference').notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('conversation_refs_person_idx').on(t.personId)],
);

/** Deliveries already handled (Slack retries, Teams redeliveries), so each is processed once. */
export const processedDeliveries = sqliteTable('processed_deliveries', {
  key: text('key').primaryKey(),
  at: integer('at', { mode: 'timestamp_ms' }).notNull(),
});

// ─── Change schedule (issue 9) ────────────────────────────────────────────────────────────────────────────

/**
 * One row per (change, affected service) with the change's window: the index behind conflict and slot lookups,
 * so "what else touches web between 10:00 and 12:00" is a range scan on (service, planned_start), never a scan
 * of all changes. Rewritten whenever a change is raised or edited.
 */
export const changeWindows = sqliteTable(
  'change_windows',
  {
    changeId: integer('change_id')
      .notNull()
      .references(() => changes.id),
    service: text('service').notNull(),
    plannedStart: integer('planned_start', { mode: 'timestamp_ms' }).notNull(),
    plannedEnd: integer('planned_end', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('change_windows_change_service_uq').on(t.changeId, t.service),
    index('change_windows_service_start_idx').on(t.service, t.plannedStart),
  ],
);

/** What the schedule said about a change's latest version: its soft-freeze justification, and freezes it is in. */
export const changeScheduleNotes = sqliteTable('change_schedule_notes', {
  changeId: integer('change_id')
    .primaryKey()
    .references(() => changes.id),
  version: integer('version').notNull(),
  /** The requester's reason for working inside a soft freeze (null when none was needed). */
  freezeJustification: text('freeze_justification'),
  /** Names of the freezes the window is inside when it was saved (an emergency in a hard freeze, a justified soft one). */
  freezes: text('freezes', { mode: 'json' }).$type<string[]>().notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** Secret calendar feed URLs (GET /calendar.ics?token=…): only a SHA-256 of each token is kept. */
export const calendarFeedTokens = sqliteTable(
  'calendar_feed_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('calendar_feed_tokens_hash_uq').on(t.tokenHash),
    index('calendar_feed_tokens_person_idx').on(t.personId),
  ],
);
