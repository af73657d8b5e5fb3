/** An expected failure, returned as a value with a stable code (never thrown). */
export interface DomainError {
  /** Stable, machine-readable code, e.g. `illegal_transition`, `self_approval`. */
  readonly code: string;
  /** A sentence a person can read. */
  readonly message: string;
  /** The form field this error belongs to, when it is about one field. */
  readonly field?: string;
}

export type Result<T, E = DomainError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });

export const fail = (code: string, message: string, field?: string): Result<never, DomainError> => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});
