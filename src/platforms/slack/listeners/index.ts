import type { App } from '@slack/bolt';
import { registerReleaseActions } from '../release/actions.ts';
import { registerReleaseCommand } from '../release/command.ts';
import { registerAnswer } from './answer.ts';
import { registerCalendar } from './calendar.ts';
import { registerChangeForm } from './change-form.ts';
import { registerCommand } from './command.ts';
import { registerDedupe } from './dedupe.ts';
import type { ListenerDeps } from './deps.ts';
import { registerDetails } from './details.ts';
import { registerEditChange } from './edit-change.ts';
import { registerHome } from './home.ts';
import { registerImplementation } from './implementation.ts';
import { registerObjection } from './objection.ts';
import { registerReview } from './review.ts';
import { routedListeners } from './router.ts';
import { registerScheduleForm } from './schedule-form.ts';
import { registerShortcut } from './shortcut.ts';
import { registerStepUp } from './step-up.ts';
import { registerUnregisteredAlert } from './unregistered.ts';
import { registerVote } from './vote.ts';

/** Every listener of the Slack app; the dedupe middleware first, so a redelivered event reaches none of them. */
export function registerListeners(bolt: App, deps: ListenerDeps): void {
  const app = routedListeners(bolt);
  registerDedupe(app, deps);
  registerCommand(app, deps);
  registerShortcut(app, deps);
  registerChangeForm(app, deps);
  registerEditChange(app, deps);
  registerVote(app, deps);
  registerStepUp(app, deps);
  registerObjection(app, deps);
  registerImplementation(app, deps);
  registerReview(app, deps);
  registerAnswer(app, deps);
  registerDetails(app, deps);
  registerHome(app, deps);
  registerReleaseCommand(app, deps);
  registerReleaseActions(app, deps);
  registerUnregisteredAlert(app, deps);
  registerScheduleForm(app, deps);
  registerCalendar(app, deps);
}

export type { ListenerDeps };
