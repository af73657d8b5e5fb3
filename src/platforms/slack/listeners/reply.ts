import type { BlockAction, RespondFn, webApi } from '@slack/bolt';
import { section } from '../render/blocks.ts';
import type { SlackMessage } from '../render/card.ts';
import { noteModal } from '../render/modals.ts';

type Client = webApi.WebClient;

/** Sends a direct message from the bot to one user. */
export async function sendDm(client: Client, userId: string, message: SlackMessage): Promise<void> {
  const opened = await client.conversations.open({ users: userId });
  const channel = opened.channel?.id;
  if (!channel) throw new Error(`conversations.open returned no channel for ${userId}`);
  await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false });
}

/**
 * A note only the clicker sees: ephemeral through the message's response_url, or a small modal where there is
 * no message (App Home). `text` is mrkdwn, already escaped.
 */
export async function notePrivately(
  args: {
    body: Pick<BlockAction, 'response_url' | 'trigger_id' | 'user'>;
    client: Client;
    respond?: RespondFn;
  },
  text: string,
): Promise<void> {
  const { body, client } = args;
  if (body.response_url && args.respond) {
    await args.respond({
      response_type: 'ephemeral',
      replace_original: false,
      text,
      blocks: [section(text)],
    });
    return;
  }
  await client.views.open({ trigger_id: body.trigger_id, view: noteModal(text) });
}

/** An ephemeral reply to a slash command (the ack body), e.g. `ack(ephemeral(helpMessage()))`. */
export const ephemeral = (message: SlackMessage) => ({
  response_type: 'ephemeral' as const,
  text: message.text,
  blocks: message.blocks,
});
