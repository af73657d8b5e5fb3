const MAX_LENGTH = 500;

// Values that must never reach the jobs table or a log: Slack tokens, bearer tokens, JWTs, and anything written
// as `secret=…` / `"token": "…"`. An error message from an HTTP client can echo a request's headers or URL.
const SCRUBBERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bxox[a-z]-[A-Za-z0-9-]+/g, 'xox?-[redacted]'],
  [/\bxapp-[A-Za-z0-9-]+/g, 'xapp-[redacted]'],
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, 'Bearer [redacted]'],
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '[redacted-jwt]'],
  [
    /\b([\w-]*(?:secret|token|password|signature|authorization)[\w-]*)(["']?\s*[:=]\s*["']?)[^\s"'&,;]+/gi,
    '$1$2[redacted]',
  ],
];

/** Makes an error safe to store as a job's last_error: its message only (no stack), secrets masked, truncated. */
export function safeErrorText(error: unknown): string {
  let text: string;
  if (error instanceof Error) text = error.message ? `${error.name}: ${error.message}` : error.name;
  else text = typeof error === 'string' ? error : String(error);
  for (const [pattern, replacement] of SCRUBBERS) text = text.replace(pattern, replacement);
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}
