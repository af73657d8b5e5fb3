import { OUTCOMES } from '../../../domain/change/types.ts';
import {
  type ChangeCardView,
  OUTCOME_LABELS,
  type CardAction as ViewAction,
} from '../../../domain/views/change-card.ts';
import type { CardAction, CardElement, ExecuteAction, ShowCardAction } from './adaptive-card.ts';
import { subCard } from './adaptive-card.ts';
import { answerInputId, CARD_INPUT } from './card-inputs.ts';
import { clip, systemText } from './text.ts';

/** How vote buttons appear on one copy of a card (see renderChangeCard). */
export type VoteButtons = 'buttons' | 'pull' | 'none';

/** Field errors shown under the inputs of the card's forms (reject reason, question, answer…). */
export type CardErrors = Readonly<Partial<Record<string, string>>>;

/** What the clicker typed into a form, by input id, shown again when their submission was refused. */
export type CardValues = Readonly<Partial<Record<string, string>>>;

const MET_GOAL_CHOICES = [
  { title: 'Yes', value: 'yes' },
  { title: 'No', value: 'no' },
] as const;

const TEXT_MAX = 3000;

const refOf = (view: ChangeCardView) => ({ changeId: view.changeId, version: view.version });

function errorUnder(errors: CardErrors, id: string): CardElement[] {
  const message = errors[id];
  return message ? [systemText(message, { color: 'attention', size: 'small', spacing: 'none' })] : [];
}

function textForm(
  view: ChangeCardView,
  opts: {
    title: string;
    inputId: string;
    label: string;
    placeholder: string;
    required: boolean;
    submit: Omit<ExecuteAction, 'type' | 'data'> & { data?: Record<string, number> };
    errors: CardErrors;
  },
): ShowCardAction {
  const { submit } = opts;
  return {
    type: 'Action.ShowCard',
    title: opts.title,
    card: subCard(
      [
        {
          type: 'Input.Text',
          id: opts.inputId,
          label: opts.label,
          placeholder: opts.placeholder,
          isMultiline: true,
          maxLength: TEXT_MAX,
          ...(opts.required ? { isRequired: true, errorMessage: `${opts.label} is required.` } : {}),
        },
        ...errorUnder(opts.errors, opts.inputId),
      ],
      [{ ...submit, type: 'Action.Execute', data: { ...refOf(view), ...submit.data } }],
    ),
  };
}

/** The post-implementation review (ITIL PIR): did it meet its goal, what happened, what was learnt. */
function reviewAction(view: ChangeCardView, errors: CardErrors, values: CardValues): ShowCardAction {
  // A refused submission comes back with what was typed, so nobody has to write the summary twice.
  const kept = (id: string) => {
    const value = values[id];
    return value ? { value: clip(value, TEXT_MAX) } : {};
  };
  const metGoal = values[CARD_INPUT.reviewMetGoal];
  return {
    type: 'Action.ShowCard',
    title: 'Record review',
    card: subCard(
      [
        {
          type: 'Input.ChoiceSet',
          id: CARD_INPUT.reviewMetGoal,
          label: 'Did the change meet its goal?',
          style: 'expanded',
          isRequired: true,
          errorMessage: 'Say whether the change met its goal.',
          choices: MET_GOAL_CHOICES,
          ...(MET_GOAL_CHOICES.some((c) => c.value === metGoal) ? { value: metGoal } : {}),
        },
        ...errorUnder(errors, CARD_INPUT.reviewMetGoal),
        {
          type: 'Input.Text',
          id: CARD_INPUT.reviewSummary,
          label: 'Summary',
          placeholder: 'How it went, incidents, follow-ups',
          isMultiline: true,
          maxLength: TEXT_MAX,
          isRequired: true,
          errorMessage: 'Summary is required.',
          ...kept(CARD_INPUT.reviewSummary),
        },
        ...errorUnder(errors, CARD_INPUT.reviewSummary),
        {
          type: 'Input.Text',
          id: CARD_INPUT.reviewLessons,
          label: 'Lessons learnt (optional)',
          isMultiline: true,
          maxLength: TEXT_MAX,
          ...kept(CARD_INPUT.reviewLessons),
        },
        ...errorUnder(errors, CARD_INPUT.reviewLessons),
      ],
      [
        {
          type: 'Action.Execute',
          title: `Record review and close ${view.key}`,
          verb: 'review',
          data: refOf(view),
        },
      ],
    ),
  };
}

function voteActions(view: ChangeCardView, errors: CardErrors): CardAction[] {
  return [
    {
      type: 'Action.Execute',
      title: 'Approve',
      verb: 'approve',
      style: 'positive',
      data: refOf(view),
      associatedInputs: 'none',
    },
    textForm(view, {
      title: 'Reject',
      inputId: CARD_INPUT.rejectReason,
      label: 'Reason for rejecting',
      placeholder: 'The requester and the CAB will see it.',
      required: true,
      submit: { title: `Reject ${view.key}`, verb: 'reject', style: 'destructive' },
      errors,
    }),
    textForm(view, {
      title: 'Request info',
      inputId: CARD_INPUT.infoQuestion,
      label: 'Your question',
      placeholder: 'What do you need to know before you decide?',
      required: true,
      submit: { title: 'Ask the requester', verb: 'request_info' },
      errors,
    }),
    // An open objection window: any member may stop the approval by the policy, with a reason.
    ...(view.objectionWindow && !view.objectionWindow.objection
      ? [
          textForm(view, {
            title: 'Object',
            inputId: CARD_INPUT.objectReason,
            label: 'Why do you object?',
            placeholder: 'It then needs a normal vote.',
            required: true,
            submit: { title: `Object to ${view.key}`, verb: 'object', style: 'destructive' },
            errors,
          }),
        ]
      : []),
  ];
}

function completeAction(view: ChangeCardView, errors: CardErrors): ShowCardAction {
  return {
    type: 'Action.ShowCard',
    title: 'Complete',
    card: subCard(
      [
        {
          type: 'Input.ChoiceSet',
          id: CARD_INPUT.outcome,
          label: 'Outcome',
          style: 'compact',
          isRequired: true,
          errorMessage: 'Choose an outcome.',
          value: 'successful',
          choices: OUTCOMES.map((o) => ({ title: OUTCOME_LABELS[o], value: o })),
        },
        ...errorUnder(errors, CARD_INPUT.outcome),
        { type: 'Input.Number', id: CARD_INPUT.incidentsCaused, label: 'Incidents caused', min: 0, value: 0 },
        ...errorUnder(errors, CARD_INPUT.incidentsCaused),
        {
          type: 'Input.Text',
          id: CARD_INPUT.outcomeNote,
          label: 'Note',
          isMultiline: true,
          maxLength: TEXT_MAX,
        },
      ],
      [{ type: 'Action.Execute', title: `Complete ${view.key}`, verb: 'complete', data: refOf(view) }],
    ),
  };
}

/** What each copy of the card needs to render its actions. */
interface ActionOptions {
  readonly votes: VoteButtons;
  readonly errors: CardErrors;
  readonly values: CardValues;
}

/** The buttons (and their forms) for one action the view offers. */
function actionsOf(view: ChangeCardView, action: ViewAction, opts: ActionOptions): CardAction[] {
  const { errors } = opts;
  switch (action) {
    case 'approve':
      if (opts.votes === 'buttons') return voteActions(view, errors);
      // Whoever the bot cannot address by refresh pulls their own view: buttons if they may vote, a reason if not.
      if (opts.votes === 'pull')
        return [{ type: 'Action.Execute', title: 'Vote', verb: 'refresh', data: refOf(view) }];
      return [];
    case 'reject':
    case 'request_info':
      // They come with approve.
      return [];
    case 'start':
      return [{ type: 'Action.Execute', title: 'Start implementation', verb: 'start', data: refOf(view) }];
    case 'complete':
      return [completeAction(view, errors)];
    case 'review':
      return [reviewAction(view, errors, opts.values)];
    case 'cancel':
      return [
        textForm(view, {
          title: 'Cancel change',
          inputId: CARD_INPUT.cancelReason,
          label: 'Reason (optional)',
          placeholder: 'Why it is no longer needed',
          required: false,
          submit: { title: `Cancel ${view.key}`, verb: 'cancel', style: 'destructive' },
          errors,
        }),
      ];
    case 'answer':
      // At most two answer boxes: a card has room for six actions and the rest stay reachable by the DM.
      return view.questions
        .filter((q) => q.answer === null)
        .slice(-2)
        .map((question) =>
          textForm(view, {
            title: `Answer ${clip(question.asker, 20)}`,
            inputId: answerInputId(question.id),
            label: 'Your answer',
            placeholder: clip(question.question, 120),
            required: true,
            submit: { title: 'Send answer', verb: 'answer', data: { questionId: question.id } },
            errors,
          }),
        );
    default: {
      // A new action in the neutral view stops this from compiling until Teams renders it.
      const unreachable: never = action;
      return unreachable;
    }
  }
}

/** The card-level actions of one copy: lifecycle buttons from the view, vote buttons as the copy asks. */
export function changeCardActions(
  view: ChangeCardView,
  opts: ActionOptions & { hasDetails: boolean },
): CardAction[] {
  const actions = view.actions.flatMap((action) => actionsOf(view, action, opts));
  if (opts.hasDetails) {
    actions.push({ type: 'Action.ToggleVisibility', title: 'Plans', targetElements: [detailsId(view)] });
  }
  return actions;
}

/** The id of the collapsible plans section (ids must be unique within a card). */
export const detailsId = (view: ChangeCardView): string => `plans-${view.changeId}`;
