import { createHmac } from 'node:crypto';
import { SLACK_BOT } from './cast.ts';
import type { SlackWorld } from './slack-web-api.ts';
import type { Json, PlaygroundStore } from './store.ts';

/** What the page asks the playground's Slack to do, as a person would in the Slack client. */
export interface SlackRequests {
  /** A slash command (`/change`, or any other the manifest declares) typed in `channel`. */
  command(user: string, channel: string, command: string, text: string): Promise<void>;
  /**
   * A button or checkbox in a message (channel + ts), in a private reply (`ephemeral`, in channel), in App
   * Home (`home`), or in an open modal (`viewId`).
   */
  click(
    user: string,
    where: { channel?: string; ts?: string; home?: boolean; viewId?: string; ephemeral?: boolean },
    action: {
      actionId: string;
      blockId?: string;
      value?: string;
      /** Set for a checkboxes element: every option ticked after the click. */
      selectedOptions?: readonly { value: string; text: Json }[];
    },
  ): Promise<void>;
  /** Submits the modal with the values the page collected (Slack's view.state.values shape). */
  submit(user: string, viewId: string, values: Json): Promise<void>;
  /** Closes the top modal (the app asks for no view_closed events, so nothing is sent). */
  close(user: string, viewId: string): void;
  openHome(user: string): Promise<void>;
}

/** Slack's request signature: `v0=` + HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret. */
export function signSlackRequest(secret: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': `v0=${signature}` };
}

const team = { id: SLACK_BOT.teamId, domain: 'playground' };
const who = (user: string) => ({
  id: user,
  username: user.toLowerCase(),
  name: user.toLowerCase(),
  team_id: team.id,
});

/**
 * Sends Changeboard the requests Slack would send, signed with the playground's own signing secret, to the
 * app's real /slack/events endpoint, and applies what the acknowledgement says (an ephemeral reply, modal
 * field errors, closing or replacing the modal), as the Slack client does.
 */
export function createSlackRequests(opts: {
  eventsUrl: () => string;
  signingSecret: string;
  world: SlackWorld;
  store: PlaygroundStore;
}): SlackRequests {
  const { world, store } = opts;
  const { state } = store;

  async function send(body: string, contentType: string): Promise<Json> {
    const res = await fetch(opts.eventsUrl(), {
      method: 'POST',
      body,
      headers: { 'content-type': contentType, ...signSlackRequest(opts.signingSecret, body) },
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`Changeboard answered ${res.status}: ${text.slice(0, 200)}`);
    try {
      return text ? JSON.parse(text) : null;
    } catch {
      return null;
    }
  }
  const form = (fields: Record<string, string>) =>
    send(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
  const interaction = (payload: Json) => form({ payload: JSON.stringify(payload) });

  const stackOf = (user: string) => {
    state.slack.modals[user] ??= [];
    return state.slack.modals[user];
  };

  return {
    async command(user, channel, command, text) {
      const ack = await form({
        token: 'playground',
        team_id: team.id,
        team_domain: team.domain,
        channel_id: channel,
        channel_name: channel.toLowerCase(),
        user_id: user,
        user_name: user.toLowerCase(),
        command,
        text,
        api_app_id: 'APLAYGROUND',
        response_url: world.responseUrl({ user, channel }),
        trigger_id: world.trigger(user),
      });
      if (ack && (ack.text || ack.blocks)) {
        state.slack.ephemerals.push({
          id: store.nextId(),
          user,
          channel,
          text: String(ack.text ?? ''),
          blocks: Array.isArray(ack.blocks) ? ack.blocks : null,
        });
        store.changed();
      }
    },

    async click(user, where, action) {
      const base = {
        type: 'block_actions',
        team,
        user: who(user),
        api_app_id: 'APLAYGROUND',
        token: 'playground',
        trigger_id: world.trigger(user),
      };
      const common = {
        action_id: action.actionId,
        block_id: action.blockId ?? 'b',
        action_ts: String(Date.now() / 1000),
      };
      const act = action.selectedOptions
        ? { type: 'checkboxes', ...common, selected_options: action.selectedOptions }
        : { type: 'button', ...common, value: action.value ?? '' };
      let payload: Json;
      if (where.home || where.viewId) {
        const modal = stackOf(user).find((m) => m.id === where.viewId);
        const view = where.home
          ? { id: `VHOME${user}`, type: 'home', ...state.slack.homes[user] }
          : { id: where.viewId, ...modal?.view };
        payload = {
          ...base,
          container: { type: 'view', view_id: view.id },
          view: { callback_id: '', private_metadata: '', ...view, state: { values: {} } },
          actions: [act],
        };
      } else if (where.ephemeral) {
        // Slack sends no message body for an ephemeral message: the container says it was one.
        const channel = where.channel ?? '';
        payload = {
          ...base,
          container: { type: 'message', message_ts: '0.0', channel_id: channel, is_ephemeral: true },
          channel: { id: channel, name: channel.toLowerCase() },
          response_url: world.responseUrl({ user, channel }),
          actions: [act],
        };
      } else {
        const channel = where.channel ?? '';
        const message = store.slackMessage(channel, where.ts ?? '');
        payload = {
          ...base,
          container: { type: 'message', message_ts: where.ts, channel_id: channel, is_ephemeral: false },
          channel: { id: channel, name: channel.toLowerCase() },
          message: {
            type: 'message',
            ts: where.ts,
            text: message?.text ?? '',
            blocks: message?.blocks ?? [],
          },
          response_url: world.responseUrl({ user, channel }),
          actions: [act],
        };
      }
      await interaction(payload);
    },

    async submit(user, viewId, values) {
      const stack = stackOf(user);
      const modal = stack.find((m) => m.id === viewId);
      if (!modal) throw new Error('that form is no longer open');
      const ack = await interaction({
        type: 'view_submission',
        team,
        user: who(user),
        api_app_id: 'APLAYGROUND',
        token: 'playground',
        trigger_id: world.trigger(user),
        view: {
          ...modal.view,
          id: modal.id,
          team_id: team.id,
          private_metadata: modal.view.private_metadata ?? '',
          callback_id: modal.view.callback_id ?? '',
          state: { values },
          hash: `h${modal.id}`,
        },
      });
      const action = ack?.response_action;
      if (action === 'errors') {
        modal.errors = ack.errors ?? {};
      } else if (action === 'update') {
        modal.view = ack.view;
        modal.errors = {};
      } else if (action === 'push') {
        stack.push({ id: `VPG${store.nextId()}`, view: ack.view, errors: {} });
      } else if (action === 'clear') {
        stack.length = 0;
      } else {
        // An empty acknowledgement closes the view that was submitted.
        stack.splice(stack.indexOf(modal), 1);
      }
      store.changed();
    },

    close(user, viewId) {
      const stack = stackOf(user);
      const at = stack.findIndex((m) => m.id === viewId);
      if (at >= 0) stack.splice(at, 1);
      store.changed();
    },

    async openHome(user) {
      const body = JSON.stringify({
        token: 'playground',
        team_id: team.id,
        api_app_id: 'APLAYGROUND',
        type: 'event_callback',
        event_id: `EvPG${store.nextId()}${Date.now()}`,
        event_time: Math.floor(Date.now() / 1000),
        event: {
          type: 'app_home_opened',
          user,
          channel: `D${user}`,
          tab: 'home',
          event_ts: String(Date.now() / 1000),
        },
      });
      await send(body, 'application/json');
    },
  };
}
