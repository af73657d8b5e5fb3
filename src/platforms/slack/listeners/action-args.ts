import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from './deps.ts';
import { guarded } from './guard.ts';
import { notePrivately } from './reply.ts';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** A button listener with the house rules: unexpected errors reach the clicker privately with a reference. */
export function buttonListener(deps: ListenerDeps, name: string, fn: (args: ButtonArgs) => Promise<void>) {
  return guarded<ButtonArgs>(
    deps,
    name,
    fn,
    {
      // An action's ack carries no message: the note follows it.
      late: (args, text) => notePrivately(args, `:warning: ${text}`),
    },
    (args) => ({ action: args.action.action_id, user: args.body.user.id }),
  );
}
