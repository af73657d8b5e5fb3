import type { ChangeRecord } from '../../../domain/change/change.ts';
import type { ChangeCardView } from '../../../domain/views/change-card.ts';
import { COMMAND } from '../ids.ts';
import { type Block, context, header, section } from './blocks.ts';
import { nextStep, type SlackMessage } from './card.ts';
import { changeLine } from './change-line.ts';
import { LIMITS } from './limits.ts';
import { fitLines, fitMrkdwn } from './mrkdwn.ts';
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
    usage: 'calendar [days] [page]',
    hint: 'calendar',
    what: 'the change calendar by day (7 days unless you say), with freezes and conflicts; `calendar feed` makes a secret ICS link, `calendar revoke` turns yours off',
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
}

/** `/change list`: three short lists, each cut to one section. */
export function listMessage(input: ListInput): SlackMessage {
  const part = (title: string, changes: readonly ChangeRecord[], empty: string): Block[] => [
    header(title),
    changes.length === 0
      ? context([empty])
      : section(
          fitLines(
            changes.map((c) => changeLine(c, input.timezone)),
            LIMITS.sectionText,
          ),
        ),
  ];
  const blocks = [
    ...part('Your open changes', input.mine, 'You have no open change requests.'),
    ...part('Waiting for your vote', input.awaitingMyVote, 'Nothing is waiting for your vote.'),
    ...part('Scheduled in the next 7 days', input.scheduledSoon, 'Nothing is scheduled in the next 7 days.'),
  ];
  const text = `${input.mine.length} open, ${input.awaitingMyVote.length} waiting for your vote, ${input.scheduledSoon.length} in the next 7 days`;
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
