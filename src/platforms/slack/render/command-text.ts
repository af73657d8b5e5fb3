import { API_SCOPES } from '../../../app/api/tokens.ts';
import type { ChangeRecord } from '../../../domain/change/change.ts';
import type { ChangeCardView } from '../../../domain/views/change-card.ts';
import { countWasCapped, moreLabel } from '../../../domain/views/list-page.ts';
import { COMMAND } from '../ids.ts';
import { type Block, context, header, section } from './blocks.ts';
import { nextStep, type SlackMessage } from './card.ts';
import { changeLine } from './change-line.ts';
import { LIMITS } from './limits.ts';
import { fitMrkdwn, packLines } from './mrkdwn.ts';
import { scheduleWarningLine } from './schedule-card.ts';

/** Every `/change` subcommand: how to type it, its short form in the manifests' usage hint, what it does. */
export const SUBCOMMANDS: readonly {
  readonly usage: string;
  readonly hint: string;
  readonly what: string;
}[] = [
  { usage: 'new', hint: 'new', what: 'raise a change (opens the form)' },
  {
    usage: 'list',
    hint: 'list',
    what: 'your open changes, those waiting for your vote, and the next 7 days',
  },
  { usage: 'show CHG-1042', hint: 'show CHG-1', what: 'everything about one change' },
  {
    usage: 'explain CHG-1042',
    hint: 'explain CHG-1',
    what: 'why it needs the approval it needs, who may still vote, what is missing',
  },
  {
    usage: 'edit CHG-1042',
    hint: 'edit CHG-1',
    what: 'edit your change before it starts (earlier votes stop counting)',
  },
  { usage: 'cancel CHG-1042 [reason]', hint: 'cancel CHG-1', what: 'withdraw your change' },
  { usage: 'start CHG-1042', hint: 'start CHG-1', what: 'start implementing it (inside its window)' },
  { usage: 'complete CHG-1042', hint: 'complete CHG-1', what: 'record how it went' },
  {
    usage: 'review CHG-1042',
    hint: 'review CHG-1',
    what: 'record its post-implementation review (this closes it)',
  },
  {
    usage: 'object CHG-1042 <reason>',
    hint: 'object CHG-1 …',
    what: 'object to a change in its objection window (it then needs a normal vote)',
  },
  {
    usage: 'delegate @someone [from 2026-12-20] until 2026-12-24',
    hint: 'delegate @someone until …',
    what: 'let someone vote for you while you are away',
  },
  { usage: 'undelegate', hint: 'undelegate', what: 'end your delegation early' },
  {
    usage: 'metrics [7d|30d|90d] [service]',
    hint: 'metrics 30d',
    what: 'change and release metrics with a weekly chart, by direct message',
  },
  {
    usage: 'export 2026-01-01 2026-03-31 [csv|json]',
    hint: 'export',
    what: 'change managers: the audit evidence of a period as a zip, by direct message',
  },
  {
    usage: 'calendar [days] [page]',
    hint: 'calendar',
    what: 'the change calendar by day (7 days unless you say), with freezes and conflicts; `calendar feed` makes a secret ICS link, `calendar revoke` turns yours off',
  },
  {
    usage: 'token create NAME SCOPE[,SCOPE] | token list | token revoke NAME',
    hint: 'token …',
    what: `change managers: API tokens for CI/CD pipelines (scopes: ${API_SCOPES.join(', ')}), answered privately; a new token is shown once`,
  },
  { usage: 'help', hint: 'help', what: 'this help' },
];

/** The slash command's usage hint, as both Slack manifests declare it. */
export const USAGE_HINT = `[${SUBCOMMANDS.map((s) => s.hint).join(' | ')}]`;

const USAGE = SUBCOMMANDS.map(({ usage, what }) =>
  usage === 'new' ? `\`${COMMAND}\` or \`${COMMAND} new\` — ${what}` : `\`${COMMAND} ${usage}\` — ${what}`,
);

/** The help text; `unknown` is what the person typed when it was not a subcommand (shown escaped). */
export function helpMessage(unknown: string | null = null): SlackMessage {
  const hint =
    unknown === null
      ? null
      : `I don't know \`${fitMrkdwn(unknown, 100).text}\`. Here is what \`${COMMAND}\` does:`;
  const text = [hint ?? `*What \`${COMMAND}\` does*`, ...USAGE.map((u) => `• ${u}`)].join('\n');
  const blocks: Block[] = [
    section(text),
    context(['You can also raise a change from any message: *More actions* (⋯) → *Raise a change*.']),
  ];
  return { text: hint ?? `${COMMAND} help`, blocks };
}

export interface ListInput {
  readonly mine: readonly ChangeRecord[];
  readonly awaitingMyVote: readonly ChangeRecord[];
  readonly scheduledSoon: readonly ChangeRecord[];
  readonly timezone: string;
  /** How many each list holds in all (counted up to the page's offset + COUNT_CAP), when the lists are one page of it. */
  readonly totals?: {
    readonly mine: number;
    readonly awaitingMyVote: number;
    readonly scheduledSoon: number;
  };
  /** Which page the lists are (1 = the first), LIST_PAGE_SIZE items each. */
  readonly page?: number;
}

/** How many changes each list of `/change list` shows per page. */
export const LIST_PAGE_SIZE = 15;

/** `/change list [page]`: three short lists, each cut to one section, and where the next page is. */
export function listMessage(input: ListInput): SlackMessage {
  const page = input.page ?? 1;
  const offset = (page - 1) * LIST_PAGE_SIZE;
  const part = (
    title: string,
    changes: readonly ChangeRecord[],
    empty: string,
    total = offset + changes.length,
  ): Block[] => {
    // Every change of the page is shown, in as many sections as it takes: the next page starts after them.
    // A page is LIST_PAGE_SIZE changes (at most 150-character titles), so three lists stay within 50 blocks.
    const shown = changes.slice(0, LIST_PAGE_SIZE);
    const more = moreLabel({ total, offset }, shown.length);
    const lines = packLines(
      shown.map((c) => changeLine(c, input.timezone)),
      LIMITS.sectionText,
    ).map((text) => section(text));
    return [
      header(title),
      ...(changes.length === 0
        ? [context([offset > 0 && total > 0 ? `No more on page ${page}.` : empty])]
        : lines),
      ...(more ? [context([`…and ${more} more: \`${COMMAND} list ${page + 1}\``])] : []),
    ];
  };
  const totals = input.totals ?? {
    mine: offset + input.mine.length,
    awaitingMyVote: offset + input.awaitingMyVote.length,
    scheduledSoon: offset + input.scheduledSoon.length,
  };
  const blocks = [
    ...part('Your open changes', input.mine, 'You have no open change requests.', totals.mine),
    ...part(
      'Waiting for your vote',
      input.awaitingMyVote,
      'Nothing is waiting for your vote.',
      totals.awaitingMyVote,
    ),
    ...part(
      'Scheduled in the next 7 days',
      input.scheduledSoon,
      'Nothing is scheduled in the next 7 days.',
      totals.scheduledSoon,
    ),
  ];
  const count = (n: number) =>
    countWasCapped({ total: n, offset }) ? `${n.toLocaleString('en')}+` : n.toLocaleString('en');
  const text = `${count(totals.mine)} open, ${count(totals.awaitingMyVote)} waiting for your vote, ${count(totals.scheduledSoon)} in the next 7 days`;
  return { text, blocks };
}

/** A one-line private reply (already escaped where it quotes people). */
export const noteMessage = (mrkdwn: string): SlackMessage => ({ text: mrkdwn, blocks: [section(mrkdwn)] });

/** The private confirmation after raising a change: its id, its risk and what happens next. */
export function raisedMessage(card: ChangeCardView, riskScore: number): SlackMessage {
  const next = nextStep(card);
  const lead = `:white_check_mark: *${card.key} is raised* — ${card.typeLabel} change, *${card.riskLabel} risk* (score ${riskScore}).`;
  const lines = [lead, scheduleWarningLine(card), next].filter((l): l is string => Boolean(l));
  return noteMessage(lines.join('\n'));
}

/** The private confirmation after an edit: the new version, what that does to votes, and what happens next. */
export function editedMessage(card: ChangeCardView, reopened: boolean): SlackMessage {
  const votes = card.type === 'standard' ? '' : '; earlier votes no longer count';
  const approval = reopened ? '; its approval is reopened' : '';
  const lead = `:pencil2: ${card.key} is now version ${card.version}${votes}${approval}.`;
  const next = nextStep(card);
  const lines = [lead, scheduleWarningLine(card), next].filter((l): l is string => Boolean(l));
  return noteMessage(lines.join('\n'));
}
