import { RetryLater } from '../../jobs/retry-later.ts';

/** When Teams sends no Retry-After with a 429, wait this long before the job runs again. */
const DEFAULT_RETRY_AFTER_MS = 30_000;

interface RestErrorLike {
  readonly statusCode?: number;
  readonly response?: { readonly headers?: { get?(name: string): string | undefined } };
}

/** The HTTP status of a failed Bot Connector call, when the error carries one. */
export function statusOf(error: unknown): number | null {
  const status = (error as RestErrorLike | null)?.statusCode;
  return typeof status === 'number' ? status : null;
}

/** Retry-After as milliseconds: seconds, or an HTTP date. */
function retryAfterMs(error: unknown, now: Date): number | null {
  const header = (error as RestErrorLike | null)?.response?.headers?.get?.('retry-after');
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now.getTime());
}

/**
 * Runs a Bot Connector call; a 429 that survives the connector's own retries (it honours Retry-After three
 * times) becomes a RetryLater, so the job is rescheduled after the wait instead of counting as a failure.
 */
export async function withThrottling<T>(call: () => Promise<T>, clock: () => Date): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (statusOf(error) !== 429) throw error;
    const now = clock();
    const wait = retryAfterMs(error, now) ?? DEFAULT_RETRY_AFTER_MS;
    throw new RetryLater(new Date(now.getTime() + wait), 'Teams answered 429 (too many requests)');
  }
}
