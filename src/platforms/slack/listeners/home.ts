import { requestHomeRefresh } from '../../../app/jobs/outbox.ts';
import { ACTION } from '../ids.ts';
import { type ButtonArgs, buttonListener } from './action-args.ts';
import { openChangeForm } from './change-form.ts';
import type { ListenerDeps } from './deps.ts';
import type { SlackListeners } from './router.ts';

/** App Home: published when opened (and by the jobs when changes move); its "Raise a change" button. */
export function registerHome(app: SlackListeners, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    try {
      const actor = await deps.identity.actorFor(event.user);
      requestHomeRefresh(deps.ctx, actor.person.id);
    } catch (error) {
      // Nobody waits on an event; the next opening tries again.
      deps.present.unexpected(error, { listener: 'app_home_opened', user: event.user });
    }
  });

  app.action(
    ACTION.newChange,
    buttonListener(deps, 'new change', async (args: ButtonArgs) => {
      await openChangeForm(deps, args.client, args.body.trigger_id);
      await args.ack();
    }),
  );
}
