import type { ChangeRecord } from '../change/change.ts';
import { RISK_LABELS } from '../change/risk.ts';
import type { RiskLevel } from '../change/types.ts';

/** What a version of a change said: what a CAB member saw when they voted on it. */
export interface VersionSnapshot {
  readonly version: number;
  readonly title: string;
  readonly description: string;
  readonly justification: string;
  readonly services: readonly string[];
  readonly plannedStart: Date;
  readonly plannedEnd: Date;
  readonly riskLevel: RiskLevel;
  readonly riskScore: number;
  readonly implementationPlan: string;
  readonly backoutPlan: string;
  readonly testPlan: string;
}

export const TEXT_FIELDS = {
  title: 'Title',
  description: 'Description',
  justification: 'Justification',
  implementationPlan: 'Implementation plan',
  backoutPlan: 'Backout plan',
  testPlan: 'Test plan',
} as const;
export type TextField = keyof typeof TEXT_FIELDS;

export type DiffItem =
  | {
      readonly kind: 'window';
      readonly from: { readonly start: Date; readonly end: Date };
      readonly to: { readonly start: Date; readonly end: Date };
    }
  | { readonly kind: 'services'; readonly added: readonly string[]; readonly removed: readonly string[] }
  | {
      readonly kind: 'risk';
      readonly from: RiskLevel;
      readonly to: RiskLevel;
      readonly fromScore: number;
      readonly toScore: number;
    }
  | {
      readonly kind: 'text';
      readonly field: TextField;
      /** Lines of the old text that are gone, and lines of the new text that are new, in order. */
      readonly removed: readonly string[];
      readonly added: readonly string[];
    };

export interface EditDiff {
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly items: readonly DiffItem[];
}

export const snapshotOf = (change: ChangeRecord): VersionSnapshot => ({
  version: change.version,
  title: change.title,
  description: change.description,
  justification: change.justification,
  services: [...change.services],
  plannedStart: change.plannedStart,
  plannedEnd: change.plannedEnd,
  riskLevel: change.riskLevel,
  riskScore: change.riskScore,
  implementationPlan: change.implementationPlan,
  backoutPlan: change.backoutPlan,
  testPlan: change.testPlan,
});

const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** Lines only in `a`, keeping `a`'s order (each occurrence counted, so a repeated line removed once shows once). */
function only(a: readonly string[], b: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const line of b) left.set(line, (left.get(line) ?? 0) + 1);
  return a.filter((line) => {
    const n = left.get(line) ?? 0;
    if (n === 0) return true;
    left.set(line, n - 1);
    return false;
  });
}

/**
 * ITIL change control: what changed between the version a CAB voted on and the one it is asked about now
 * (window, services, risk, and the text of the plans), so a reopened decision is made on the difference.
 */
export function diffVersions(before: VersionSnapshot, after: VersionSnapshot): EditDiff {
  const items: DiffItem[] = [];
  if (
    before.plannedStart.getTime() !== after.plannedStart.getTime() ||
    before.plannedEnd.getTime() !== after.plannedEnd.getTime()
  ) {
    items.push({
      kind: 'window',
      from: { start: before.plannedStart, end: before.plannedEnd },
      to: { start: after.plannedStart, end: after.plannedEnd },
    });
  }
  const added = after.services.filter((s) => !before.services.includes(s));
  const removed = before.services.filter((s) => !after.services.includes(s));
  if (added.length > 0 || removed.length > 0) items.push({ kind: 'services', added, removed });
  if (before.riskLevel !== after.riskLevel || before.riskScore !== after.riskScore) {
    items.push({
      kind: 'risk',
      from: before.riskLevel,
      to: after.riskLevel,
      fromScore: before.riskScore,
      toScore: after.riskScore,
    });
  }
  for (const field of Object.keys(TEXT_FIELDS) as TextField[]) {
    if (before[field].trim() === after[field].trim()) continue;
    const was = linesOf(before[field]);
    const now = linesOf(after[field]);
    items.push({ kind: 'text', field, removed: only(was, now), added: only(now, was) });
  }
  return { fromVersion: before.version, toVersion: after.version, items };
}

export interface DiffWords {
  /** How a window is written for the reader, e.g. "Fri 6 Mar 10:00–12:00 (Europe/Berlin)". */
  readonly window: (start: Date, end: Date) => string;
  readonly serviceName: (id: string) => string;
}

const MAX_LINES_PER_TEXT = 3;
const MAX_LINE = 140;
const clip = (s: string): string => (s.length <= MAX_LINE ? s : `${s.slice(0, MAX_LINE - 1)}…`);

/** The diff in sentences, one item a line or a few (plain text: renderers escape what people typed). */
export function describeDiff(diff: EditDiff, words: DiffWords): string[] {
  if (diff.items.length === 0) return ['Nothing the CAB sees changed (only the form was saved again).'];
  const out: string[] = [];
  for (const item of diff.items) {
    switch (item.kind) {
      case 'window':
        out.push(
          `Window moved: ${words.window(item.from.start, item.from.end)} → ${words.window(item.to.start, item.to.end)}`,
        );
        break;
      case 'services': {
        const parts = [
          item.added.length > 0 ? `added ${item.added.map(words.serviceName).join(', ')}` : '',
          item.removed.length > 0 ? `removed ${item.removed.map(words.serviceName).join(', ')}` : '',
        ].filter(Boolean);
        out.push(`Services: ${parts.join('; ')}`);
        break;
      }
      case 'risk':
        out.push(
          `Risk: ${RISK_LABELS[item.from]} (${item.fromScore}) → ${RISK_LABELS[item.to]} (${item.toScore})`,
        );
        break;
      case 'text': {
        out.push(`${TEXT_FIELDS[item.field]} changed:`);
        const shown = [
          ...item.removed.map((l) => `  − ${clip(l)}`),
          ...item.added.map((l) => `  + ${clip(l)}`),
        ];
        out.push(...shown.slice(0, MAX_LINES_PER_TEXT * 2));
        if (shown.length > MAX_LINES_PER_TEXT * 2)
          out.push(`  …and ${shown.length - MAX_LINES_PER_TEXT * 2} more lines`);
        break;
      }
    }
  }
  return out;
}
