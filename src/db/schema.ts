import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
    // Lookups by email compare lower(email): without this index each one scans every person (issue 7).
    index('people_email_lower_idx').on(sql`lower(${t.email})`),
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
    // Hot lists (issue 7): "awaiting my vote" walks one board's changes in one state in start order, and
    // "my open changes" one requester's, so neither reads closed changes nor sorts.
    index('changes_state_board_start_idx').on(t.state, t.boardId, t.plannedStart),
    index('changes_requester_state_start_idx').on(t.requesterId, t.state, t.plannedStart),
    // The deployment gate's covering-change lookup: live changes whose window has not ended yet.
    index('changes_state_end_idx').on(t.state, t.plannedEnd),
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

// ─── Releases (release management: release models, trains and their instances) ───────────────────────────

/**
 * A release instance (REL-n) of a release model. `generation` grows whenever its window moves, and its
 * reminder jobs carry the generation they were planned for, so a moved window's old reminders never fire.
 */
export const releases = sqliteTable(
  'releases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    version: integer('version').notNull().default(1),
    generation: integer('generation').notNull().default(1),
    modelId: text('model_id').notNull(),
    /** The train's occurrence this instance was planned for (null for a one-off release). */
    occurrenceAt: integer('occurrence_at', { mode: 'timestamp_ms' }),
    /** Which turn of the model's rotation of release managers this instance is. */
    sequence: integer('sequence').notNull(),
    name: text('name').notNull(),
    state: text('state').notNull(),
    plannedStart: integer('planned_start', { mode: 'timestamp_ms' }).notNull(),
    plannedEnd: integer('planned_end', { mode: 'timestamp_ms' }).notNull(),
    managerId: integer('manager_id').references(() => people.id),
    checklist: text('checklist', { mode: 'json' }).notNull(),
    exposures: text('exposures', { mode: 'json' }).notNull(),
    outcome: text('outcome'),
    notes: text('notes'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }),
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('releases_state_start_idx').on(t.state, t.plannedStart),
    index('releases_manager_idx').on(t.managerId),
    uniqueIndex('releases_occurrence_uq').on(t.modelId, t.occurrenceAt),
    // The release metrics read releases started or finished in a period.
    index('releases_started_idx').on(t.startedAt),
    index('releases_completed_idx').on(t.completedAt),
  ],
);

/** The changes a release bundles; a change rides one release at a time. */
export const releaseChanges = sqliteTable(
  'release_changes',
  {
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id),
    changeId: integer('change_id')
      .notNull()
      .references(() => changes.id),
    addedBy: integer('added_by').references(() => people.id),
    addedAt: integer('added_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('release_changes_change_uq').on(t.changeId),
    index('release_changes_release_idx').on(t.releaseId),
  ],
);

/** Every posted copy of a release's card (Slack or Teams), so one refresh updates them all. */
export const releasePosts = sqliteTable(
  'release_posts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    releaseId: integer('release_id')
      .notNull()
      .references(() => releases.id),
    platform: text('platform', { enum: ['slack', 'teams'] }).notNull(),
    channel: text('channel').notNull(),
    messageId: text('message_id').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('release_posts_release_idx').on(t.releaseId),
    uniqueIndex('release_posts_message_uq').on(t.platform, t.channel, t.messageId),
  ],
);

// ---------------------------------------------------------------------------------------------------------
// Deployment gate and /api/v1 (issue 10): API tokens, idempotent responses, deployment records, and
// deployments that no approved change covered.
// ---------------------------------------------------------------------------------------------------------

/** An API token for pipelines. Only a sha256 of the secret is kept; `publicId` finds the row without it. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    publicId: text('public_id').notNull(),
    name: text('name').notNull(),
    scopes: text('scopes', { mode: 'json' }).$type<string[]>().notNull(),
    secretHash: text('secret_hash').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('api_tokens_public_uq').on(t.publicId), index('api_tokens_name_idx').on(t.name)],
);

/** The stored answer to a request that carried an Idempotency-Key, so a retry gets it again unprocessed. */
export const apiIdempotency = sqliteTable(
  'api_idempotency',
  {
    tokenId: integer('token_id')
      .notNull()
      .references(() => apiTokens.id),
    key: text('key').notNull(),
    /** Method, path and a hash of the body: the same key with another request is refused. */
    fingerprint: text('fingerprint').notNull(),
    status: integer('status').notNull(),
    body: text('body').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('api_idempotency_uq').on(t.tokenId, t.key)],
);

/** A deployment reported by a pipeline. Not a release: it moves components, whenever the pipeline runs. */
export const deployments = sqliteTable(
  'deployments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    service: text('service').notNull(),
    environment: text('environment').notNull(),
    version: text('version').notNull(),
    changeId: integer('change_id').references(() => changes.id),
    status: text('status', { enum: ['started', 'succeeded', 'failed', 'rolled_back'] }).notNull(),
    runUrl: text('run_url'),
    provider: text('provider'),
    commitSha: text('commit_sha'),
    /** The name of the API token that reported it. */
    reportedBy: text('reported_by').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('deployments_change_idx').on(t.changeId, t.id),
    index('deployments_service_idx').on(t.service, t.environment, t.createdAt),
  ],
);

/** A deployment to an environment that requires a change, with no approved change covering it. */
export const unregisteredDeployments = sqliteTable(
  'unregistered_deployments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    deploymentId: integer('deployment_id')
      .notNull()
      .references(() => deployments.id),
    status: text('status', { enum: ['open', 'registered', 'acknowledged'] }).notNull(),
    /** The emergency change registered for it after the fact. */
    changeId: integer('change_id').references(() => changes.id),
    reason: text('reason'),
    resolvedBy: integer('resolved_by').references(() => people.id),
    resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('unregistered_deployment_uq').on(t.deploymentId),
    index('unregistered_created_idx').on(t.createdAt),
  ],
);
// ── Metrics and evidence (issue 11) ─────────────────────────────────────────────────────────────────────

/**
 * Evidence bundles waiting behind a download link (Teams, where a bot cannot just hand over a file). The id is
 * 128 random bits and is the link's only secret; the row is deleted by a job when it expires.
 */
export const evidenceFiles = sqliteTable(
  'evidence_files',
  {
    id: text('id').primaryKey(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    filename: text('filename').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
    sha256: text('sha256').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('evidence_files_expiry_idx').on(t.expiresAt)],
);

// ── Approvals in depth (issue 12): older versions' content, for the diff an edit shows ──

/** What each earlier version of a change said, saved when an edit replaces it (the diff a CAB re-votes on). */
export const changeVersions = sqliteTable(
  'change_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    changeId: integer('change_id')
      .notNull()
      .references(() => changes.id),
    version: integer('version').notNull(),
    snapshot: text('snapshot', { mode: 'json' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('change_versions_uq').on(t.changeId, t.version)],
);

/** A CAB member's vote handed to someone else for a period (out of office); `endedAt` when ended early. */
export const delegations = sqliteTable(
  'delegations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    delegatorId: integer('delegator_id')
      .notNull()
      .references(() => people.id),
    delegateId: integer('delegate_id')
      .notNull()
      .references(() => people.id),
    startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
    endsAt: integer('ends_at', { mode: 'timestamp_ms' }).notNull(),
    endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('delegations_ends_idx').on(t.endsAt)],
);

/** Who actually cast a vote recorded for someone else (a delegate voting for the delegator). */
export const voteProxies = sqliteTable(
  'vote_proxies',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    changeId: integer('change_id')
      .notNull()
      .references(() => changes.id),
    /** The delegator: the person the vote counts for (the vote row's person). */
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    version: integer('version').notNull(),
    castById: integer('cast_by_id')
      .notNull()
      .references(() => people.id),
  },
  (t) => [uniqueIndex('vote_proxies_uq').on(t.changeId, t.personId, t.version)],
);

/** "Approved unless someone objects by …": one window per change version, closed by an objection or its deadline. */
export const objectionWindows = sqliteTable(
  'objection_windows',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    changeId: integer('change_id')
      .notNull()
      .references(() => changes.id),
    version: integer('version').notNull(),
    deadline: integer('deadline', { mode: 'timestamp_ms' }).notNull(),
    objectedAt: integer('objected_at', { mode: 'timestamp_ms' }),
    objectedBy: integer('objected_by').references(() => people.id),
    reason: text('reason'),
    /** When the deadline passed unopposed and the policy approved the change. */
    approvedAt: integer('approved_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('objection_windows_uq').on(t.changeId, t.version)],
);

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

/**
 * One row counting every change to what the schedule shows (windows, states, titles of changes and releases),
 * bumped by triggers (migration 0012) whatever code path writes. Views computed from the schedule, a card's
 * overlaps or App Home's calendar, are reused while the count stands still: the hot paths stop re-reading
 * every overlapping change on every vote.
 */
export const scheduleGeneration = sqliteTable('schedule_generation', {
  id: integer('id').primaryKey(),
  value: integer('value').notNull(),
});
