import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { raiseChange } from '../../../src/app/use-cases/raise-change.ts';
import { MEDIUM_ANSWERS, makeDraft } from '../../domain/fixtures.ts';
import { type FakeBotConnector, startFakeBotConnector } from '../../helpers/fake-bot-connector.ts';
import { cardsIn, cardText } from './card-structure.ts';
import { expectValidCards, raiseInTeams, vote } from './flows.ts';
import {
  CAB_CHANNEL,
  installedInTeam,
  personalChatOf,
  personalMessage,
  startTeamsTestApp,
  type TeamsTestApp,
  USERS,
} from './teams-harness.ts';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function connector(): Promise<FakeBotConnector> {
  const c = await startFakeBotConnector({ members: Object.values(USERS) });
  cleanups.push(() => c.close());
  return c;
}

async function app(opts: Parameters<typeof startTeamsTestApp>[0]): Promise<TeamsTestApp> {
  const t = await startTeamsTestApp(opts);
  cleanups.push(async () => {
    expectValidCards(t);
    await t.close();
  });
  return t;
}

describe('proactive Teams posts', () => {
  it('posts to the CAB channel and messages the requester after a restart, from the stored conversation references', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'changeboard-teams-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const databasePath = join(dir, 'changeboard.db');
    const fake = await connector();

    const before = await startTeamsTestApp({ databasePath, connector: fake });
    await before.post(installedInTeam(fake));
    await before.post(personalMessage(fake, USERS.rita, 'help'));
    await before.close();
    fake.clear();

    // A new process: no activity has arrived since it started.
    const after = await app({ databasePath, connector: fake });
    const { ctx } = after.app;
    const rita = ctx.repos.people.findByIdentity({
      platform: 'teams',
      teamsUserId: USERS.rita.aadObjectId,
      name: '',
    })!;
    const raised = raiseChange(
      ctx,
      { person: rita, platform: 'teams' },
      { draft: makeDraft({ risk: MEDIUM_ANSWERS }) },
    );
    expect(raised.ok).toBe(true);
    await after.app.worker.drain();

    const thread = fake.callsOf('createConversation');
    expect(thread).toHaveLength(1);
    expect(thread[0]!.body.channelData.channel.id).toBe(CAB_CHANNEL);
    const dm = fake.messagesTo(personalChatOf(USERS.rita));
    expect(dm).toHaveLength(1);
    expect(cardText(cardsIn(dm[0]!.body)[0])).toContain('Upgrade the wiki to 2.4');
  });

  it('opens a personal chat to message someone the bot has only met in a channel, and keeps it for next time', async () => {
    const t = await app({});
    const { changeId, cabCard } = await raiseInTeams(t);
    // Carol asks from the channel card; she never opened a chat with the bot.
    await vote(t, USERS.carol, cabCard, 'request_info', {
      changeId,
      version: 1,
      infoQuestion: 'Is the backup tested?',
    });
    await t.app.worker.drain();
    const question = t.app.ctx.repos.changes.listQuestions(changeId)[0]!;
    const rita = t.app.ctx.repos.people.findByIdentity({
      platform: 'teams',
      teamsUserId: USERS.rita.aadObjectId,
      name: '',
    })!;
    t.connector.clear();

    const { answerQuestion } = await import('../../../src/app/use-cases/questions.ts');
    answerQuestion(
      t.app.ctx,
      { person: rita, platform: 'teams' },
      { questionId: question.id, answer: 'Yes, last Friday.' },
    );
    await t.app.worker.drain();

    const opened = t.connector.callsOf('createConversation');
    expect(opened.map((c) => c.body)).toEqual([
      expect.objectContaining({ isGroup: false, members: [{ id: USERS.carol.id }], tenantId: 'tenant-1' }),
    ]);
    const chat = opened[0]!.answeredId!;
    expect(cardText(cardsIn(t.connector.messagesTo(chat)[0]!.body)[0])).toContain('Yes, last Friday.');
    const carol = t.app.ctx.repos.people.findByIdentity({
      platform: 'teams',
      teamsUserId: USERS.carol.aadObjectId,
      name: '',
    })!;
    expect(t.app.adapters[0]!.surface.canReach(carol)).toBe(true);
  });

  it('skips a copy of the card that was deleted in Teams and still updates the others', async () => {
    const t = await app({});
    const { changeId, cabCard } = await raiseInTeams(t);
    t.connector.failNext('update', 404);
    await vote(t, USERS.bob, cabCard, 'approve', { changeId, version: 1 });
    await t.app.worker.drain();
    const job = t.app.database.sqlite
      .prepare("SELECT status FROM jobs WHERE kind = 'card.refresh'")
      .get() as { status: string };
    expect(job.status).toBe('done');
    expect(t.connector.callsOf('update')).toHaveLength(2);
  });

  it('reschedules the job when Teams answers 429, without counting a failed attempt', async () => {
    const t = await app({});
    const { changeId, cabCard } = await raiseInTeams(t);
    // botbuilder retries a 429 three times itself (honouring Retry-After); the fourth one reaches the job.
    t.connector.failNext('update', 429, { times: 8, headers: { 'retry-after': '0' } });
    await vote(t, USERS.bob, cabCard, 'approve', { changeId, version: 1 });
    await t.app.worker.drain();

    // The refresh is done for every other copy; the Teams copies wait in a follow-up of their own.
    const jobs = t.app.database.sqlite
      .prepare("SELECT status, attempts, run_at AS runAt, payload FROM jobs WHERE kind = 'card.refresh'")
      .all() as { status: string; attempts: number; runAt: number; payload: string }[];
    const waiting = jobs.filter((j) => j.status === 'pending');
    expect(waiting).toHaveLength(1);
    expect(JSON.parse(waiting[0]!.payload)).toEqual({ changeId, platforms: ['teams'] });
    expect(waiting[0]!.attempts).toBe(0);
    expect(waiting[0]!.runAt).toBeGreaterThan(t.clock.now().getTime());
    expect(jobs.filter((j) => j.status === 'failed' || j.status === 'dead')).toEqual([]);

    // Once the wait is over the refresh goes through.
    t.clock.advanceMinutes(1);
    t.connector.clear();
    await t.app.worker.drain();
    expect(t.connector.callsOf('update').length).toBeGreaterThan(0);
  });
});
