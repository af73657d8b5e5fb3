import type { ChangeCardView } from '../../../domain/views/change-card.ts';
import { type AdaptiveCard, type CardElement, card, MAX_REFRESH_USERS } from './adaptive-card.ts';
import {
  type CardErrors,
  type CardValues,
  changeCardActions,
  detailsId,
  type VoteButtons,
} from './change-card-actions.ts';
import { scheduleContainer } from './schedule-card.ts';
import { clip, labelled, localDateTime, systemText, userText } from './text.ts';

// Per-field budgets keep the worst case (every plan at the form's 3,000-character limit) under Teams' 28 KB.
const LIMITS = { description: 1500, plan: 900, reason: 300, question: 400, answer: 400, shownQuestions: 5 };

export interface Notice {
  readonly text: string;
  readonly tone: 'good' | 'attention' | 'default';
}

export interface ChangeCardOptions {
  /**
   * 'buttons': Approve / Reject / Request info (a per-user view for an approver yet to vote);
   * 'pull': one "Vote" button that asks for the clicker's own view (the shared copy everyone sees);
   * 'none': no vote buttons (the clicker already voted, or may not vote).
   */
  readonly votes: VoteButtons;
  /** Teams users (29:… ids) whose client fetches their own view on display; at most 60 are kept. */
  readonly refreshUserIds?: readonly string[] | null;
  /** A line for the one reader of this copy, e.g. "You approved CHG-12." or why a click was refused. */
  readonly notice?: Notice | null;
  readonly errors?: CardErrors;
  /** What the reader typed into a form that was refused, kept in its inputs (the review form uses it). */
  readonly values?: CardValues;
}

const STATE_STYLE: Record<string, 'emphasis' | 'good' | 'attention' | 'warning' | 'accent'> = {
  authorise: 'accent',
  scheduled: 'good',
  implement: 'warning',
  review: 'emphasis',
  closed: 'good',
  rejected: 'attention',
  cancelled: 'emphasis',
  expired: 'emphasis',
};

function header(view: ChangeCardView): CardElement {
  const decision = view.decision;
  const status: CardElement[] = [systemText(`**${view.stateLabel}**`, { spacing: 'small' })];
  if (decision) {
    const when = decision.at ? ` on ${localDateTime(decision.at)}` : '';
    status.push(systemText(`${decision.label}${when}`, { spacing: 'none', isSubtle: true }));
    if (decision.by.length > 0) status.push(labelled('By', decision.by.join(', ')));
    if (decision.reason) status.push(labelled('Reason:', decision.reason, LIMITS.reason));
  }
  return {
    type: 'Container',
    style: STATE_STYLE[view.state] ?? 'emphasis',
    items: [
      systemText(`${view.key} · ${view.typeLabel} change · ${view.riskLabel} risk`, {
        size: 'small',
        isSubtle: true,
      }),
      userText(view.title, { weight: 'bolder', size: 'medium', spacing: 'none' }),
      ...status,
    ],
  };
}

function facts(view: ChangeCardView): CardElement {
  const rows = [
    { title: 'Window', value: `${localDateTime(view.windowStart)} – ${localDateTime(view.windowEnd)}` },
    { title: 'Services', value: view.services.join(', ') || '—' },
  ];
  if (view.boardName) rows.push({ title: 'Change authority', value: view.boardName });
  if (view.modelName) rows.push({ title: 'Change model', value: view.modelName });
  return { type: 'FactSet', facts: rows };
}

/** The release a change rides: its name is typed by a release manager, so it goes in a TextRun (no markdown). */
function releaseLine(view: ChangeCardView): CardElement[] {
  return view.release ? [userText(`Release: ${view.release}`, { max: 200, spacing: 'small' })] : [];
}

function tallyAndVotes(view: ChangeCardView): CardElement[] {
  const out: CardElement[] = [];
  if (view.tally) {
    const t = view.tally;
    out.push(
      systemText(
        `**Approvals:** ${t.approvals} of ${t.required} needed (${t.ruleLabel}) · **Rejections:** ${t.rejections}`,
        {
          separator: true,
        },
      ),
    );
  }
  for (const vote of view.votes) {
    const verb = vote.decision === 'approve' ? '✅ approved' : '❌ rejected';
    const reason = vote.reason ? `: ${clip(vote.reason, LIMITS.reason)}` : '';
    out.push(userText(`${vote.name} ${verb}${reason}`, { spacing: 'none' }));
  }
  return out;
}

function questions(view: ChangeCardView): CardElement[] {
  const shown = view.questions.slice(-LIMITS.shownQuestions);
  if (shown.length === 0) return [];
  const out: CardElement[] = [systemText('**Questions**', { separator: true })];
  const hidden = view.questions.length - shown.length;
  if (hidden > 0)
    out.push(systemText(`${hidden} earlier question(s) not shown.`, { isSubtle: true, size: 'small' }));
  for (const q of shown) {
    out.push(labelled(`${clip(q.asker, 60)} asked:`, q.question, LIMITS.question));
    out.push(
      q.answer === null
        ? systemText('_Not answered yet._', { isSubtle: true, spacing: 'none', size: 'small' })
        : labelled('Answer:', q.answer, LIMITS.answer),
    );
  }
  return out;
}

function details(view: ChangeCardView): CardElement[] {
  const out: CardElement[] = [
    labelled('Requested by', view.requesterName),
    userText(view.description, { max: LIMITS.description }),
  ];
  if (view.outcome) {
    out.push(systemText(`**Outcome:** ${view.outcome.label}`));
    if (view.outcome.note) out.push(userText(view.outcome.note, { max: LIMITS.reason, spacing: 'none' }));
  }
  if (view.review) {
    out.push(systemText(`**Review:** ${view.review.metGoal ? 'met its goal' : 'did not meet its goal'}`));
    out.push(userText(view.review.summary, { max: LIMITS.reason, spacing: 'none' }));
    if (view.review.lessons) {
      out.push(systemText('**Lessons learnt**'));
      out.push(userText(view.review.lessons, { max: LIMITS.reason, spacing: 'none' }));
    }
  }
  return out;
}

/** The deployments pipelines reported, newest first; names are user text, the run link only a plain URL. */
function deployments(view: ChangeCardView): CardElement[] {
  const list = view.deployments ?? [];
  if (list.length === 0) return [];
  return [
    systemText('**Deployments**', { separator: true }),
    ...list.flatMap((d): CardElement[] => {
      const run = d.runUrl && /^https?:\/\/[^\s()[\]]+$/.test(d.runUrl) ? ` · [run](${d.runUrl})` : '';
      return [
        userText(`${d.service} ${d.version} → ${d.environment}`, { max: 300, spacing: 'small' }),
        systemText(`**${d.statusLabel}** · ${localDateTime(d.at)}${run}`, {
          spacing: 'none',
          isSubtle: true,
          size: 'small',
        }),
      ];
    }),
  ];
}

function plans(view: ChangeCardView): CardElement | null {
  const sections: [string, string][] = [
    ['Justification', view.justification],
    ['Implementation plan', view.implementationPlan],
    ['Backout plan', view.backoutPlan],
    ['Test plan', view.testPlan],
  ];
  const items = sections
    .filter(([, text]) => text.trim() !== '')
    .flatMap(([label, text]): CardElement[] => [
      systemText(`**${label}**`, { spacing: 'small' }),
      userText(text, { max: LIMITS.plan, spacing: 'none' }),
    ]);
  return items.length === 0 ? null : { type: 'Container', id: detailsId(view), isVisible: false, items };
}

/** The objection window: the deadline (each reader's own zone), or who objected and why. */
function objectionSection(
  view: ChangeCardView,
  window: NonNullable<ChangeCardView['objectionWindow']>,
): CardElement {
  const items: CardElement[] = window.objection
    ? [
        labelled(`${window.objection.by} objected:`, window.objection.reason, 500),
        systemText('It now needs a normal vote.', { spacing: 'none' }),
      ]
    : [
        systemText(
          `**Approved by the policy unless a member objects by ${localDateTime(window.deadline)}.**`,
        ),
        systemText(`To object, send me "object ${view.key} <reason>".`, { spacing: 'none', isSubtle: true }),
      ];
  return { type: 'Container', style: 'emphasis', items };
}

/** What changed since the version the CAB voted on (an edit reopened the decision). */
function editDiffSection(diff: NonNullable<ChangeCardView['sinceVotes']>): CardElement {
  return {
    type: 'Container',
    style: 'warning',
    items: [
      systemText(`**Changed since version ${diff.fromVersion}, the one voted on**`),
      ...diff.lines.slice(0, 20).map((l) => userText(clip(l, 300), { spacing: 'none' })),
    ],
  };
}

/**
 * Renders the neutral change card as an Adaptive Card 1.5. The shared copy (posted, then updated in place)
 * shows everything but the vote buttons; approvers yet to vote see them through `refresh` (Teams asks the
 * bot for their own view), and anyone else can pull their view with "Vote". A decided card has no refresh and
 * no vote buttons, so it is final for everyone.
 */
export function renderChangeCard(view: ChangeCardView, opts: ChangeCardOptions): AdaptiveCard {
  const plansSection = plans(view);
  const voting = view.actions.includes('approve');
  const body: CardElement[] = [];
  if (opts.notice) {
    body.push({
      type: 'Container',
      style: opts.notice.tone === 'default' ? 'emphasis' : opts.notice.tone,
      items: [userText(opts.notice.text)],
    });
  }
  const schedule = scheduleContainer(view);
  body.push(
    header(view),
    facts(view),
    ...releaseLine(view),
    ...(schedule ? [schedule] : []),
    ...details(view),
  );
  if (view.sinceVotes) body.push(editDiffSection(view.sinceVotes));
  if (view.objectionWindow) body.push(objectionSection(view, view.objectionWindow));
  body.push(...tallyAndVotes(view), ...questions(view));
  body.push(...deployments(view));
  if (plansSection) body.push(plansSection);
  const userIds = (opts.refreshUserIds ?? []).slice(0, MAX_REFRESH_USERS);
  return card({
    body,
    actions: changeCardActions(view, {
      votes: opts.votes,
      errors: opts.errors ?? {},
      values: opts.values ?? {},
      hasDetails: plansSection !== null,
    }),
    ...(voting && opts.refreshUserIds
      ? {
          refresh: {
            action: {
              type: 'Action.Execute',
              title: 'Refresh',
              verb: 'refresh',
              data: { changeId: view.changeId, version: view.version },
            },
            userIds,
          },
        }
      : {}),
    msteams: { width: 'Full' },
    fallbackText: `${view.key}: ${clip(view.title, 150)} (${view.stateLabel})`,
  });
}
