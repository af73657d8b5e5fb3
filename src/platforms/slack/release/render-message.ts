import type { ReleaseNoteLine } from '../../../domain/release/notes.ts';
import type { ReleaseMessageView } from '../../../domain/release/views.ts';
import { actions, type Block, button, capBlocks, context, section } from '../render/blocks.ts';
import type { SlackMessage } from '../render/card.ts';
import { LIMITS } from '../render/limits.ts';
import { escapeMrkdwn, fitLines, fitMrkdwn, oneLine, safeLink } from '../render/mrkdwn.ts';
import { encodeReleaseRef, RELEASE_ACTION } from './ids.ts';
import { changeLineText } from './render-card.ts';

/** How many unapproved changes get their own nudge/drop buttons (the rest are listed). */
const MAX_CHANGE_ROWS = 10;

export function noteLine(n: ReleaseNoteLine): string {
  const title = n.link ? safeLink(n.link, oneLine(n.title)) : fitMrkdwn(oneLine(n.title), 200).text;
  const services = n.services.length > 0 ? ` · ${n.services.map(escapeMrkdwn).join(', ')}` : '';
  return `• *${n.key}* ${title} (${n.type}${services}) — ${escapeMrkdwn(oneLine(n.requester))}`;
}

/** Release notes as one section: the included changes, one line each. */
export const notesText = (notes: readonly ReleaseNoteLine[]): string =>
  notes.length === 0 ? '_No changes were included._' : fitLines(notes.map(noteLine), LIMITS.sectionText - 40);

/**
 * A reminder or announcement: the headline, the unapproved changes each with Nudge approvers and Drop
 * buttons (for the release manager), and release notes when it carries them.
 */
export function renderReleaseMessage(message: ReleaseMessageView): SlackMessage {
  const late = message.late ? ' _(sent late: Changeboard was down when it was due)_' : '';
  const blocks: Block[] = [section(`*${fitMrkdwn(message.headline, 500).text}*${late}`)];
  if (message.lines.length > 0)
    blocks.push(
      section(
        fitLines(
          message.lines.map((l) => fitMrkdwn(l, 1500).text),
          LIMITS.sectionText,
        ),
      ),
    );
  if (message.unapproved.length > 0) {
    blocks.push(section(`*Not approved yet (${message.unapproved.length}):*`));
    for (const line of message.unapproved.slice(0, MAX_CHANGE_ROWS)) {
      const ref = encodeReleaseRef({ releaseId: message.releaseId, changeId: line.changeId });
      blocks.push(section(changeLineText(line)));
      blocks.push(
        actions(
          [
            ...(line.waitingOn.length > 0 ? [button('Nudge approvers', RELEASE_ACTION.nudge, ref)] : []),
            button('Drop from release', RELEASE_ACTION.drop, ref, { style: 'danger' }),
          ],
          `release.change.${message.releaseId}.${line.changeId}`,
        ),
      );
    }
    if (message.unapproved.length > MAX_CHANGE_ROWS)
      blocks.push(context([`…and ${message.unapproved.length - MAX_CHANGE_ROWS} more on the release card.`]));
  }
  if (message.notes) blocks.push(section(`*Release notes*\n${notesText(message.notes)}`));
  const text = `${fitMrkdwn(message.headline, 500).text}${message.late ? ' (late)' : ''}`;
  return { text, blocks: capBlocks(blocks, LIMITS.messageBlocks) };
}
