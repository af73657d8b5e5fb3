import type { types } from '@slack/bolt';
import { OUTCOMES } from '../../../domain/change/types.ts';
import type { ChangeCardView } from '../../../domain/views/change-card.ts';
import { OUTCOME_LABELS } from '../../../domain/views/change-card.ts';
import { type ChangeRef, encodeRef, type QuestionRef, type VersionRef, VIEW } from '../ids.ts';
import { type Block, capBlocks, context, divider, fields, header, plain, section } from './blocks.ts';
import { nameList, nextStep, windowText } from './card.ts';
import { LIMITS } from './limits.ts';
import { escapeMrkdwn, fitMrkdwn, oneLine, safeLink } from './mrkdwn.ts';

const modal = (
  callbackId: string,
  title: string,
  blocks: Block[],
  opts: { submit?: string; close?: string; meta?: string } = {},
): types.ModalView => ({
  type: 'modal',
  callback_id: callbackId,
  title: plain(title, LIMITS.viewTitle),
  ...(opts.submit ? { submit: plain(opts.submit, LIMITS.viewSubmit) } : {}),
  close: plain(opts.close ?? 'Close', LIMITS.viewSubmit),
  ...(opts.meta ? { private_metadata: opts.meta } : {}),
  blocks: capBlocks(blocks, LIMITS.viewBlocks),
});

const textInput = (
  blockId: string,
  label: string,
  opts: { optional?: boolean; placeholder?: string; hint?: string } = {},
): types.InputBlock => ({
  type: 'input',
  block_id: blockId,
  label: plain(label, LIMITS.inputLabel),
  optional: opts.optional ?? false,
  ...(opts.hint ? { hint: plain(opts.hint, LIMITS.inputHint) } : {}),
  element: {
    type: 'plain_text_input',
    action_id: blockId,
    multiline: true,
    max_length: 3000,
    ...(opts.placeholder ? { placeholder: plain(opts.placeholder, 150) } : {}),
  },
});

/** Reject (reason required) or Request info (the question); the submission carries only `{changeId, version}`. */
export function voteReasonModal(
  kind: 'reject' | 'request_info',
  card: ChangeCardView,
  ref: VersionRef,
): types.ModalView {
  const title = kind === 'reject' ? `Reject ${card.key}` : `Ask about ${card.key}`;
  const lead = section(`*${escapeMrkdwn(card.key)}* ${fitMrkdwn(oneLine(card.title), 500).text}`);
  const input =
    kind === 'reject'
      ? textInput('reason', 'Why do you reject it?', { hint: 'The requester and the CAB see this reason.' })
      : textInput('reason', 'What do you need to know?', {
          hint: 'The requester gets your question by direct message.',
        });
  return modal(kind === 'reject' ? VIEW.reject : VIEW.requestInfo, title, [lead, input], {
    submit: kind === 'reject' ? 'Reject' : 'Ask',
    close: 'Cancel',
    meta: encodeRef(ref),
  });
}

export function answerModal(
  question: { asker: string; question: string; key: string },
  ref: QuestionRef,
): types.ModalView {
  const quote = `*${escapeMrkdwn(oneLine(question.asker))}* asks about *${question.key}*:\n>${fitMrkdwn(question.question, 2800).text.replace(/\n/g, '\n>')}`;
  return modal(
    VIEW.answer,
    `Answer on ${question.key}`,
    [section(quote), textInput('answer', 'Your answer')],
    {
      submit: 'Send',
      close: 'Cancel',
      meta: encodeRef(ref),
    },
  );
}

/** Complete with outcome: how it went, a note, and how many incidents it caused. */
export function completeModal(card: Pick<ChangeCardView, 'key' | 'title'>, ref: ChangeRef): types.ModalView {
  const options = OUTCOMES.map((o) => ({ text: plain(OUTCOME_LABELS[o], LIMITS.optionText), value: o }));
  const blocks: Block[] = [
    section(`*${card.key}* ${fitMrkdwn(oneLine(card.title), 500).text}`),
    {
      type: 'input',
      block_id: 'outcome',
      label: plain('Outcome'),
      element: { type: 'static_select', action_id: 'outcome', options, initial_option: options[0]! },
    },
    textInput('note', 'Notes', { optional: true, hint: 'What happened; required reading for the review.' }),
    {
      type: 'input',
      block_id: 'incidentsCaused',
      label: plain('Incidents caused'),
      element: {
        type: 'number_input',
        action_id: 'incidentsCaused',
        is_decimal_allowed: false,
        min_value: '0',
        initial_value: '0',
      },
    },
  ];
  return modal(VIEW.complete, `Complete ${card.key}`, blocks, {
    submit: 'Complete',
    close: 'Cancel',
    meta: encodeRef(ref),
  });
}

/** The answers of the review modal's "met its goal?" radio buttons. */
export const MET_GOAL = { yes: 'yes', no: 'no' } as const;

/** The post-implementation review: did it meet its goal, a summary (required) and the lessons learnt. */
export function reviewModal(
  card: Pick<ChangeCardView, 'key' | 'title' | 'outcome'>,
  ref: ChangeRef,
): types.ModalView {
  const options: types.PlainTextOption[] = [
    { text: plain('Yes', LIMITS.optionText), value: MET_GOAL.yes },
    { text: plain('No', LIMITS.optionText), value: MET_GOAL.no },
  ];
  const blocks: Block[] = [section(`*${card.key}* ${fitMrkdwn(oneLine(card.title), 500).text}`)];
  if (card.outcome) {
    const note = card.outcome.note ? ` — ${fitMrkdwn(oneLine(card.outcome.note), 500).text}` : '';
    blocks.push(context([`*Outcome:* ${card.outcome.label}${note}`]));
  }
  blocks.push(
    {
      type: 'input',
      block_id: 'metGoal',
      label: plain('Did the change meet its goal?', LIMITS.inputLabel),
      element: { type: 'radio_buttons', action_id: 'metGoal', options },
    },
    textInput('summary', 'Summary', {
      hint: 'How it went, incidents included; kept with the change for audits.',
    }),
    textInput('lessons', 'Lessons learnt', {
      optional: true,
      hint: 'What the next change like this should do differently.',
    }),
  );
  return modal(VIEW.review, `Review ${card.key}`, blocks, {
    submit: 'Record review',
    close: 'Cancel',
    meta: encodeRef(ref),
  });
}

/** A private note where there is no channel to answer in (App Home, a modal). */
export function noteModal(text: string): types.ModalView {
  return modal(VIEW.note, 'Changeboard', [section(text)]);
}

/** Splits escaped text into sections of at most 3,000 characters (a 3,000-character plan can grow when escaped). */
export function longText(label: string, raw: string): Block[] {
  if (raw.trim() === '') return [];
  const escaped = escapeMrkdwn(raw);
  const blocks: Block[] = [];
  let rest = escaped;
  let first = true;
  while (rest.length > 0) {
    const headroom = first ? label.length + 4 : 0;
    let piece = rest.slice(0, LIMITS.sectionText - headroom);
    // Do not split an entity: move a trailing partial `&…` to the next section.
    const amp = piece.lastIndexOf('&');
    if (amp > piece.lastIndexOf(';') && piece.length < rest.length) piece = piece.slice(0, amp);
    blocks.push(section(first ? `*${label}*\n${piece}` : piece));
    rest = rest.slice(piece.length);
    first = false;
  }
  return blocks;
}

/** Everything about a change, in full: the target of "Show full plan" and of `/change show`. */
export function detailsModal(card: ChangeCardView, tz: string): types.ModalView {
  const blocks: Block[] = [
    header(oneLine(card.title)),
    section(`${card.typeLabel} change  ·  *${card.riskLabel} risk*  ·  ${card.stateLabel}`),
    fields([
      `*Window*\n${windowText(card, tz)}`,
      `*Services*\n${card.services.map(escapeMrkdwn).join(', ') || '—'}`,
      `*Requested by*\n${escapeMrkdwn(card.requesterName)}`,
      card.type === 'standard'
        ? `*Change model*\n${escapeMrkdwn(card.modelName ?? '—')}`
        : `*Change authority*\n${escapeMrkdwn(card.boardName ?? '—')}${card.tally ? ` (${card.tally.ruleLabel})` : ''}`,
    ]),
    ...longText('Description', card.description),
    ...longText('Justification', card.justification),
    ...longText('Implementation plan', card.implementationPlan),
    ...longText('Backout plan', card.backoutPlan),
    ...longText('Test plan', card.testPlan),
  ];
  if (card.sourceLink) blocks.push(context([`Raised from ${safeLink(card.sourceLink, 'a Slack message')}`]));
  blocks.push(divider());
  if (card.tally) {
    const approvers = card.votes.filter((v) => v.decision === 'approve').map((v) => v.name);
    blocks.push(
      section(
        `*Approvals:* ${card.tally.approvals} of ${card.tally.required} (${nameList(approvers)})  ·  *Rejections:* ${card.tally.rejections}`,
      ),
    );
  }
  const next = nextStep(card);
  if (next) blocks.push(context([next]));
  return modal(VIEW.details, card.key, blocks);
}
