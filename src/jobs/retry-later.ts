/**
 * Thrown by a job handler to run the job again at `at` without counting a failed attempt, e.g. when Slack or
 * Teams answered 429 with Retry-After.
 */
export class RetryLater extends Error {
  readonly at: Date;

  constructor(at: Date, message = `retry later, at ${at.toISOString()}`) {
    super(message);
    this.name = 'RetryLater';
    this.at = at;
  }
}
