import type { ReleaseRecord } from '../../../db/release-repo.ts';
import { RELEASE_OUTCOME_LABELS, RELEASE_STATE_LABELS } from '../../../domain/release/lifecycle.ts';
import type { ReleaseNoteLine } from '../../../domain/release/notes.ts';
import { formatReleaseKey } from '../../../domain/release/release-key.ts';
import { RELEASE_OUTCOMES } from '../../../domain/release/types.ts';
import type {
  ReleaseCardView,
  ReleaseChangeLine,
  ReleaseMessageView,
} from '../../../domain/release/views.ts';
import {
  type AdaptiveCard,
  type CardAction,
  type CardElement,
  card,
  type ExecuteAction,
  subCard,
} from '../render/adaptive-card.ts';
import { clip, localDateTime, systemText, userText } from '../render/text.ts';

/** Release verbs; each arrives as an `adaptiveCard/action` invoke with references only in its data. */
export const RELEASE_VERB = {
  tick: 'release.tick',
  ready: 'release.ready',
  start: 'release.start',
  complete: 'release.complete',
  skip: 'release.skip',
  cancel: 'release.cancel',
  notes: 'release.notes',
  nudge: 'release.nudge',
  drop: 'release.drop',
  submit: 'release.submit',
  refresh: 'release.refresh',
} as const;

export const RELEASE_INPUT = {
  outcome: 'releaseOutcome',
  notes: 'releaseNotes',
  model: 'releaseModel',
  name: 'releaseName',
  startDate: 'releaseStartDate',
  startTime: 'releaseStartTime',
  window: 'releaseWindow',
} as const;

const MAX_CHANGES = 25;

export const execute = (
  title: string,
  verb: string,
  data: ExecuteAction['data'],
  style?: ExecuteAction['style'],
): ExecuteAction => ({
  type: 'Action.Execute',
  title,
  verb: verb as ExecuteAction['verb'],
  data,
  ...(style ? { style } : {}),
});

const changeLine = (line: ReleaseChangeLine): CardElement =>
  userText(
    `${line.approved ? '✅' : '⏳'} ${line.key} ${clip(line.title, 150)} — ${line.stateLabel}${
      line.waitingOn.length > 0 ? ` (waiting on ${line.waitingOn.join(', ')})` : ''
    }`,
  );

export interface Notice {
  readonly text: string;
  readonly tone: 'good' | 'attention' | 'default';
}

/** The live release card: one card per copy, updated in place; checklist toggles are Action.Execute buttons. */
export function renderReleaseCard(view: ReleaseCardView, notice?: Notice): AdaptiveCard {
  const ref = { releaseId: view.releaseId };
  const body: CardElement[] = [];
  if (notice)
    body.push(
      systemText(notice.text, {
        color: notice.tone === 'default' ? 'default' : notice.tone,
        weight: 'bolder',
      }),
    );
  body.push(userText(`${view.key} ${view.name}`, { weight: 'bolder', size: 'medium', max: 200 }));
  body.push({
    type: 'FactSet',
    facts: [
      { title: 'State', value: `${view.stateLabel}${view.outcome ? ` — ${view.outcome}` : ''}` },
      { title: 'Model', value: clip(view.modelName, 100) },
      { title: 'Window', value: `${localDateTime(view.windowStart)} – ${localDateTime(view.windowEnd)}` },
      { title: 'Release manager', value: view.managerName ? clip(view.managerName, 100) : 'nobody yet' },
    ],
  });
  body.push(systemText('Checklist', { weight: 'bolder', separator: true }));
  for (const item of view.checklist) {
    const mark = item.done ? '☑' : '☐';
    const who = item.done && item.by ? ` (${item.by})` : item.auto ? ' (computed)' : '';
    body.push(userText(`${mark} ${item.label}${who}`, { max: 200 }));
    if (item.auto === null && view.checklistEditable) {
      body.push({
        type: 'ActionSet',
        spacing: 'none',
        actions: [
          execute(item.done ? 'Untick' : 'Tick', RELEASE_VERB.tick, {
            releaseId: view.releaseId,
            index: item.index,
            done: item.done ? 0 : 1,
          }),
        ],
      });
    }
  }
  const approved = view.changes.filter((c) => c.approved).length;
  body.push(
    systemText(`Changes (${approved} of ${view.changes.length} approved)`, {
      weight: 'bolder',
      separator: true,
    }),
  );
  if (view.changes.length === 0)
    body.push(systemText(`No changes yet: type "release add CHG-n ${view.key}".`, { isSubtle: true }));
  for (const line of view.changes.slice(0, MAX_CHANGES)) body.push(changeLine(line));
  if (view.changes.length > MAX_CHANGES) body.push(moreLine(view.changes.length - MAX_CHANGES));
  if (view.exposures.length > 0)
    body.push(
      userText(`Exposure: ${view.exposures.map((e) => `${e.step} (${e.by})`).join(' → ')}`, { max: 1000 }),
    );
  if (view.notes) body.push(userText(`Notes: ${view.notes}`, { max: 1500 }));

  const actions: CardAction[] = [];
  for (const action of view.actions) {
    switch (action) {
      case 'ready':
        actions.push(execute('Mark ready', RELEASE_VERB.ready, ref));
        break;
      case 'start':
        actions.push(execute('Start release', RELEASE_VERB.start, ref, 'positive'));
        break;
      case 'complete':
        actions.push({
          type: 'Action.ShowCard',
          title: 'Complete',
          card: subCard(
            [
              {
                type: 'Input.ChoiceSet',
                id: RELEASE_INPUT.outcome,
                label: 'How did it go?',
                style: 'compact',
                isRequired: true,
                errorMessage: 'Choose how it went.',
                choices: RELEASE_OUTCOMES.map((o) => ({ title: RELEASE_OUTCOME_LABELS[o], value: o })),
              },
              {
                type: 'Input.Text',
                id: RELEASE_INPUT.notes,
                label: 'Notes',
                isMultiline: true,
                maxLength: 2000,
              },
            ],
            [execute('Complete release', RELEASE_VERB.complete, ref, 'positive')],
          ),
        });
        break;
      case 'skip':
        actions.push(execute('Skip', RELEASE_VERB.skip, ref));
        break;
      case 'cancel':
        actions.push(execute('Cancel', RELEASE_VERB.cancel, ref, 'destructive'));
        break;
      case 'notes':
        actions.push(execute('Release notes', RELEASE_VERB.notes, ref));
        break;
    }
  }
  return card({
    body,
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full' },
    fallbackText: `${view.key} ${view.name}: ${view.stateLabel}`,
  });
}

/** How many note lines a Teams card carries; the rest are counted, as Slack's notes count them. */
const MAX_NOTES = 50;

export function notesElements(notes: readonly ReleaseNoteLine[]): CardElement[] {
  if (notes.length === 0) return [systemText('No changes were included.', { isSubtle: true })];
  const lines: CardElement[] = notes
    .slice(0, MAX_NOTES)
    .map((n) =>
      userText(
        `• ${n.key} ${clip(n.title, 150)} (${n.type}${n.services.length ? ` · ${n.services.join(', ')}` : ''}) — ${n.requester}`,
      ),
    );
  if (notes.length > MAX_NOTES)
    lines.push(
      systemText(`…and ${(notes.length - MAX_NOTES).toLocaleString('en')} more.`, { isSubtle: true }),
    );
  return lines;
}

/** The line under a release card's first changes: how many more it holds. */
function moreLine(more: number): CardElement {
  return systemText(`…and ${more.toLocaleString('en')} more changes.`, { isSubtle: true });
}

/** A reminder or announcement; unapproved changes come with Nudge approvers and Drop buttons. */
export function renderReleaseMessage(message: ReleaseMessageView): AdaptiveCard {
  const body: CardElement[] = [userText(message.headline, { weight: 'bolder', max: 500 })];
  if (message.late)
    body.push(
      systemText('Sent late: Changeboard was down when it was due.', { isSubtle: true, spacing: 'none' }),
    );
  for (const line of message.lines) body.push(userText(line, { max: 1500 }));
  if (message.unapproved.length > 0) {
    body.push(systemText(`Not approved yet (${message.unapproved.length}):`, { weight: 'bolder' }));
    for (const line of message.unapproved.slice(0, 10)) {
      const ref = { releaseId: message.releaseId, changeId: line.changeId };
      body.push(changeLine(line));
      body.push({
        type: 'ActionSet',
        spacing: 'none',
        actions: [
          ...(line.waitingOn.length > 0 ? [execute('Nudge approvers', RELEASE_VERB.nudge, ref)] : []),
          execute('Drop from release', RELEASE_VERB.drop, ref, 'destructive'),
        ],
      });
    }
  }
  if (message.notes)
    body.push(systemText('Release notes', { weight: 'bolder' }), ...notesElements(message.notes));
  return card({ body, msteams: { width: 'Full' }, fallbackText: message.headline });
}

export function renderNotesCard(key: string, name: string, notes: readonly ReleaseNoteLine[]): AdaptiveCard {
  return card({
    body: [
      userText(`Release notes of ${key} ${name}`, { weight: 'bolder', max: 300 }),
      ...notesElements(notes),
    ],
  });
}

export function renderReleaseListCard(
  mine: readonly ReleaseRecord[],
  upcoming: readonly ReleaseRecord[],
): AdaptiveCard {
  const rows = (list: readonly ReleaseRecord[], empty: string): CardElement[] =>
    list.length === 0
      ? [systemText(empty, { isSubtle: true })]
      : list.map((r) =>
          userText(
            `${formatReleaseKey(r.id)} ${clip(r.name, 150)} — ${RELEASE_STATE_LABELS[r.state]}, ${r.plannedStart.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
          ),
        );
  return card({
    body: [
      systemText('Releases you manage', { weight: 'bolder' }),
      ...rows(mine, 'You manage no open releases.'),
      systemText('Upcoming releases', { weight: 'bolder', separator: true }),
      ...rows(upcoming, 'No releases in the next 30 days.'),
    ],
  });
}
