/**
 * An expected HTTP failure (a client's mistake, not ours): the server answers with its status and code and
 * does not log it as an internal error. Thrown by request helpers such as `readBody` so handlers stay short.
 */
export class HttpError extends Error {
  readonly status: number;
  /** Stable, machine-readable code sent as `{ "error": code }`. */
  readonly code: string;

  constructor(status: number, code: string, message: string = code) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
  }
}
