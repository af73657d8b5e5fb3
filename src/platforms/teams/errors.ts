import { randomBytes } from 'node:crypto';
import type { DraftInvalid } from '../../domain/change/validate-draft.ts';
import type { DomainError } from '../../domain/result.ts';
import {
  FORM_FIELD_IDS,
  type FormErrors,
  type FormFieldId,
  toFormErrors,
} from '../../domain/views/change-form.ts';
import type { Logger } from '../../log.ts';
import { recordError } from '../../observability/ops-metrics.ts';
import { type AdaptiveCard, CARD_CONTENT_TYPE } from './render/adaptive-card.ts';

/** The body Teams expects back from an `adaptiveCard/action` invoke (Universal Actions). */
export type InvokeBody =
  | { statusCode: 200; type: typeof CARD_CONTENT_TYPE; value: AdaptiveCard }
  | { statusCode: 200; type: 'application/vnd.microsoft.activity.message'; value: string }
  | { statusCode: number; type: 'application/vnd.microsoft.error'; value: { code: string; message: string } };

/** The clicker sees this card in place of the one they clicked. */
export const cardReply = (value: AdaptiveCard): InvokeBody => ({
  statusCode: 200,
  type: CARD_CONTENT_TYPE,
  value,
});

/** Teams shows the text to the clicker and leaves the card as it was. */
export const messageReply = (value: string): InvokeBody => ({
  statusCode: 200,
  type: 'application/vnd.microsoft.activity.message',
  value,
});

/** Something went wrong on our side: the clicker sees a short reference, the log keeps the detail. */
export const errorReply = (message: string, statusCode = 500): InvokeBody => ({
  statusCode,
  type: 'application/vnd.microsoft.error',
  value: { code: statusCode >= 500 ? 'InternalError' : 'BadRequest', message },
});

/**
 * Logs an unexpected failure under a short reference and returns the sentence the user sees. The one place
 * where a thrown error meets a person: they get the reference to quote, never a stack trace.
 */
export function reportUnexpected(log: Logger, error: unknown, fields: Record<string, unknown> = {}): string {
  const ref = randomBytes(4).toString('hex');
  recordError('teams');
  log.error('teams turn failed', { ref, ...fields, error });
  return `Something went wrong on our side (reference ${ref}). Please try again; if it keeps failing, quote the reference to your admin.`;
}

const isFormField = (field: string | undefined): field is FormFieldId =>
  field !== undefined && (FORM_FIELD_IDS as readonly string[]).includes(field);

/**
 * A refused form submission, as the form shows it: draft problems go next to their fields, a business rule
 * about one field (e.g. no approval route for this type) too, anything else as a message above the form.
 */
export function formErrorsOf(error: DraftInvalid | DomainError): {
  fieldErrors: FormErrors;
  message: string | null;
} {
  if ('fieldErrors' in error && error.fieldErrors)
    return { fieldErrors: toFormErrors(error.fieldErrors), message: null };
  const field = 'field' in error ? error.field : undefined;
  if (isFormField(field)) return { fieldErrors: { [field]: error.message }, message: null };
  return { fieldErrors: {}, message: error.message };
}
