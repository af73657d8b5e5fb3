import { interactionBody } from '../../helpers/slack-signing.ts';
import { type FormInput, fillView } from './form-input.ts';
import type { SlackHarness } from './slack-harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as recorded.
type Json = any;

/** A button click inside the open modal, with what the form holds now (as Slack sends it). */
export function clickInModal(
  h: SlackHarness,
  user: string,
  view: Json,
  input: FormInput,
  actionId: string,
  value: string,
) {
  const payload = {
    type: 'block_actions',
    team: { id: 'T0', domain: 'acme' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0' },
    api_app_id: 'A0',
    token: 'x',
    trigger_id: 'trigger-modal',
    container: { type: 'view', view_id: 'VMODAL' },
    view: { ...view, id: 'VMODAL', hash: 'h1', state: { values: fillView(view, input) } },
    actions: [
      { type: 'button', action_id: actionId, block_id: 'schedule', value, action_ts: '1772442001.000000' },
    ],
  };
  return h.post(interactionBody(payload), 'application/x-www-form-urlencoded');
}
