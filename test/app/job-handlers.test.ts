import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/app/context.ts';
import { createJobHandlers } from '../../src/app/jobs/handlers.ts';
import { requestHomeRefresh } from '../../src/app/jobs/outbox.ts';
import type { ChatSurface, PostedMessage } from '../../src/app/ports.ts';
import { castVote } from '../../src/app/use-cases/cast-vote.ts';
import { raiseChange } from '../../src/app/use-cases/raise-change.ts';
import { syncPolicyPeople } from '../../src/app/use-cases/sync-policy-people.ts';
import type { ChatPlatform } from '../../src/db/card-posts-repo.ts';
import { createWorker, RetryLater, type Worker } from '../../src/jobs/worker.ts';
import { silentLogger } from '../../src/log.ts';
import { makeDraft } from '../domain/fixtures.ts';
import { platformPolicy } from '../helpers/platform-policy.ts';
import { type AppHarness, createAppHarness } from './harness.ts';

/** A ChatSurface that records what it was asked to do, as the job handlers see a platform. */
function recordingSurface(platform: ChatPlatform) {
  const calls: { op: string; target: string; detail: string }[] = [];
  /** `replies`: how many thread replies fail; `updatesUntil`: card updates are rate-limited until then. */
  const failing: { replies: number; updatesUntil: Date | null } = { replies: 0, updatesUntil: null };
  let next = 1;
  const surface: ChatSurface = {
    platform,
    channelsOf: (board) => board.channels[platform],
    canReach: (person) => (platform === 'slack' ? person.slackUserId !== null : person.teamsUserId !== null),
    async postCard(channel, card): Promise<PostedMessage> {
      calls.push({
        op: 'post',
        target: channel,
        detail: `${card.key} ${card.stateLabel} ${card.actions.join(',')}`,
      });
      return { channel, messageId: `m${next++}` };
    },
    async sendCardToPerson(person, card) {
      calls.push({ op: 'dm-card', target: person.name, detail: card.audience });
      return { channel: `dm-${person.id}`, messageId: `m${next++}` };
    },
    async updateCard(post, build) {
      if (failing.updatesUntil) {
        calls.push({ op: 'update-refused', target: `${post.channel}/${post.messageId}`, detail: '' });
        throw new RetryLater(failing.updatesUntil, `${platform} rate limit`);
      }
      const card = build();
      calls.push({
        op: 'update',
        target: `${post.channel}/${post.messageId}`,
        detail: `${card?.stateLabel} ${card?.tally?.approvals}`,
      });
    },
    async replyInThread(post, text) {
      if (failing.replies > 0) {
        failing.replies--;
        throw new Error('platform unavailable');
      }
      calls.push({ op: 'reply', target: post.channel, detail: text });
    },
    async notifyPerson(person, notice) {
      calls.push({ op: 'notify', target: person.name, detail: notice.headline });
    },
  };
  return { surface, calls, failing };
}

/** A CRM change scoring medium risk: its route needs two approvals, so one vote leaves it undecided. */
const mediumDraft = () =>
  makeDraft({
    services: ['crm'],
    risk: {
      impact: 'degraded',
      complexity: 'moderate',
      tested: 'partially',
      backout: 'hard',
      failedBefore: false,
    },
    backoutPlan: 'Restore',
  });

let h: AppHarness;
let slack: ReturnType<typeof recordingSurface>;
let teams: ReturnType<typeof recordingSurface>;
let worker: Worker;
let rita: Actor;

beforeEach(() => {
  h = createAppHarness({ policy: platformPolicy() });
  slack = recordingSurface('slack');
  teams = recordingSurface('teams');
  const handlers = createJobHandlers(h.ctx, [slack.surface, teams.surface], silentLogger);
  worker = createWorker({ database: h.database, handlers, clock: h.clock.now, log: silentLogger });
  rita = h.slackActor('URITA', 'Rita', 'rita@example.com');
});
afterEach(async () => {
  await worker.stop();
  h.close();
});

describe('job handlers', () => {
  it('posts the card to the CAB channel on each platform and the requester copy by DM, once', async () => {
    const raised = raiseChange(h.ctx, rita, { draft: makeDraft() });
    if (!raised.ok) throw new Error('raise failed');
    await worker.drain();
    expect(slack.calls.map((c) => `${c.op} ${c.target}`)).toEqual(['post CCAB', 'dm-card Rita']);
    expect(teams.calls.map((c) => `${c.op} ${c.target}`)).toEqual(['post 19:cab@thread.tacv2']);
    expect(slack.calls[0]?.detail).toContain('approve,reject,request_info');
    await worker.drain();
    expect(slack.calls).toHaveLength(2);
  });

  it('updates every copy on both platforms after a vote, and tells the requester of the decision', async () => {
    const raised = raiseChange(h.ctx, rita, { draft: makeDraft() });
    if (!raised.ok) throw new Error('raise failed');
    await worker.drain();
    const bob = h.teamsActor('aad-bob', 'Bob', 'bob@example.com');
    castVote(h.ctx, bob, { changeId: raised.value.change.id, version: 1, decision: 'approve', reason: null });
    await worker.drain();
    const updates = [...slack.calls, ...teams.calls].filter((c) => c.op === 'update');
    expect(updates.map((u) => u.target).sort()).toEqual(
      ['19:cab@thread.tacv2/m1', 'CCAB/m1', `dm-${rita.person.id}/m2`].sort(),
    );
    expect(updates.every((u) => u.detail === 'Scheduled 1')).toBe(true);
    expect(slack.calls.filter((c) => c.op === 'notify')).toEqual([
      {
        op: 'notify',
        target: 'Rita',
        detail: `CHG-${raised.value.change.id} was approved and is scheduled.`,
      },
    ]);
    expect(teams.calls.filter((c) => c.op === 'reply')).toHaveLength(1);
  });

  it('messages a person on both platforms only where they acted last', async () => {
    const carolOnSlack = h.slackActor('UCAROL', 'Carol', 'carol@example.com');
    const raised = raiseChange(h.ctx, carolOnSlack, { draft: makeDraft() });
    if (!raised.ok) throw new Error('raise failed');
    await worker.drain();
    expect(slack.calls.filter((c) => c.op === 'dm-card').map((c) => c.target)).toEqual(['Carol']);
    expect(teams.calls.filter((c) => c.op === 'dm-card')).toHaveLength(0);
    h.teamsActor('aad-carol', 'Carol', 'carol@example.com');
    const alice = h.slackActor('UALICE', 'Alice', 'alice@example.com');
    castVote(h.ctx, alice, {
      changeId: raised.value.change.id,
      version: 1,
      decision: 'approve',
      reason: null,
    });
    await worker.drain();
    expect(teams.calls.filter((c) => c.op === 'notify').map((c) => c.target)).toEqual(['Carol']);
    expect(slack.calls.filter((c) => c.op === 'notify')).toHaveLength(0);
  });

  it('retries a thread reply only where it failed, so no thread gets it twice', async () => {
    const raised = raiseChange(h.ctx, rita, { draft: makeDraft() });
    if (!raised.ok) throw new Error('raise failed');
    await worker.drain();
    teams.failing.replies = 1;
    const alice = h.slackActor('UALICE', 'Alice', 'alice@example.com');
    castVote(h.ctx, alice, {
      changeId: raised.value.change.id,
      version: 1,
      decision: 'approve',
      reason: null,
    });
    await worker.drain();
    expect(slack.calls.filter((c) => c.op === 'reply')).toHaveLength(1);
    expect(teams.calls.filter((c) => c.op === 'reply')).toHaveLength(0);
    h.clock.advanceMinutes(1);
    await worker.drain();
    expect(slack.calls.filter((c) => c.op === 'reply')).toHaveLength(1);
    expect(teams.calls.filter((c) => c.op === 'reply')).toHaveLength(1);
  });

  it('holds back only the copies a rate limit refused, and catches them up once with the latest state', async () => {
    h.slackActor('UCAROL', 'Carol', 'carol@example.com');
    const medium = raiseChange(h.ctx, rita, { draft: mediumDraft() });
    if (!medium.ok) throw new Error('raise failed');
    const changeId = medium.value.change.id;
    await worker.drain();
    const updates = (s: typeof slack, op = 'update') =>
      s.calls.filter((c) => c.op === op).map((c) => `${c.target} ${c.detail}`);
    // Teams turns card updates away for a minute (its per-conversation pace).
    teams.failing.updatesUntil = new Date(h.clock.now().getTime() + 60_000);
    const alice = h.slackActor('UALICE', 'Alice', 'alice@example.com');
    castVote(h.ctx, alice, { changeId, version: 1, decision: 'approve', reason: null });
    await worker.drain();
    expect(updates(slack)).toHaveLength(2);
    expect(updates(teams, 'update-refused')).toEqual(['19:cab@thread.tacv2/m1 ']);
    // The second approval decides the change: Slack's copies follow at once, and Teams is not asked again
    // while its copy's follow-up waits (it will render the latest state).
    const carol = h.slackActor('UCAROL', 'Carol', 'carol@example.com');
    castVote(h.ctx, carol, { changeId, version: 1, decision: 'approve', reason: null });
    await worker.drain();
    expect(updates(slack).slice(2)).toEqual(['CCAB/m1 Scheduled 2', `dm-${rita.person.id}/m2 Scheduled 2`]);
    expect(updates(teams, 'update-refused')).toHaveLength(1);
    // The minute passes: the follow-up updates the Teams copy once, with the decision, and Slack not again.
    teams.failing.updatesUntil = null;
    h.clock.advanceMinutes(1);
    await worker.drain();
    expect(updates(teams)).toEqual(['19:cab@thread.tacv2/m1 Scheduled 2']);
    expect(updates(slack)).toHaveLength(4);
    await worker.drain();
    expect(updates(teams)).toHaveLength(1);
  });

  it('publishes App Homes after a change moves at the platform’s pace, one waiting refresh per person', async () => {
    // Known people: the requester and four approvers, so a raise concerns five Homes.
    for (const [id, name] of [
      ['UALICE', 'Alice'],
      ['UCAROL', 'Carol'],
      ['UDAVE', 'Dave'],
    ] as const)
      h.slackActor(id, name, `${name.toLowerCase()}@example.com`);
    h.teamsActor('aad-bob', 'Bob', 'bob@example.com');
    const published: string[] = [];
    const paced: ChatSurface = {
      ...slack.surface,
      changesMovedPace: { burst: 2, intervalMs: 60_000 },
      async changesMoved(people) {
        published.push(...people.map((p) => p.name));
      },
    };
    const pacedWorker = createWorker({
      database: h.database,
      handlers: createJobHandlers(h.ctx, [paced], silentLogger),
      clock: h.clock.now,
      log: silentLogger,
    });
    const homes = () =>
      (
        h.database.sqlite
          .prepare("SELECT payload, run_at AS r FROM jobs WHERE kind = 'home.refresh' AND status = 'pending'")
          .all() as { payload: string; r: number }[]
      ).map((j) => (j.r - h.clock.now().getTime()) / 60_000);
    const medium = raiseChange(h.ctx, rita, { draft: mediumDraft() });
    if (!medium.ok) throw new Error('raise failed');
    await pacedWorker.drain();
    // A burst of two at once, then one a minute.
    expect(published).toHaveLength(2);
    expect(homes().sort()).toEqual([1, 2, 3]);
    // A vote moves the change again: the three still waiting get nothing new, the two just published get
    // the next places (no second job for anyone, no two Homes in the same slot).
    const alice = h.slackActor('UALICE', 'Alice', 'alice@example.com');
    castVote(h.ctx, alice, {
      changeId: medium.value.change.id,
      version: 1,
      decision: 'approve',
      reason: null,
    });
    await pacedWorker.drain();
    expect(published).toHaveLength(2);
    const waiting = homes().sort();
    expect(waiting).toHaveLength(4);
    expect(new Set(waiting).size).toBe(4);
    expect(waiting.slice(0, 3)).toEqual([1, 2, 3]);
    // Someone opens their Home: their waiting refresh runs now, not in its slot.
    const carol = h.ctx.repos.people.findByEmail('carol@example.com')!;
    requestHomeRefresh(h.ctx, carol.id);
    await pacedWorker.drain();
    expect(published.slice(2)).toEqual(['Carol']);
    await pacedWorker.stop();
  });

  it('sends a reminder that came due while the process was down exactly once', async () => {
    h.slackActor('UALICE', 'Alice', 'alice@example.com');
    h.slackActor('UCAROL', 'Carol', 'carol@example.com');
    const medium = raiseChange(h.ctx, rita, {
      draft: mediumDraft(),
    });
    if (!medium.ok) throw new Error('raise failed');
    await worker.drain();
    // The process is "down" for 30 hours: the 24-hour reminder came due meanwhile.
    h.clock.advanceMinutes(30 * 60);
    const restarted = createWorker({
      database: h.database,
      handlers: createJobHandlers(h.ctx, [slack.surface, teams.surface], silentLogger),
      clock: h.clock.now,
      log: silentLogger,
    });
    await restarted.drain();
    await restarted.drain();
    const reminders = slack.calls.filter((c) => c.op === 'notify' && c.detail.startsWith('Reminder'));
    expect(reminders.map((r) => r.target).sort()).toEqual(['Alice', 'Carol']);
    await restarted.stop();
  });

  it('escalates an undecided change to the change manager with the tally, instead of reminding them', async () => {
    h.slackActor('UALICE', 'Alice', 'alice@example.com');
    h.slackActor('UDAVE', 'Dave', 'dave@example.com');
    const medium = raiseChange(h.ctx, rita, {
      draft: mediumDraft(),
    });
    if (!medium.ok) throw new Error('raise failed');
    const alice = h.slackActor('UALICE', 'Alice', 'alice@example.com');
    castVote(h.ctx, alice, {
      changeId: medium.value.change.id,
      version: 1,
      decision: 'approve',
      reason: null,
    });
    await worker.drain();
    h.clock.advanceMinutes(24 * 60);
    await worker.drain();
    const notes = slack.calls.filter((c) => c.op === 'notify');
    const key = `CHG-${medium.value.change.id}`;
    expect(notes.map((n) => `${n.target}: ${n.detail}`)).toEqual([
      `Dave: Escalation: ${key} "Upgrade the wiki to 2.4" is still undecided.`,
    ]);
  });
});

describe('syncPolicyPeople', () => {
  it('records every CAB member with a platform identity once, linking Slack and Teams ids of one person', () => {
    const fresh = createAppHarness({ policy: platformPolicy() });
    expect(syncPolicyPeople(fresh.ctx)).toBeGreaterThan(0);
    expect(syncPolicyPeople(fresh.ctx)).toBe(0);
    const carolSlack = fresh.ctx.repos.people.findByIdentity({
      platform: 'slack',
      slackUserId: 'UCAROL',
      name: '',
    });
    const carolTeams = fresh.ctx.repos.people.findByIdentity({
      platform: 'teams',
      teamsUserId: 'aad-carol',
      name: '',
    });
    expect(carolSlack?.id).toBeDefined();
    expect(carolTeams?.id).toBe(carolSlack?.id);
    expect(fresh.ctx.repos.people.findByEmail('dave@example.com')).not.toBeNull();
    fresh.close();
  });
});
