// Builds a bench database before Changeboard starts: the CAB as people, `open` changes awaiting approval
// (each with a CAB card in Slack and in Teams to refresh), `closed` finished ones, and optionally a job backlog.

import type { Activity } from 'botbuilder';
import { createAppContext, resolveActor } from '../../src/app/context.ts';
import { raiseChange } from '../../src/app/use-cases/raise-change.ts';
import { syncPolicyPeople } from '../../src/app/use-cases/sync-policy-people.ts';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { createConversationRefsRepository } from '../../src/db/conversation-refs-repo.ts';
import { captureConversation } from '../../src/platforms/teams/bot/conversation-capture.ts';
import { benchPolicy, CAB_CHANNEL, TEAMS_CAB_CHANNEL, teamsVoteActivity, voters } from './common.ts';

export interface SeedOptions {
  readonly path: string;
  readonly cabSize: number;
  readonly open: number;
  readonly closed?: number;
  /** Due jobs left in the queue (reminders for a version that no longer awaits them: each runs and does nothing). */
  readonly pendingJobs?: number;
  /** The fake Bot Connector's URL. With it, every open change also has its CAB card in Teams, updated there. */
  readonly serviceUrl?: string;
}

/** Returns the ids of the open changes. One change is raised through the use case; the rest are its copies. */
export function seedDatabase(opts: SeedOptions): number[] {
  const database = openDatabase(opts.path);
  const now = new Date();
  const ctx = createAppContext({ database, policy: benchPolicy(voters(opts.cabSize)), clock: () => now });
  syncPolicyPeople(ctx);
  const requester = resolveActor(ctx, {
    platform: 'slack',
    slackUserId: 'UBENCHREQ',
    name: 'Requester',
    email: 'requester@bench.example',
  });
  const raised = raiseChange(ctx, requester, {
    draft: {
      title: 'Bench change',
      description: 'A change for the load harness.',
      justification: 'Measure the hot paths.',
      type: 'normal',
      services: ['internal-tools'],
      plannedStart: new Date(now.getTime() + 4 * 86_400_000),
      plannedEnd: new Date(now.getTime() + 4 * 86_400_000 + 7_200_000),
      risk: { impact: 'none', complexity: 'simple', tested: 'yes', backout: 'easy', failedBefore: false },
      implementationPlan: 'Run the playbook.',
      backoutPlan: 'Restore the snapshot.',
      testPlan: 'Check the service.',
      modelId: null,
    },
  });
  if (!raised.ok) throw new Error(`bench seed: ${raised.error.code} ${raised.error.message}`);
  const first = raised.value.change.id;
  const sqlite = database.sqlite;
  const columns = `version, type, state, title, description, justification, services, planned_start, planned_end,
    risk_answers, risk_score, risk_level, implementation_plan, backout_plan, test_plan, model_id, board_id,
    approval_route, requester_id, created_at, updated_at, expires_at`;
  const copy = (count: number, state: string) =>
    sqlite
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO changes (${columns})
         SELECT version, type, ?, title || ' #' || i, description, justification, services,
           planned_start + i * 60000, planned_end + i * 60000, risk_answers, risk_score, risk_level,
           implementation_plan, backout_plan, test_plan, model_id, board_id, approval_route, requester_id,
           created_at, updated_at, expires_at
         FROM changes, n WHERE id = ?`,
      )
      .run(count, state, first);
  sqlite.transaction(() => {
    if (opts.open > 1) copy(opts.open - 1, 'authorise');
    if ((opts.closed ?? 0) > 0) copy(opts.closed!, 'closed');
    // Every open change has its CAB card in Slack (as the card.post job would have left it).
    sqlite
      .prepare(
        `INSERT INTO card_posts (change_id, platform, channel, message_id, kind, created_at)
         SELECT id, 'slack', ?, '1700000000.' || id, 'cab', ? FROM changes WHERE state = 'authorise'`,
      )
      .run(CAB_CHANNEL, now.getTime());
    // The set-up's own jobs (the first card post, its reminder and expiry) are not part of the measure.
    sqlite.prepare(`UPDATE jobs SET status = 'done'`).run();
    if ((opts.pendingJobs ?? 0) > 0) {
      sqlite
        .prepare(
          `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
           INSERT INTO jobs (kind, payload, run_at, status, attempts, max_attempts, created_at, updated_at)
           SELECT 'change.remind', json_object('changeId', ?, 'version', 99), ?, 'pending', 0, 8, ?, ? FROM n`,
        )
        .run(opts.pendingJobs, first, now.getTime() - 1_000, now.getTime(), now.getTime());
    }
  })();
  if (opts.serviceUrl) seedTeamsCopies(database, opts.serviceUrl, now);
  const ids = (
    sqlite.prepare(`SELECT id FROM changes WHERE state = 'authorise' ORDER BY id`).all() as {
      id: number;
    }[]
  ).map((r) => r.id);
  database.close();
  return ids;
}

/**
 * Every open change's copy in the Teams CAB channel (the card is one live card on both platforms), and the
 * channel's conversation reference, as the bot keeps it once installed in the team.
 */
function seedTeamsCopies(database: Database, serviceUrl: string, now: Date): void {
  database.sqlite
    .prepare(
      `INSERT INTO card_posts (change_id, platform, channel, message_id, kind, created_at)
       SELECT id, 'teams', ?, 'card-' || id, 'cab', ? FROM changes WHERE state = 'authorise'`,
    )
    .run(TEAMS_CAB_CHANNEL, now.getTime());
  const click = teamsVoteActivity(voters(1)[0]!, 1, 0, serviceUrl) as unknown as Activity;
  captureConversation(createConversationRefsRepository(database), click, { personId: null, now });
}
