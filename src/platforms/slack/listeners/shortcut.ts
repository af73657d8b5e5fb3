import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { SHORTCUT_RAISE_FROM_MESSAGE } from '../ids.ts';
import { noteMessage } from '../render/command-text.ts';
import { fitPlain, oneLine, unescapeSlack } from '../render/mrkdwn.ts';
import { openChangeForm } from './change-form.ts';
import type { ListenerDeps } from './deps.ts';
import { guarded } from './guard.ts';
import { sendDm } from './reply.ts';
import type { SlackListeners } from './router.ts';

type ShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

const TITLE_MAX = 150;
const DESCRIPTION_MAX = 3000;

/** The form's initial values from a message: its first line as the title, its text and link as the description. */
export function prefillFromMessage(
  text: string,
  permalink: string | null,
): { title: string; description: string } {
  const plainText = unescapeSlack(text).trim();
  const source = permalink ? `\n\nSource: ${permalink}` : '';
  return {
    title: fitPlain(oneLine(plainText.split('\n')[0] ?? ''), TITLE_MAX),
    description: fitPlain(plainText, DESCRIPTION_MAX - source.length) + source,
  };
}

/** "Raise a change" on a message: the form opens with the message text and its permalink filled in. */
export function registerShortcut(app: SlackListeners, deps: ListenerDeps): void {
  const handle = async ({ shortcut, ack, client }: ShortcutArgs) => {
    await ack();
    // The permalink is a nicety: if it cannot be had, the form still opens (the trigger lives only 3 s).
    const permalink = await client.chat
      .getPermalink({ channel: shortcut.channel.id, message_ts: shortcut.message.ts })
      .then((r) => r.permalink ?? null)
      .catch((error: unknown) => {
        deps.log.warn('chat.getPermalink failed', { error });
        return null;
      });
    const initial = prefillFromMessage(shortcut.message.text ?? '', permalink);
    await openChangeForm(deps, client, shortcut.trigger_id, {
      initial,
      meta: { sourceLink: permalink && permalink.length <= 1000 ? permalink : null },
      intro: permalink ? 'Prefilled from the message you picked; its link is kept with the change.' : null,
    });
  };
  app.shortcut(
    { callback_id: SHORTCUT_RAISE_FROM_MESSAGE, type: 'message_action' },
    guarded(deps, 'message shortcut', handle, {
      late: (args, text) => sendDm(args.client, args.shortcut.user.id, noteMessage(`:warning: ${text}`)),
    }),
  );
}
