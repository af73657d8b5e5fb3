/**
 * What the playground's Slack and Teams have received from Changeboard, kept in memory for the page: messages
 * and their updates, ephemeral notes, modals, App Home views, and the per-person card views Teams would show.
 * Every change bumps `revision` and tells the subscribers (the page's event stream).
 */

// biome-ignore lint/suspicious/noExplicitAny: Block Kit and Adaptive Card JSON as the app sent it.
export type Json = any;

export interface SlackMessage {
  readonly channel: string;
  readonly ts: string;
  readonly threadTs: string | null;
  /** Who wrote it: the bot (null) or a cast member's Slack id. */
  readonly user: string | null;
  text: string;
  blocks: Json[] | null;
  edits: number;
}

export interface SlackEphemeral {
  readonly id: number;
  readonly user: string;
  readonly channel: string;
  readonly text: string;
  readonly blocks: Json[] | null;
}

export interface SlackModal {
  readonly id: string;
  view: Json;
  /** Field errors from the last submission (block id → message). */
  errors: Record<string, string>;
}

export interface TeamsMessage {
  /** The conversation without a thread suffix: a channel id or a personal chat id. */
  readonly conversation: string;
  readonly id: string;
  /** The thread's root message id, for replies in a channel thread. */
  readonly replyTo: string | null;
  /** Who wrote it: the bot (null) or a cast member's Teams id (29:…). */
  readonly from: string | null;
  text: string | null;
  card: Json | null;
  revision: number;
}

export interface TeamsPersonalView {
  readonly card: Json;
  /** The message revision it was fetched for: a newer post makes Teams ask again. */
  readonly basedOn: number;
}

export interface TeamsNote {
  readonly id: number;
  readonly user: string;
  readonly text: string;
}

export interface PlaygroundState {
  revision: number;
  /** The last id handed out (modals, notes, messages): kept with the state so a restart never reuses one. */
  seq: number;
  /** How far ahead of real time the playground's clock is (kept so a restart does not travel back). */
  clockOffsetMs: number;
  readonly slack: {
    messages: SlackMessage[];
    ephemerals: SlackEphemeral[];
    modals: Record<string, SlackModal[]>;
    homes: Record<string, Json>;
  };
  readonly teams: {
    messages: TeamsMessage[];
    /** `${conversation}|${messageId}|${userId}` → the card that user sees. */
    personal: Record<string, TeamsPersonalView>;
    notes: TeamsNote[];
  };
}

/** Past this many messages per platform the oldest are dropped: the page stays fast however long it runs. */
const MAX_MESSAGES = 500;

export interface PlaygroundStore {
  readonly state: PlaygroundState;
  /** Records a change to the state (call after mutating it). */
  changed(): void;
  subscribe(listener: (revision: number) => void): () => void;
  nextId(): number;
  slackMessage(channel: string, ts: string): SlackMessage | undefined;
  addSlackMessage(message: SlackMessage): void;
  teamsMessage(conversation: string, id: string): TeamsMessage | undefined;
  addTeamsMessage(message: TeamsMessage): void;
}

export const personalKey = (conversation: string, messageId: string, userId: string): string =>
  `${conversation}|${messageId}|${userId}`;

export const emptyState = (): PlaygroundState => ({
  revision: 0,
  seq: 0,
  clockOffsetMs: 0,
  slack: { messages: [], ephemerals: [], modals: {}, homes: {} },
  teams: { messages: [], personal: {}, notes: [] },
});

export function createStore(initial: PlaygroundState = emptyState()): PlaygroundStore {
  const state = initial;
  const listeners = new Set<(revision: number) => void>();
  const changed = () => {
    // Private notes pile up with every click; the newest are the ones anybody reads.
    if (state.slack.ephemerals.length > MAX_MESSAGES) state.slack.ephemerals.shift();
    if (state.teams.notes.length > MAX_MESSAGES) state.teams.notes.shift();
    state.revision += 1;
    for (const listener of listeners) listener(state.revision);
  };
  return {
    state,
    changed,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    nextId: () => ++state.seq,
    slackMessage: (channel, ts) => state.slack.messages.find((m) => m.channel === channel && m.ts === ts),
    addSlackMessage(message) {
      state.slack.messages.push(message);
      if (state.slack.messages.length > MAX_MESSAGES) state.slack.messages.shift();
      changed();
    },
    teamsMessage: (conversation, id) =>
      state.teams.messages.find((m) => m.conversation === conversation && m.id === id),
    addTeamsMessage(message) {
      state.teams.messages.push(message);
      if (state.teams.messages.length > MAX_MESSAGES) state.teams.messages.shift();
      changed();
    },
  };
}
