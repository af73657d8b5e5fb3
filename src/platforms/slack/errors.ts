import { randomBytes } from 'node:crypto';
import type { DomainError } from '../../domain/result.ts';
import type { LogFields, Logger } from '../../log.ts';
import { recordError } from '../../observability/ops-metrics.ts';
import { BadReference } from './ids.ts';
import { escapeMrkdwn } from './render/mrkdwn.ts';

/** `ack()` body that shows errors under modal inputs. */
export interface ViewErrors {
  readonly response_action: 'errors';
  readonly errors: Record<string, string>;
}

export interface ErrorPresenter {
  /** A refusal or rule broken, as a private note (mrkdwn; the message may quote people, so it is escaped). */
  refusal(error: DomainError): string;
  /** Modal field errors: the error's field when the modal has it, else `fallbackBlock`. */
  viewErrors(error: DomainError, blocks: readonly string[], fallbackBlock: string): ViewErrors;
  /** Logs an unexpected error under a short reference and returns the sentence the person sees (plain text). */
  unexpected(error: unknown, fields?: LogFields): string;
}

/**
 * The one place that decides how a failure reaches a person in Slack. Expected (domain) errors are shown as
 * they are; anything else is logged with a reference the person can quote, and they see only the reference.
 */
export function createErrorPresenter(log: Logger): ErrorPresenter {
  return {
    refusal: (error) => `:no_entry: ${escapeMrkdwn(error.message)}`,

    viewErrors(error, blocks, fallbackBlock) {
      const block = error.field && blocks.includes(error.field) ? error.field : fallbackBlock;
      // Modal errors are plain text: no escaping, but Slack caps them, so keep them short.
      return { response_action: 'errors', errors: { [block]: error.message.slice(0, 1000) } };
    },

    unexpected(error, fields = {}) {
      if (error instanceof BadReference) {
        log.warn('slack payload with an unreadable reference', { ...fields, error: error.message });
        return 'That button or form is out of date. Open the change again from its latest card.';
      }
      const ref = randomBytes(4).toString('hex');
      recordError('slack');
      log.error('slack listener failed', { ...fields, ref, error });
      return `Something went wrong on our side (reference ${ref}). If it did not go through, try again, or give the reference to your Changeboard admin.`;
    },
  };
}
