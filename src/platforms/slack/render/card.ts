import type { ChangeCardView } from '../../../domain/views/change-card.ts';
import { ACTION, answerActionId, encodeRef } from '../ids.ts';
import { OBJECT_ACTION } from '../objection-ids.ts';
import {
  actions,
  type Block,
  type Button,
  button,
  capBlocks,
  confirmDialog,
  context,
  divider,
  fields,
  header,
  section,
} from './blocks.ts';
import { LIMITS } from './limits.ts';
import { escapeMrkdwn, fitLines, fitMrkdwn, oneLine, safeLink, slackDate, slackRelative } from './mrkdwn.ts';
import { scheduleSection } from './schedule-card.ts';

export interface SlackMessage {
  /** The notification and accessibility text (mrkdwn, escaped). */
  readonly text: string;
  readonly blocks: Block[];
}

/** How much of each long text a card shows; the "Show full plan" button opens the rest in a modal. */
export const CARD_TEXT_MAX = { description: 900, justification: 600, plan: 600 } as const;

const MAX_ANSWER_BUTTONS = 5;

const TYPE_BADGE = {
  standard: ':large_green_circle: Standard change',
  normal: ':large_blue_circle: Normal change',
  emergency: ':rotating_light: *EMERGENCY CHANGE*',
} as const;

const RISK_BADGE = {
  low: ':white_circle:',
  medium: ':large_yellow_circle:',
  high: ':large_orange_circle:',
  very_high: ':red_circle:',
} as const;

const DECISION_ICON: Record<string, string> = {
  scheduled: ':white_check_mark:',
  implement: ':white_check_mark:',
  review: ':white_check_mark:',
  closed: ':white_check_mark:',
  rejected: ':no_entry:',
  cancelled: ':heavy_multiplication_x:',
  expired: ':hourglass:',
};

/** "Alice", "Alice and Bob", "Alice, Bob and Carol" (names are escaped). */
export function nameList(names: readonly string[]): string {
  const escaped = names.map((n) => `*${escapeMrkdwn(oneLine(n))}*`);
  if (escaped.length <= 1) return escaped[0] ?? 'nobody';
  return `${escaped.slice(0, -1).join(', ')} and ${escaped.at(-1)}`;
}

export function windowText(card: Pick<ChangeCardView, 'windowStart' | 'windowEnd'>, tz: string): string {
  return `${slackDate(card.windowStart, tz)} – ${slackDate(card.windowEnd, tz)}`;
}

/** What happens next, in one sentence, for the requester (also the raise confirmation). */
export function nextStep(card: ChangeCardView): string | null {
  const key = card.key;
  switch (card.state) {
    case 'new':
    case 'assess':
    case 'authorise': {
      const board = card.boardName ? `*${escapeMrkdwn(card.boardName)}*` : 'the change authority';
      const rule = card.tally
        ? ` (${card.tally.ruleLabel}; ${card.tally.approvals} of ${card.tally.required} approvals so far)`
        : '';
      return `Next: ${board} decides${rule}. You will get a direct message for every question and for the decision.`;
    }
    case 'scheduled':
      return card.type === 'standard'
        ? `Pre-approved${card.modelName ? ` by the model *${escapeMrkdwn(card.modelName)}*` : ''}: no vote needed. Start it in its window with *Start* or \`/change start ${key}\`.`
        : `Approved. Start it in its window with *Start* or \`/change start ${key}\`.`;
    case 'implement':
      return `In progress. When it is done, record the outcome with *Complete* or \`/change complete ${key}\`.`;
    case 'review':
      return `Implemented; waiting for the post-implementation review. Record it with *Record review* or \`/change review ${key}\`.`;
    default:
      return null;
  }
}

function badges(card: ChangeCardView): string {
  const risk = `${RISK_BADGE[card.riskLevel]} *${card.riskLabel} risk*`;
  const status = card.decision ? card.stateLabel : `*${card.stateLabel}*`;
  return `${TYPE_BADGE[card.type]}  ·  ${risk}  ·  ${status}`;
}

function summaryFields(card: ChangeCardView, tz: string): string[] {
  const services = card.services.map((s) => escapeMrkdwn(s)).join(', ') || '—';
  const out = [
    `*Window*\n${windowText(card, tz)}`,
    `*Services*\n${services}`,
    `*Requested by*\n${escapeMrkdwn(card.requesterName)}`,
  ];
  if (card.type === 'standard') out.push(`*Change model*\n${escapeMrkdwn(card.modelName ?? '—')}`);
  else if (card.boardName) {
    const rule = card.tally ? ` (${card.tally.ruleLabel})` : '';
    out.push(`*Change authority*\n${escapeMrkdwn(card.boardName)}${rule}`);
  }
  if (card.release) out.push(`*Release*\n${escapeMrkdwn(card.release)}`);
  return out;
}

/** The long texts of the card, each cut; `cut` tells whether any part needs the full-text modal. */
function textSections(card: ChangeCardView): { blocks: Block[]; cut: boolean } {
  const parts: [string, string, number][] = [
    ['Description', card.description, CARD_TEXT_MAX.description],
    ['Justification', card.justification, CARD_TEXT_MAX.justification],
    ['Implementation plan', card.implementationPlan, CARD_TEXT_MAX.plan],
    ['Backout plan', card.backoutPlan, CARD_TEXT_MAX.plan],
    ['Test plan', card.testPlan, CARD_TEXT_MAX.plan],
  ];
  let cut = false;
  const blocks: Block[] = [];
  for (const [label, text, max] of parts) {
    if (text.trim() === '') continue;
    const fitted = fitMrkdwn(text, max);
    cut ||= fitted.cut;
    blocks.push(section(`*${label}*\n${fitted.text}`));
  }
  return { blocks, cut };
}

function tallyText(card: ChangeCardView): string | null {
  const t = card.tally;
  if (!t) return null;
  return `*Approvals:* ${t.approvals} of ${t.required} needed (${t.ruleLabel})  ·  *Rejections:* ${t.rejections}`;
}

function voteLines(card: ChangeCardView, tz: string): string[] {
  return card.votes.map((v) => {
    const who = `*${escapeMrkdwn(oneLine(v.name))}*`;
    const when = slackDate(v.at, tz);
    if (v.decision === 'approve') return `:white_check_mark: ${who} approved · ${when}`;
    const reason = v.reason ? `: ${fitMrkdwn(oneLine(v.reason), 300).text}` : '';
    return `:x: ${who} rejected · ${when}${reason}`;
  });
}

function questionLines(card: ChangeCardView, tz: string): string[] {
  return card.questions.map((q) => {
    const asked = `:question: *${escapeMrkdwn(oneLine(q.asker))}* asked · ${slackDate(q.askedAt, tz)}: ${fitMrkdwn(oneLine(q.question), 400).text}`;
    return q.answer === null
      ? `${asked}\n      _waiting for an answer_`
      : `${asked}\n      ↳ ${fitMrkdwn(oneLine(q.answer), 400).text}`;
  });
}

function decisionText(card: ChangeCardView, tz: string): string | null {
  const d = card.decision;
  if (!d) return null;
  const icon = DECISION_ICON[d.state] ?? ':information_source:';
  const by = d.by.length > 0 ? ` by ${nameList(d.by)}` : '';
  const at = d.at ? ` · ${slackDate(d.at, tz)}` : '';
  const reason = d.reason ? `\n> ${fitMrkdwn(oneLine(d.reason), 500).text}` : '';
  let text = `${icon} *${escapeMrkdwn(d.label)}*${by}${at}${reason}`;
  if (d.label !== card.stateLabel) text += `\n*Status:* ${card.stateLabel}`;
  if (card.outcome) {
    const note = card.outcome.note ? ` — ${fitMrkdwn(oneLine(card.outcome.note), 500).text}` : '';
    text += `\n*Outcome:* ${card.outcome.label}${note}`;
  }
  if (card.review) {
    const goal = card.review.metGoal ? 'met its goal' : 'did not meet its goal';
    text += `\n*Review:* ${goal} — ${fitMrkdwn(oneLine(card.review.summary), 500).text}`;
    if (card.review.lessons) text += `\n*Lessons:* ${fitMrkdwn(oneLine(card.review.lessons), 500).text}`;
  }
  return text;
}

function buttons(card: ChangeCardView, cut: boolean): Button[] {
  const ref = encodeRef({ changeId: card.changeId, version: card.version });
  const changeRef = encodeRef({ changeId: card.changeId });
  const out: Button[] = [];
  for (const action of card.actions) {
    switch (action) {
      case 'approve':
        out.push(button('Approve', ACTION.approve, ref, { style: 'primary' }));
        break;
      case 'reject':
        out.push(button('Reject', ACTION.reject, ref, { style: 'danger' }));
        break;
      case 'request_info':
        out.push(button('Request info', ACTION.requestInfo, ref));
        break;
      case 'start':
        out.push(
          button('Start', ACTION.start, changeRef, {
            style: 'primary',
            confirm: confirmDialog(
              `Start ${card.key}?`,
              'Implementation starts now; the CAB and the requester are told.',
              'Start',
            ),
          }),
        );
        break;
      case 'complete':
        out.push(button('Complete', ACTION.complete, changeRef, { style: 'primary' }));
        break;
      case 'review':
        out.push(button('Record review', ACTION.review, changeRef, { style: 'primary' }));
        break;
      case 'cancel':
        out.push(
          button('Cancel change', ACTION.cancel, changeRef, {
            style: 'danger',
            confirm: confirmDialog(
              `Cancel ${card.key}?`,
              'The change is withdrawn; this cannot be undone.',
              'Cancel it',
            ),
          }),
        );
        break;
      case 'answer':
        // A few at most: the rest are answered from the direct messages that carried them.
        for (const q of card.questions.filter((x) => x.answer === null).slice(0, MAX_ANSWER_BUTTONS)) {
          out.push(button(`Answer ${q.asker}`, answerActionId(q.id), encodeRef({ questionId: q.id })));
        }
        break;
      default: {
        // A CardAction added later fails to compile here instead of silently losing its button.
        const unreachable: never = action;
        throw new Error(`no Slack button for card action ${String(unreachable)}`);
      }
    }
  }
  // An open objection window: members may stop the approval by the policy (the use case checks who).
  if (card.audience === 'cab' && card.objectionWindow && !card.objectionWindow.objection) {
    out.push(button('Object', OBJECT_ACTION, ref, { style: 'danger' }));
  }
  out.push(button(cut ? 'Show full plan' : 'Details', ACTION.details, changeRef));
  return out;
}

/** One line per reported deployment, newest first; the run link only when it is an http(s) URL. */
function deploymentLines(card: ChangeCardView, tz: string): string[] {
  return (card.deployments ?? []).map((d) => {
    const what = escapeMrkdwn(`${d.service} ${d.version} → ${d.environment}`);
    const run = d.runUrl ? ` · ${safeLink(d.runUrl, 'run')}` : '';
    return `• ${what}: *${d.statusLabel}* ${slackDate(d.at, tz)}${run}`;
  });
}

/** The objection window: the deadline (each reader's own zone), or who objected and why. */
function objectionText(
  card: ChangeCardView,
  window: NonNullable<ChangeCardView['objectionWindow']>,
  tz: string,
): string {
  if (window.objection) {
    const reason = fitMrkdwn(window.objection.reason, 1000).text;
    return `:raised_hand: *${escapeMrkdwn(window.objection.by)}* objected: ${reason}\nIt now needs a normal vote.`;
  }
  return `:hourglass_flowing_sand: *Approved by the policy unless a member objects by ${slackDate(window.deadline, tz)}* (${slackRelative(window.deadline, tz)}). *Object* below, or \`/change object ${card.key} <reason>\`.`;
}

/** What changed since the version the CAB voted on (an edit reopened the decision). */
function editDiffText(diff: NonNullable<ChangeCardView['sinceVotes']>): string {
  const head = `:pencil2: *Changed since version ${diff.fromVersion}, the one voted on*`;
  return fitLines([head, ...diff.lines.map(escapeMrkdwn)], LIMITS.sectionText);
}

/** Renders a neutral change card as a Block Kit message; every piece of user text is escaped and cut. */
export function renderCard(card: ChangeCardView, tz: string): SlackMessage {
  const blocks: Block[] = [header(`${card.key} · ${oneLine(card.title)}`), section(badges(card))];
  blocks.push(fields(summaryFields(card, tz)));
  const schedule = scheduleSection(card, tz);
  if (schedule) blocks.push(schedule);
  const texts = textSections(card);
  blocks.push(...texts.blocks);
  if (card.sourceLink) blocks.push(context([`Raised from ${safeLink(card.sourceLink, 'a Slack message')}`]));
  blocks.push(divider());
  if (card.sinceVotes) blocks.push(section(editDiffText(card.sinceVotes)));
  if (card.objectionWindow) blocks.push(section(objectionText(card, card.objectionWindow, tz)));
  const tally = tallyText(card);
  if (tally) blocks.push(context([tally]));
  const votes = voteLines(card, tz);
  if (votes.length > 0) blocks.push(section(fitLines(votes, LIMITS.sectionText)));
  const questions = questionLines(card, tz);
  if (questions.length > 0) blocks.push(section(fitLines(questions, LIMITS.sectionText)));
  const decision = decisionText(card, tz);
  if (decision) blocks.push(section(decision));
  const deployed = deploymentLines(card, tz);
  if (deployed.length > 0) blocks.push(section(fitLines(['*Deployments*', ...deployed], LIMITS.sectionText)));
  if (card.audience === 'requester') {
    const next = nextStep(card);
    if (next) blocks.push(context([next]));
  }
  blocks.push(actions(buttons(card, texts.cut), `card.${card.changeId}`));
  return { text: fallbackText(card), blocks: capBlocks(blocks, LIMITS.messageBlocks) };
}

/** The message's `text`: what notifications and screen readers get. */
export function fallbackText(card: ChangeCardView): string {
  const title = fitMrkdwn(oneLine(card.title), 500).text;
  const lead = card.type === 'emergency' ? ':rotating_light: EMERGENCY ' : '';
  return `${lead}${card.key} ${title} — ${card.typeLabel}, ${card.riskLabel} risk, ${card.stateLabel}`;
}
