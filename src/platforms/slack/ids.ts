import { z } from 'zod';

/** The slash command (also in manifests/slack/manifest.json). */
export const COMMAND = '/change';

/** The message shortcut's callback id (also in the manifest). */
export const SHORTCUT_RAISE_FROM_MESSAGE = 'raise_change_from_message';

/** Every button's action_id. A button's value carries references only, never state (see `encodeRef`). */
export const ACTION = {
  approve: 'change.approve',
  reject: 'change.reject',
  requestInfo: 'change.request_info',
  start: 'change.start',
  complete: 'change.complete',
  review: 'change.review',
  cancel: 'change.cancel',
  /** A prefix: each question's button is `question.answer.<id>`, since action ids must be unique in a block. */
  answer: 'question.answer',
  details: 'change.details',
  newChange: 'change.new',
} as const;

/** The Answer button of one question (unique within its actions block). */
export const answerActionId = (questionId: number): string => `${ACTION.answer}.${questionId}`;

/** Matches every Answer button. */
export const ANSWER_ACTION_PATTERN = /^question\.answer\.\d+$/;

/** Every modal's callback_id. */
export const VIEW = {
  changeForm: 'change.form',
  /** The change form opened by `/change edit`; its private_metadata is the `{changeId, version}` being edited. */
  editForm: 'change.edit',
  reject: 'vote.reject',
  requestInfo: 'vote.request_info',
  answer: 'question.answer',
  complete: 'change.complete',
  review: 'change.review',
  note: 'changeboard.note',
  details: 'change.details',
} as const;

const id = z.number().int().positive();

const VersionRefSchema = z.object({ changeId: id, version: id });
const ChangeRefSchema = z.object({ changeId: id });
const QuestionRefSchema = z.object({ questionId: id });
const FormMetaSchema = z.object({ sourceLink: z.string().max(1000).nullable() });

export type VersionRef = z.infer<typeof VersionRefSchema>;
export type ChangeRef = z.infer<typeof ChangeRefSchema>;
export type QuestionRef = z.infer<typeof QuestionRefSchema>;
export type FormMeta = z.infer<typeof FormMetaSchema>;

/** Thrown when a button value or private_metadata is not what this app wrote (forged, or from an old version). */
export class BadReference extends Error {
  constructor(what: string) {
    super(`unreadable ${what}`);
    this.name = 'BadReference';
  }
}

function decode<T>(schema: z.ZodType<T>, raw: string | undefined, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(raw ?? '');
  } catch {
    throw new BadReference(what);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new BadReference(what);
  return parsed.data;
}

export const encodeRef = (ref: VersionRef | ChangeRef | QuestionRef | FormMeta): string =>
  JSON.stringify(ref);
export const decodeVersionRef = (raw: string | undefined): VersionRef =>
  decode(VersionRefSchema, raw, 'change reference');
export const decodeChangeRef = (raw: string | undefined): ChangeRef =>
  decode(ChangeRefSchema, raw, 'change reference');
export const decodeQuestionRef = (raw: string | undefined): QuestionRef =>
  decode(QuestionRefSchema, raw, 'question reference');
export const decodeFormMeta = (raw: string | undefined): FormMeta =>
  raw ? decode(FormMetaSchema, raw, 'form metadata') : { sourceLink: null };
