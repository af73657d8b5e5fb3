import type { IncomingMessage, ServerResponse } from 'node:http';
import { CAST, CHANNELS, castByKey } from './cast.ts';
import type { PlaygroundClock } from './clock.ts';
import { readJsonObject, sendJson } from './http-util.ts';
import type { SlackRequests } from './slack-requests.ts';
import { slashCommands } from './slash-commands.ts';
import type { Json, PlaygroundStore } from './store.ts';
import type { TeamsActivities } from './teams-activities.ts';

export interface PageApiDeps {
  readonly store: PlaygroundStore;
  readonly clock: PlaygroundClock;
  readonly slack: SlackRequests;
  readonly teams: TeamsActivities;
  /** Runs every job that is due now (reminders, expiries, card posts) through the real worker. */
  readonly runDueJobs: () => Promise<number>;
  /** When the next job falls due (null: none waiting). */
  readonly nextDueAt: () => Date | null;
}

/** A bound on the stops of one jump (a job failing again and again must not keep the clock walking forever). */
const MAX_TRAVEL_STOPS = 500;

/** The longest single jump of the time-travel control (a week and a bit covers every default deadline). */
const MAX_TRAVEL_HOURS = 24 * 8;

const text = (body: Record<string, unknown>, key: string): string => {
  const value = body[key];
  if (typeof value !== 'string') throw new Error(`${key} is missing`);
  return value;
};
const optional = (body: Record<string, unknown>, key: string): string | undefined =>
  typeof body[key] === 'string' ? (body[key] as string) : undefined;

/** The options a checkboxes element has ticked, as the page sends them ({ value, text } each). */
function selectedOptions(value: unknown): { value: string; text: Json }[] {
  if (!Array.isArray(value)) throw new Error('selectedOptions must be a list');
  return value.map((o) => {
    if (!o || typeof o !== 'object' || typeof (o as { value?: unknown }).value !== 'string')
      throw new Error('each selected option needs a value');
    const { value: v, text: t } = o as { value: string; text?: Json };
    return { value: v, text: t ?? { type: 'plain_text', text: v } };
  });
}

/** The cast member the page acts as; every request names one. */
function actor(body: Record<string, unknown>) {
  const member = castByKey(text(body, 'as'));
  if (!member) throw new Error('nobody of that name in the playground');
  return member;
}
function slackIdOf(body: Record<string, unknown>): string {
  const member = actor(body);
  if (!member.slackId) throw new Error(`${member.name} is not on Slack in the playground`);
  return member.slackId;
}

/** What the page can do, as JSON endpoints under /api/. Each answers `{ ok: true }` or `{ ok: false, error }`. */
export function createPageApi(deps: PageApiDeps) {
  const { store, clock, slack, teams } = deps;
  const commands = slashCommands();

  const actions: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = {
    'slack/command': (b) => {
      const command = optional(b, 'command') ?? '/change';
      if (!commands.some((c) => c.command === command)) {
        throw new Error(
          `${command} is not a command of this Slack app (${commands.map((c) => c.command).join(', ')})`,
        );
      }
      return slack.command(slackIdOf(b), text(b, 'channel'), command, text(b, 'text'));
    },
    'slack/action': (b) =>
      slack.click(
        slackIdOf(b),
        {
          ...(optional(b, 'channel') ? { channel: optional(b, 'channel') } : {}),
          ...(optional(b, 'ts') ? { ts: optional(b, 'ts') } : {}),
          ...(optional(b, 'viewId') ? { viewId: optional(b, 'viewId') } : {}),
          ...(b.home === true ? { home: true } : {}),
          ...(b.ephemeral === true ? { ephemeral: true } : {}),
        },
        {
          actionId: text(b, 'actionId'),
          blockId: optional(b, 'blockId') ?? 'b',
          value: optional(b, 'value') ?? '',
          ...(b.type === 'checkboxes' ? { selectedOptions: selectedOptions(b.selectedOptions) } : {}),
        },
      ),
    'slack/submit': (b) => slack.submit(slackIdOf(b), text(b, 'viewId'), b.values ?? {}),
    'slack/close': async (b) => slack.close(slackIdOf(b), text(b, 'viewId')),
    'slack/home': (b) => slack.openHome(slackIdOf(b)),
    'teams/message': (b) =>
      teams.message(actor(b), optional(b, 'channel') ? { channel: text(b, 'channel') } : {}, text(b, 'text')),
    'teams/invoke': (b) =>
      teams.invoke(
        actor(b),
        { conversation: text(b, 'conversation'), messageId: text(b, 'messageId') },
        { verb: text(b, 'verb'), data: b.data ?? {} },
        b.trigger === 'automatic' ? 'automatic' : 'manual',
      ),
    'clock/advance': async (b) => {
      const hours = Number(b.hours);
      if (!Number.isFinite(hours) || hours <= 0 || hours > MAX_TRAVEL_HOURS) {
        throw new Error(`move the clock by more than 0 and at most ${MAX_TRAVEL_HOURS} hours`);
      }
      const ran = await travel(clock.now().getTime() + hours * 3_600_000);
      return { now: clock.now().toISOString(), jobsRun: ran };
    },
  };

  /**
   * Walks the clock to `target`, stopping at each job that falls due on the way, so every reminder runs at
   * its own time (not "sent late"), in order, and what one job schedules within the jump runs too.
   */
  async function travel(target: number): Promise<number> {
    let ran = 0;
    for (let stop = 0; stop < MAX_TRAVEL_STOPS; stop++) {
      const due = deps.nextDueAt()?.getTime() ?? null;
      if (due === null || due > target) break;
      const now = clock.now().getTime();
      if (due > now) clock.advance(due - now);
      const n = await deps.runDueJobs();
      ran += n;
      // Nothing ran although something was due (a job still leased elsewhere): leave it to the last drain.
      if (n === 0) break;
    }
    const now = clock.now().getTime();
    if (target > now) clock.advance(target - now);
    store.changed();
    return ran + (await deps.runDueJobs());
  }

  function snapshot() {
    return {
      revision: store.state.revision,
      now: clock.now().toISOString(),
      offsetMs: clock.offsetMs(),
      cast: CAST,
      channels: CHANNELS,
      slashCommands: commands,
      slack: store.state.slack,
      teams: store.state.teams,
    };
  }

  /** Server-sent events: the store's revision whenever it changes, so both panes refresh at once. */
  function events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(`data: ${store.state.revision}\n\n`);
    const unsubscribe = store.subscribe((revision) => res.write(`data: ${revision}\n\n`));
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      unsubscribe();
      clearInterval(keepAlive);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method === 'GET' && name === 'state') return sendJson(res, 200, snapshot());
    if (req.method === 'GET' && name === 'events') return events(req, res);
    const action = actions[name];
    if (req.method !== 'POST' || !action) return sendJson(res, 404, { ok: false, error: 'no such action' });
    // Only the page itself may act: a JSON content type cannot be sent cross-site without a preflight.
    if (!req.headers['content-type']?.startsWith('application/json')) {
      return sendJson(res, 415, { ok: false, error: 'send JSON' });
    }
    try {
      const result = await action(await readJsonObject(req));
      sendJson(res, 200, { ok: true, ...(result && typeof result === 'object' ? result : {}) });
    } catch (error) {
      sendJson(res, 400, { ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }

  return { handle, snapshot };
}
