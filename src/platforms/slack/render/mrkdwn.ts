import { formatWhen } from '../../../app/describe.ts';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ELLIPSIS = '…';

/**
 * Escapes user text for mrkdwn: Slack parses only `&`, `<` and `>`, so escaping those three makes `<!channel>`,
 * `<@U…>` and `<http://x|y>` show literally and notify nobody.
 */
export const escapeMrkdwn = (text: string): string => text.replace(/[&<>]/g, (c) => ENTITIES[c] ?? c);

/** Undoes Slack's escaping, for message text copied into a plain-text input. */
export const unescapeSlack = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * Escapes user text and cuts it to at most `max` characters of mrkdwn, never inside an entity or a surrogate
 * pair; a cut ends with "…" and is reported so the caller can offer the full text elsewhere.
 */
export function fitMrkdwn(text: string, max: number): { text: string; cut: boolean } {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return { text: escaped, cut: false };
  let out = '';
  for (const ch of text) {
    const piece = ENTITIES[ch] ?? ch;
    if (out.length + piece.length > max - ELLIPSIS.length) break;
    out += piece;
  }
  return { text: out.trimEnd() + ELLIPSIS, cut: true };
}

/** Cuts plain text (not parsed by Slack, so not escaped) to `max` characters. */
export function fitPlain(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - ELLIPSIS.length) break;
    out += ch;
  }
  return out.trimEnd() + ELLIPSIS;
}

/** One line of user text for inline places (lists, headers): newlines folded into spaces. */
export const oneLine = (text: string): string => text.replace(/\s*\n+\s*/g, ' ').trim();

/**
 * A Slack date token: every reader sees the instant in their own time zone. The fallback (old clients,
 * notifications) is written in the policy's zone.
 */
export function slackDate(at: Date, fallbackTimeZone: string): string {
  const unix = Math.floor(at.getTime() / 1000);
  return `<!date^${unix}^{date_short_pretty} {time}|${escapeMrkdwn(formatWhen(at, fallbackTimeZone))}>`;
}

/**
 * How far away a moment is, as each reader's Slack shows it ("in 3 hours", "5 minutes ago"): Slack's
 * relative date token, so a deadline counts down on the card without the card being re-posted.
 */
export function slackRelative(at: Date, fallbackTimeZone: string): string {
  const unix = Math.floor(at.getTime() / 1000);
  return `<!date^${unix}^{ago}|${escapeMrkdwn(formatWhen(at, fallbackTimeZone))}>`;
}

/** A link to a URL we trust the shape of; anything else is shown as escaped text. */
export function safeLink(url: string, label: string): string {
  const usable = /^https:\/\/[^\s<>|]+$/.test(url) && URL.canParse(url);
  return usable ? `<${url}|${escapeMrkdwn(label)}>` : escapeMrkdwn(url);
}

/** Joins lines of mrkdwn up to `max` characters, ending with "…and N more" when some do not fit. */
export function fitLines(lines: readonly string[], max: number): string {
  const more = (n: number) => (n > 0 ? `\n…and ${n} more` : '');
  let out = '';
  for (const [i, line] of lines.entries()) {
    const left = lines.length - i - 1;
    const candidate = out === '' ? line : `${out}\n${line}`;
    if (candidate.length + more(left).length <= max) {
      out = candidate;
      continue;
    }
    // The previous round reserved room for this suffix, so it always fits.
    if (out !== '') return out + more(left + 1);
    return cutEscaped(line, max - more(left).length) + more(left);
  }
  return out;
}

/**
 * Joins lines of mrkdwn into as few texts of at most `max` characters as they fit in, dropping none (a page
 * of a list must show every item it counts; a single line over `max` is cut).
 */
export function packLines(lines: readonly string[], max: number): string[] {
  const texts: string[] = [];
  let out = '';
  for (const raw of lines) {
    const line = cutEscaped(raw, max);
    if (out !== '' && out.length + 1 + line.length > max) {
      texts.push(out);
      out = '';
    }
    out = out === '' ? line : `${out}\n${line}`;
  }
  if (out !== '') texts.push(out);
  return texts;
}

/** Cuts already-escaped mrkdwn at a safe place: never inside an entity (`&…;`) or a token (`<…>`). */
export function cutEscaped(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ELLIPSIS.length));
  const amp = cut.lastIndexOf('&');
  if (amp > cut.lastIndexOf(';')) cut = cut.slice(0, amp);
  const lt = cut.lastIndexOf('<');
  if (lt > cut.lastIndexOf('>')) cut = cut.slice(0, lt);
  return cut + ELLIPSIS;
}
