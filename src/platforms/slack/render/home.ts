import type { types } from '@slack/bolt';
import type { CalendarPage } from '../../../app/schedule/calendar.ts';
import type { ReleaseRecord } from '../../../db/release-repo.ts';
import type { ChangeRecord } from '../../../domain/change/change.ts';
import { moreLabel } from '../../../domain/views/list-page.ts';
import { ACTION, encodeRef } from '../ids.ts';
import { releaseListBlocks } from '../release/render-text.ts';
import {
  actions,
  type Block,
  type Button,
  button,
  capBlocks,
  context,
  divider,
  header,
  section,
} from './blocks.ts';
import { renderCalendarBlocks } from './calendar.ts';
import { changeLine } from './change-line.ts';
import { LIMITS } from './limits.ts';

export interface HomeInput {
  readonly mine: readonly ChangeRecord[];
  readonly awaitingMyVote: readonly ChangeRecord[];
  readonly scheduledSoon: readonly ChangeRecord[];
  readonly timezone: string;
  /** How many each list holds in all (counted up to COUNT_CAP); the lists themselves may be just a page. */
  readonly totals?: {
    readonly mine: number;
    readonly awaitingMyVote: number;
    readonly scheduledSoon: number;
  };
  /** Release management: the releases this person manages and the upcoming ones (shown when given). */
  readonly releases?: {
    readonly mine: readonly ReleaseRecord[];
    readonly upcoming: readonly ReleaseRecord[];
  };
  /** The next seven days as the change calendar (by day, freezes and conflicts); replaces the plain list. */
  readonly calendar?: CalendarPage;
}

/** How many changes each App Home list shows; the rest is one `/change list` away. */
export const HOME_LIST_MAX = 10;

/** The buttons of one row: the vote buttons where a vote is awaited, Record review where a review is due. */
type RowButtons = (change: ChangeRecord) => Button[];

const detailsOnly: RowButtons = (change) => [
  button('Details', ACTION.details, encodeRef({ changeId: change.id })),
];

const voteButtons: RowButtons = (change) => {
  const ref = encodeRef({ changeId: change.id, version: change.version });
  return [
    button('Approve', ACTION.approve, ref, { style: 'primary' }),
    button('Reject', ACTION.reject, ref, { style: 'danger' }),
    button('Request info', ACTION.requestInfo, ref),
    ...detailsOnly(change),
  ];
};

const ownButtons: RowButtons = (change) =>
  change.state === 'review'
    ? [
        button('Record review', ACTION.review, encodeRef({ changeId: change.id }), { style: 'primary' }),
        ...detailsOnly(change),
      ]
    : detailsOnly(change);

function list(
  id: string,
  title: string,
  changes: readonly ChangeRecord[],
  empty: string,
  tz: string,
  buttonsOf: RowButtons,
  total = changes.length,
): Block[] {
  const blocks: Block[] = [header(title)];
  if (changes.length === 0) return [...blocks, context([empty])];
  for (const change of changes.slice(0, HOME_LIST_MAX)) {
    blocks.push(section(changeLine(change, tz)));
    blocks.push(actions(buttonsOf(change), `home.${id}.${change.id}`));
  }
  const more = moreLabel({ total, offset: 0 }, Math.min(changes.length, HOME_LIST_MAX));
  if (more) blocks.push(context([`…and ${more} more: \`/change list\``]));
  return blocks;
}

/** The calendar on App Home: its days, and where the rest is when it does not fit on one page. */
function homeCalendar(calendar: CalendarPage): Block[] {
  const blocks = renderCalendarBlocks(calendar, { withHeader: false, pageButtons: false });
  if (calendar.view.pageCount > 1)
    blocks.push(context([`…more in \`/change calendar 7 2\` (${calendar.view.pageCount} pages)`]));
  return blocks;
}

/** The App Home tab: approvals waiting for me (with their buttons), my open requests (a due review with its button), the next seven days. */
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
      voteButtons,
      input.totals?.awaitingMyVote,
    ),
    divider(),
    ...list(
      'mine',
      'Your open requests',
      input.mine,
      'You have no open change requests.',
      tz,
      ownButtons,
      input.totals?.mine,
    ),
    divider(),
    ...(input.calendar
      ? [header('Scheduled in the next 7 days'), ...homeCalendar(input.calendar)]
      : list(
          'soon',
          'Scheduled in the next 7 days',
          input.scheduledSoon,
          'No changes are scheduled in the next 7 days.',
          tz,
          detailsOnly,
          input.totals?.scheduledSoon,
        )),
    ...(input.releases
      ? [
          divider(),
          ...releaseListBlocks(
            'Releases you manage',
            input.releases.mine,
            'You manage no open releases.',
            tz,
          ),
          ...releaseListBlocks(
            'Upcoming releases',
            input.releases.upcoming,
            'No releases in the next 30 days.',
            tz,
          ),
        ]
      : []),
  ];
  return { type: 'home', blocks: capBlocks(blocks, LIMITS.viewBlocks) };
}
