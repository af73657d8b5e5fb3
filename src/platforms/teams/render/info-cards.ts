import type { Notice as JobNotice } from '../../../app/jobs/kinds.ts';
import type { ChangeRecord } from '../../../domain/change/change.ts';
import { formatChangeKey } from '../../../domain/change/change-key.ts';
import { STATE_LABELS } from '../../../domain/change/lifecycle.ts';
import { type ListPage, moreLabel } from '../../../domain/views/list-page.ts';
import { COMMANDS, MORE_COMMANDS } from '../commands.ts';
import { type AdaptiveCard, type CardElement, card, subCard } from './adaptive-card.ts';
import { CARD_INPUT } from './card-inputs.ts';
import { clip, localDateTime, systemText, userText } from './text.ts';

/** Where the help card was asked for; in a channel or group chat it also tells its id for the policy. */
export interface HelpContext {
  /** The id a board's `channels.teams` takes for this conversation; null in a personal chat. */
  readonly channelId: string | null;
  readonly channelName: string | null;
  /** Set when the message was not a known command. */
  readonly unknown: string | null;
}

/** The help card: every command, and how to register this channel as a CAB channel. */
export function renderHelpCard(ctx: HelpContext): AdaptiveCard {
  const body: CardElement[] = [
    systemText('Changeboard', { style: 'heading', size: 'large', weight: 'bolder' }),
  ];
  if (ctx.unknown) {
    body.push({
      type: 'Container',
      style: 'warning',
      items: [userText(`I don't know "${clip(ctx.unknown, 80)}". Here is what I can do:`)],
    });
  }
  body.push(systemText('Change requests and CAB approvals. In a channel, @mention me before a command.'));
  body.push({
    type: 'FactSet',
    facts: [...COMMANDS, ...MORE_COMMANDS].map((c) => ({ title: c.usage, value: c.description })),
  });
  if (ctx.channelId) {
    body.push(
      systemText('**Use this channel as a CAB channel**', { separator: true }),
      systemText(
        "Add this id under the board's `channels.teams` in the policy file, then restart Changeboard:",
      ),
      userText(ctx.channelId, { weight: 'bolder' }),
    );
    if (ctx.channelName) body.push(userText(`(${ctx.channelName})`, { subtle: true, spacing: 'none' }));
  }
  return card({ body, fallbackText: 'Changeboard help' });
}

const line = (c: ChangeRecord, extra = ''): CardElement =>
  userText(`${formatChangeKey(c.id)} · ${clip(c.title, 80)} · ${STATE_LABELS[c.state]}${extra}`, {
    spacing: 'none',
  });

/** How many changes each list of the "list" card shows per page. */
export const TEAMS_LIST_PAGE = 15;

type ListArg = readonly ChangeRecord[] | ListPage<ChangeRecord>;
const pageOf = (list: ListArg): ListPage<ChangeRecord> =>
  'items' in list ? list : { items: list, total: list.length, offset: 0 };

/**
 * The "list" card: the person's own open changes, what awaits their vote, and what is scheduled soon. Each
 * list is an array (cut at TEAMS_LIST_PAGE) or one page of a longer list, which says where the next page is.
 */
export function renderListCard(lists: {
  mine: ListArg;
  awaitingMe: ListArg;
  soon: ListArg;
  /** Which page the lists are (1 = the first). */
  page?: number;
}): AdaptiveCard {
  const page = lists.page ?? 1;
  const section = (title: string, list: ListArg, empty: string, when = false): CardElement[] => {
    const { items, total, offset } = pageOf(list);
    const shown = items.slice(0, TEAMS_LIST_PAGE);
    const more = moreLabel({ total, offset }, shown.length);
    const paged = 'items' in list;
    return [
      systemText(`**${title}**`, { separator: true }),
      ...(shown.length === 0
        ? [systemText(empty, { isSubtle: true, spacing: 'none' })]
        : shown.flatMap((c) => [
            line(c),
            ...(when
              ? [
                  systemText(localDateTime(c.plannedStart), {
                    isSubtle: true,
                    size: 'small',
                    spacing: 'none',
                  }),
                ]
              : []),
          ])),
      ...(more
        ? [
            systemText(paged ? `…and ${more} more: type "list ${page + 1}".` : `…and ${more} more.`, {
              isSubtle: true,
            }),
          ]
        : []),
    ];
  };
  return card({
    body: [
      systemText('Your changes', { style: 'heading', size: 'large', weight: 'bolder' }),
      ...section('Awaiting your vote', lists.awaitingMe, 'Nothing is waiting for you.'),
      ...section(
        'Raised by you, still open',
        lists.mine,
        'You have no open changes. Type "new" to raise one.',
      ),
      ...section('Scheduled in the next 7 days', lists.soon, 'Nothing scheduled.', true),
      systemText('Type "show CHG-12" to open one.', { isSubtle: true, size: 'small' }),
    ],
    fallbackText: 'Your changes',
  });
}

/** A direct message about a change (approved, rejected, a question…); a question can be answered right here. */
export function renderNoticeCard(notice: JobNotice): AdaptiveCard {
  const body: CardElement[] = [userText(notice.headline, { weight: 'bolder' })];
  if (notice.body) body.push(userText(notice.body, { max: 3000 }));
  const actions =
    notice.questionId === null
      ? []
      : [
          {
            type: 'Action.ShowCard' as const,
            title: 'Answer',
            card: subCard(
              [
                {
                  type: 'Input.Text',
                  id: CARD_INPUT.answer,
                  label: 'Your answer',
                  isMultiline: true,
                  maxLength: 3000,
                  isRequired: true,
                  errorMessage: 'Write an answer before sending.',
                },
              ],
              [
                {
                  type: 'Action.Execute',
                  title: 'Send answer',
                  verb: 'answer',
                  data: { changeId: notice.changeId, questionId: notice.questionId },
                },
              ],
            ),
          },
        ];
  return card({ body, actions, fallbackText: clip(notice.headline, 200) });
}

/** A short reply as a card, for results and refusals (text someone typed stays plain). */
export function renderMessageCard(
  text: string,
  tone: 'good' | 'attention' | 'default' = 'default',
): AdaptiveCard {
  const items: CardElement[] = [userText(text)];
  return card({
    body: tone === 'default' ? items : [{ type: 'Container', style: tone, items }],
    fallbackText: clip(text, 200),
  });
}
