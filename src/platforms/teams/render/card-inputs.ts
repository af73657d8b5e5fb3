/** Ids of the inputs on change cards; the action handlers read the submitted values back by these ids. */
export const CARD_INPUT = {
  rejectReason: 'rejectReason',
  infoQuestion: 'infoQuestion',
  cancelReason: 'cancelReason',
  outcome: 'outcome',
  outcomeNote: 'outcomeNote',
  incidentsCaused: 'incidentsCaused',
  /** The post-implementation review: "yes" or "no", a required summary, optional lessons learnt. */
  reviewMetGoal: 'reviewMetGoal',
  reviewSummary: 'reviewSummary',
  reviewLessons: 'reviewLessons',
  /** The answer box of a question notice (one question per message). */
  answer: 'answer',
  /** Why a member objects to a change in its objection window. */
  objectReason: 'objectReason',
} as const;

/** On a change card several questions may be open, so each answer box carries its question's id. */
export const answerInputId = (questionId: number): string => `answer-${questionId}`;

/** What a button carries: references only; the handler loads and authorises everything else. */
export interface ChangeRef {
  readonly changeId: number;
  readonly version: number;
}
