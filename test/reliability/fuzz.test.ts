// Seeded fuzz of what users control, on both platforms over HTTP (issue 7): typed text, form inputs, button
// payloads and Teams invoke data. Nothing may crash, answer 5xx, answer late, or create a record.
// `npm run soak` runs 10,000 cases a platform (FUZZ_CASES); `npm test` runs a few hundred.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION, VIEW } from '../../src/platforms/slack/ids.ts';
import { interactionBody } from '../helpers/slack-signing.ts';
import { type SlackHarness, startSlackHarness } from '../platforms/slack/slack-harness.ts';
import {
  executeAction,
  personalMessage,
  startTeamsTestApp,
  type TeamsTestApp,
  USERS,
} from '../platforms/teams/teams-harness.ts';
import { seeded } from './random.ts';

const CASES = Number(process.env.FUZZ_CASES ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 7);
/** Slack wants an answer within 3 s; Teams an invoke within 5 s, any other activity within 15 s. */
const SLACK_DEADLINE_MS = 3_000;
const TEAMS_INVOKE_DEADLINE_MS = 5_000;
const TEAMS_MESSAGE_DEADLINE_MS = 15_000;
/** The whole run's budget (not a performance figure: a generous bound so a hang fails the test). */
const RUN_TIMEOUT_MS = Math.max(120_000, CASES * 300);

const RECORDS = ['changes', 'votes', 'questions', 'audit_events'] as const;
const countRecords = (sqlite: { prepare(sql: string): { get(): unknown } }) =>
  Object.fromEntries(
    RECORDS.map((t) => [t, (sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]),
  );

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: performance.now() - start };
}

describe('fuzzing Slack over HTTP (issue 7)', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it(
    `answers ${CASES} seeded garbage commands, clicks and form submissions in time, never 5xx, creating nothing`,
    async () => {
      const r = seeded(SEED);
      const users = ['UALICE', 'UCAROL', 'UDAVE', 'UREQ', 'UOUT'];
      const actions = [...Object.values(ACTION), `${ACTION.answer}.${r.int(99)}`, r.text(20)];
      const views = [...Object.values(VIEW), r.text(10)];
      const before = countRecords(h.app.database.sqlite);
      const failures: string[] = [];
      for (let i = 0; i < CASES; i++) {
        const user = r.pick(users);
        const kind = r.int(4);
        const { value: reply, ms } = await timed(() => {
          if (kind === 0) {
            const sub = r.pick([
              'list',
              'show',
              'edit',
              'cancel',
              'start',
              'complete',
              'review',
              'help',
              r.text(10),
            ]);
            return h.command(user, `${sub} ${String(r.junk())}`.slice(0, 3000));
          }
          if (kind === 1) {
            const value = r.next() < 0.5 ? JSON.stringify(r.junk()) : String(r.junk());
            return h.click(user, r.pick(actions), value.slice(0, 2000), r.next() < 0.3 ? { home: true } : {});
          }
          if (kind === 2) {
            const blocks = Object.fromEntries(
              Array.from({ length: r.int(12) }, () => [
                r.text(12),
                {
                  [r.text(8)]: {
                    type: r.pick(['plain_text_input', 'datepicker', 'static_select', 'timepicker']),
                    value: r.junk(),
                    selected_date: r.junk(),
                    selected_option: r.junk(),
                  },
                },
              ]),
            );
            const payload = {
              type: 'view_submission',
              team: { id: 'T0', domain: 'acme' },
              user: { id: user, username: user, name: user, team_id: 'T0' },
              api_app_id: 'A0',
              token: 'x',
              trigger_id: `fuzz-${i}`,
              view: {
                id: 'VFUZZ',
                type: 'modal',
                callback_id: r.pick(views),
                private_metadata: r.next() < 0.5 ? JSON.stringify(r.junk()) : String(r.junk()).slice(0, 3000),
                state: { values: blocks },
                blocks: [],
              },
            };
            return h.post(interactionBody(payload), 'application/x-www-form-urlencoded');
          }
          // A broken body that still carries a valid signature.
          return h.post(
            r.pick([`payload=${encodeURIComponent(r.text(200))}`, r.text(300), 'payload=%7B', '']),
            'application/x-www-form-urlencoded',
          );
        });
        if (reply.status >= 500 || ms > SLACK_DEADLINE_MS)
          failures.push(`case ${i} (kind ${kind}): ${reply.status} in ${ms.toFixed(0)} ms`);
      }
      await h.settle();
      expect(failures).toEqual([]);
      expect(countRecords(h.app.database.sqlite)).toEqual(before);
    },
    RUN_TIMEOUT_MS,
  );
});

describe('fuzzing Teams over HTTP (issue 7)', () => {
  let t: TeamsTestApp;
  beforeAll(async () => {
    t = await startTeamsTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it(
    `answers ${CASES} seeded garbage messages and invokes in time, never 5xx, creating nothing`,
    async () => {
      const r = seeded(SEED + 1);
      const people = Object.values(USERS);
      const verbs = [
        'approve',
        'reject',
        'request_info',
        'refresh',
        'submit_change',
        'submit_edit',
        'start',
        'complete',
        'review',
        'answer',
        'cancel',
        'details',
        r.text(8),
      ];
      const before = countRecords(t.app.database.sqlite);
      const failures: string[] = [];
      for (let i = 0; i < CASES; i++) {
        const who = r.pick(people);
        const kind = r.int(3);
        const { value: reply, ms } = await timed(() => {
          if (kind === 0) {
            const command = r.pick([
              'new',
              'list',
              'show',
              'edit',
              'cancel',
              'start',
              'complete',
              'review',
              'help',
              '',
            ]);
            return t.post(personalMessage(t.connector, who, `${command} ${String(r.junk())}`.slice(0, 4000)));
          }
          if (kind === 1) {
            const data =
              r.next() < 0.7
                ? (r.junk() as Record<string, unknown>)
                : { changeId: r.junk(), version: r.junk(), ...Object.fromEntries([[r.text(6), r.junk()]]) };
            const where = { conversationId: `a:chat-${who.key}`, messageId: String(r.junk()).slice(0, 40) };
            return t.post(executeAction(t.connector, who, where, r.pick(verbs), data as never));
          }
          const activity = personalMessage(t.connector, who, 'x');
          return t.post({
            ...activity,
            type: 'invoke',
            name: r.pick(['adaptiveCard/action', r.text(10)]),
            value: r.junk(),
          });
        });
        if (reply.status >= 500 || ms > (kind === 0 ? TEAMS_MESSAGE_DEADLINE_MS : TEAMS_INVOKE_DEADLINE_MS))
          failures.push(`case ${i} (kind ${kind}): ${reply.status} in ${ms.toFixed(0)} ms`);
      }
      expect(failures).toEqual([]);
      expect(countRecords(t.app.database.sqlite)).toEqual(before);
    },
    RUN_TIMEOUT_MS,
  );
});
