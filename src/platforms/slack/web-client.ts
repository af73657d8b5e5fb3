// The Web API package itself, not Bolt's re-export: the job thread builds its clients here and never loads
// Bolt (its HTTP receiver, Express and middleware stack are a second copy of memory the thread has no use for).
import { WebAPIRateLimitedError, WebClient, type WebClientOptions } from '@slack/web-api';
import type { SlackConfig } from '../../config.ts';
import { RetryLater } from '../../jobs/worker.ts';
import type { Logger } from '../../log.ts';
import { boltLogger } from './bolt-logger.ts';

/** Options every Web API client of the adapter shares: where the API is, and our logger. */
export function clientOptions(config: SlackConfig, log: Logger): WebClientOptions {
  return {
    logger: boltLogger(log),
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
  };
}

/**
 * The client job handlers use. A rate-limited call is not waited out in memory: it fails at once and the job
 * is rescheduled for Retry-After (durably, in the jobs table). Other failures are retried by the job queue's
 * own backoff, so the client does not retry them for half an hour on its own.
 */
export function createJobClient(config: SlackConfig, log: Logger): WebClient {
  return new WebClient(config.botToken, {
    ...clientOptions(config, log),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  });
}

/** Runs one Web API call from a job; a 429 becomes `RetryLater` at now + Retry-After. */
export async function jobCall<T>(clock: () => Date, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof WebAPIRateLimitedError) {
      throw new RetryLater(
        new Date(clock().getTime() + error.retryAfter * 1000),
        `Slack rate limit: retry after ${error.retryAfter} s`,
      );
    }
    throw error;
  }
}
