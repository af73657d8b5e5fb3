import type { RichTextBlock, TextBlock, TextRun } from './adaptive-card.ts';

/** Shortens text past `max` characters, so one long field cannot push a card over Teams' size limit. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/**
 * Text someone typed (titles, plans, reasons, names) goes into TextRuns: Teams does not read Markdown in a
 * TextRun, so "*urgent*" or a crafted link shows as typed instead of being rendered.
 */
export function userText(
  text: string,
  opts: {
    max?: number;
    weight?: TextRun['weight'];
    size?: TextRun['size'];
    subtle?: boolean;
    spacing?: RichTextBlock['spacing'];
  } = {},
): RichTextBlock {
  const run: TextRun = {
    type: 'TextRun',
    text: opts.max === undefined ? text : clip(text, opts.max),
    ...(opts.weight ? { weight: opts.weight } : {}),
    ...(opts.size ? { size: opts.size } : {}),
    ...(opts.subtle ? { isSubtle: true } : {}),
  };
  return { type: 'RichTextBlock', inlines: [run], ...(opts.spacing ? { spacing: opts.spacing } : {}) };
}

/** A label followed by text someone typed, e.g. "Reason: " + the reason, on one line. */
export function labelled(label: string, text: string, max?: number): RichTextBlock {
  return {
    type: 'RichTextBlock',
    inlines: [
      { type: 'TextRun', text: `${label} `, weight: 'bolder' },
      { type: 'TextRun', text: max === undefined ? text : clip(text, max) },
    ],
  };
}

/** Text we wrote ourselves (labels, states, counts): Markdown allowed, wrapped. */
export function systemText(text: string, opts: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock {
  return { type: 'TextBlock', text, wrap: true, ...opts };
}

/** RFC 3339 without milliseconds: the only form Teams' DATE()/TIME() functions accept. */
const rfc3339 = (at: Date): string => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * A date and time each reader sees in their own time zone: Teams expands {{DATE()}} and {{TIME()}} on the
 * client, so one card serves a CAB spread over several zones.
 */
export function localDateTime(at: Date): string {
  const iso = rfc3339(at);
  return `{{DATE(${iso}, SHORT)}} {{TIME(${iso})}}`;
}
