import type { types } from '@slack/bolt';
import type { ChangeRecord } from '../../../domain/change/change.ts';
import { ACTION, encodeRef } from '../ids.ts';
import { actions, type Block, button, capBlocks, context, divider, header, section } from './blocks.ts';
import { changeLine } from './change-line.ts';
import { LIMITS } from './limits.ts';

export interface HomeInput {
  readonly mine: readonly ChangeRecord[];
  readonly awaitingMyVote: readonly ChangeRecord[];
  readonly scheduledSoon: readonly ChangeRecord[];
  readonly timezone: string;
}

/** How many changes each App Home list shows; the rest is one `/change list` away. */
export const HOME_LIST_MAX = 10;

function list(
  id: string,
  title: string,
  changes: readonly ChangeRecord[],
  empty: string,
  tz: string,
  withButtons: boolean,
): Block[] {
  const blocks: Block[] = [header(title)];
  if (changes.length === 0) return [...blocks, context([empty])];
  for (const change of changes.slice(0, HOME_LIST_MAX)) {
    blocks.push(section(changeLine(change, tz)));
    const ref = encodeRef({ changeId: change.id, version: change.version });
    const details = button('Details', ACTION.details, encodeRef({ changeId: change.id }));
    blocks.push(
      actions(
        withButtons
          ? [
              button('Approve', ACTION.approve, ref, { style: 'primary' }),
              button('Reject', ACTION.reject, ref, { style: 'danger' }),
              button('Request info', ACTION.requestInfo, ref),
              details,
            ]
          : [details],
        `home.${id}.${change.id}`,
      ),
    );
  }
  if (changes.length > HOME_LIST_MAX) {
    blocks.push(context([`…and ${changes.length - HOME_LIST_MAX} more: \`/change list\``]));
  }
  return blocks;
}

/** The App Home tab: my open requests, approvals waiting for me (with their buttons), the next seven days. */
export function renderHome(input: HomeInput): types.HomeView {
  const tz = input.timezone;
  const blocks: Block[] = [
    section('*Changeboard* keeps change requests, CAB approvals and the change schedule in Slack.'),
    actions([button('Raise a change', ACTION.newChange, 'new', { style: 'primary' })], 'home.new'),
    divider(),
    ...list(
      'vote',
      'Waiting for your vote',
      input.awaitingMyVote,
      'Nothing is waiting for your vote.',
      tz,
      true,
    ),
    divider(),
    ...list('mine', 'Your open requests', input.mine, 'You have no open change requests.', tz, false),
    divider(),
    ...list(
      'soon',
      'Scheduled in the next 7 days',
      input.scheduledSoon,
      'No changes are scheduled in the next 7 days.',
      tz,
      false,
    ),
  ];
  return { type: 'home', blocks: capBlocks(blocks, LIMITS.viewBlocks) };
}
