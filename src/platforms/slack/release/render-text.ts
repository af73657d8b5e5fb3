import type { types } from '@slack/bolt';
import type { ReleaseRecord } from '../../../db/release-repo.ts';
import { RELEASE_OUTCOME_LABELS, RELEASE_STATE_LABELS } from '../../../domain/release/lifecycle.ts';
import type { ReleaseNoteLine } from '../../../domain/release/notes.ts';
import { formatReleaseKey } from '../../../domain/release/release-key.ts';
import { RELEASE_OUTCOMES, type ReleaseModel } from '../../../domain/release/types.ts';
import { type Block, capBlocks, context, header, plain, section } from '../render/blocks.ts';
import type { SlackMessage } from '../render/card.ts';
import { LIMITS } from '../render/limits.ts';
import { escapeMrkdwn, fitLines, fitMrkdwn, oneLine, slackDate } from '../render/mrkdwn.ts';
import { encodeReleaseRef, RELEASE_COMMAND, RELEASE_VIEW } from './ids.ts';
import { notesText } from './render-message.ts';

/** Every `/release` subcommand: usage, short hint (the manifests' usage hint), what it does. */
export const RELEASE_SUBCOMMANDS = [
  { usage: 'new', hint: 'new', what: 'plan a release (opens the form)' },
  { usage: 'list', hint: 'list', what: 'upcoming releases and the ones you manage' },
  { usage: 'show REL-12', hint: 'show REL-1', what: 'the card of one release' },
  { usage: 'add CHG-1042 REL-12', hint: 'add CHG-1 REL-1', what: 'include a change in a release' },
  { usage: 'remove CHG-1042 REL-12', hint: 'remove CHG-1 REL-1', what: 'drop a change from a release' },
  { usage: 'start REL-12', hint: 'start REL-1', what: 'start the release (every change must be approved)' },
  { usage: 'complete REL-12', hint: 'complete REL-1', what: 'record the outcome and notes' },
  { usage: 'expose REL-12 flag on for 10 %', hint: 'expose REL-1 …', what: 'record an exposure step' },
  {
    usage: 'move REL-12 2026-03-12T10:00',
    hint: 'move REL-1 …',
    what: "move the window (in the model's zone)",
  },
  { usage: 'cancel REL-12 [reason]', hint: 'cancel REL-1', what: 'cancel a release that has not started' },
  { usage: 'skip REL-12 | skip MODEL', hint: 'skip REL-1', what: "skip an instance (or a train's next one)" },
  { usage: 'notes REL-12', hint: 'notes REL-1', what: 'the release notes' },
  { usage: 'help', hint: 'help', what: 'this help' },
] as const;

export const RELEASE_USAGE_HINT = `[${RELEASE_SUBCOMMANDS.map((s) => s.hint).join(' | ')}]`.slice(0, 1000);

export const note = (mrkdwn: string): SlackMessage => ({ text: mrkdwn, blocks: [section(mrkdwn)] });

export function releaseHelp(unknown?: string): SlackMessage {
  const lead = unknown
    ? `\`${escapeMrkdwn(unknown.slice(0, 40))}\` is not a ${RELEASE_COMMAND} command. Here is what is:`
    : `*${RELEASE_COMMAND}* plans and runs releases:`;
  const lines = RELEASE_SUBCOMMANDS.map((s) => `\`${RELEASE_COMMAND} ${s.usage}\` — ${s.what}`);
  return { text: lead, blocks: [section(lead), section(lines.join('\n'))] };
}

const releaseLine = (r: ReleaseRecord, tz: string) =>
  `*${formatReleaseKey(r.id)}* ${fitMrkdwn(oneLine(r.name), 200).text} — ${RELEASE_STATE_LABELS[r.state]}, ${slackDate(r.plannedStart, tz)}`;

/** Rows for lists (`/release list`, App Home). */
export function releaseListBlocks(
  title: string,
  releases: readonly ReleaseRecord[],
  empty: string,
  tz: string,
): Block[] {
  return [
    header(title),
    releases.length === 0
      ? context([empty])
      : section(
          fitLines(
            releases.map((r) => releaseLine(r, tz)),
            LIMITS.sectionText,
          ),
        ),
  ];
}

export function releaseList(input: {
  mine: readonly ReleaseRecord[];
  upcoming: readonly ReleaseRecord[];
  tz: string;
}): SlackMessage {
  const blocks = [
    ...releaseListBlocks('Releases you manage', input.mine, 'You manage no open releases.', input.tz),
    ...releaseListBlocks('Upcoming releases', input.upcoming, 'No releases in the next 30 days.', input.tz),
  ];
  return { text: 'Releases', blocks: capBlocks(blocks, LIMITS.messageBlocks) };
}

export function notesMessage(key: string, name: string, notes: readonly ReleaseNoteLine[]): SlackMessage {
  const head = `*Release notes of ${key} ${fitMrkdwn(oneLine(name), 200).text}*`;
  return { text: head, blocks: [section(head), section(notesText(notes))] };
}

const modal = (
  callbackId: string,
  title: string,
  blocks: Block[],
  meta: string | null,
  submit: string,
): types.ModalView => ({
  type: 'modal',
  callback_id: callbackId,
  title: plain(title, LIMITS.viewTitle),
  submit: plain(submit, LIMITS.viewSubmit),
  close: plain('Cancel', LIMITS.viewSubmit),
  ...(meta ? { private_metadata: meta } : {}),
  blocks,
});

const option = (text: string, value: string): types.PlainTextOption => ({
  text: plain(text, LIMITS.optionText),
  value,
});

/** The release form: which model, a name or version, the planned start, the window length. */
export function releaseFormModal(models: readonly ReleaseModel[]): types.ModalView {
  const first = models[0];
  return modal(
    RELEASE_VIEW.form,
    'Plan a release',
    [
      {
        type: 'input',
        block_id: 'model',
        label: plain('Release model', LIMITS.inputLabel),
        element: {
          type: 'static_select',
          action_id: 'model',
          options: models.slice(0, LIMITS.selectOptions).map((m) => option(m.name, m.id)),
          ...(first ? { initial_option: option(first.name, first.id) } : {}),
        },
      },
      {
        type: 'input',
        block_id: 'name',
        optional: true,
        label: plain('Name or version', LIMITS.inputLabel),
        hint: plain('e.g. "Payments 1.2.1". Left empty, the model name and date.', LIMITS.inputHint),
        element: { type: 'plain_text_input', action_id: 'name', max_length: 150 },
      },
      {
        type: 'input',
        block_id: 'start',
        label: plain('Planned start', LIMITS.inputLabel),
        element: { type: 'datetimepicker', action_id: 'start' },
      },
      {
        type: 'input',
        block_id: 'window',
        optional: true,
        label: plain('Window length', LIMITS.inputLabel),
        hint: plain("A duration such as 2h or 90m; left empty, the model's.", LIMITS.inputHint),
        element: { type: 'plain_text_input', action_id: 'window', max_length: 20 },
      },
    ],
    null,
    'Plan',
  );
}

/** Complete a release: its outcome and the notes everyone reads in the announcement. */
export function completeReleaseModal(key: string, releaseId: number): types.ModalView {
  return modal(
    RELEASE_VIEW.complete,
    `Complete ${key}`,
    [
      {
        type: 'input',
        block_id: 'outcome',
        label: plain('How did it go?', LIMITS.inputLabel),
        element: {
          type: 'static_select',
          action_id: 'outcome',
          options: RELEASE_OUTCOMES.map((o) => option(RELEASE_OUTCOME_LABELS[o], o)),
        },
      },
      {
        type: 'input',
        block_id: 'notes',
        optional: true,
        label: plain('Notes', LIMITS.inputLabel),
        hint: plain('Shown in the completion announcement with the release notes.', LIMITS.inputHint),
        element: { type: 'plain_text_input', action_id: 'notes', multiline: true, max_length: 2000 },
      },
    ],
    encodeReleaseRef({ releaseId }),
    'Complete',
  );
}
