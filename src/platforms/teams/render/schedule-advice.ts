import type { ScheduleAdviceView } from '../../../domain/views/schedule-advice.ts';
import type { CardElement, ExecuteAction } from './adaptive-card.ts';
import { systemText, userText } from './text.ts';

/** Warnings shown on the form; the rest are counted (a card must stay under Teams' 28 KB). */
const SHOWN_WARNINGS = 10;

/**
 * The form's schedule check under the window fields: a button that checks the window, then what it found
 * (refusals, warnings) and the free windows, each a button that fills the window in. `data` is the form's
 * own (its time zone, and the change being edited); a slot adds the window it fills in.
 */
export function scheduleElements(
  advice: ScheduleAdviceView | null,
  data: ExecuteAction['data'],
): CardElement[] {
  const check: CardElement = {
    type: 'ActionSet',
    actions: [
      { type: 'Action.Execute', title: 'Check window · find free slots', verb: 'schedule_check', data },
    ],
  };
  if (!advice) return [check];
  if (advice.pending) return [check, systemText(`ℹ️ ${advice.pending}`, { size: 'small' })];
  const lines: CardElement[] = [
    ...advice.problems.map((p) => userText(`⛔ ${p}`, { size: 'small' })),
    ...advice.warnings.slice(0, SHOWN_WARNINGS).map((w) => userText(`⚠️ ${w}`, { size: 'small', max: 400 })),
    ...(advice.warnings.length > SHOWN_WARNINGS
      ? [systemText(`…and ${advice.warnings.length - SHOWN_WARNINGS} more warnings.`, { size: 'small' })]
      : []),
    ...(advice.problems.length + advice.warnings.length === 0
      ? [systemText('✅ No conflicts in this window.', { size: 'small' })]
      : []),
    ...(advice.slotNote ? [systemText(advice.slotNote, { size: 'small', isSubtle: true })] : []),
    ...(advice.slots.length > 0
      ? [systemText('Free windows of the same length (a click fills the window):', { size: 'small' })]
      : []),
  ];
  const out: CardElement[] = [check, { type: 'Container', style: 'emphasis', items: lines }];
  if (advice.slots.length > 0) {
    out.push({
      type: 'ActionSet',
      actions: advice.slots.map((slot) => ({
        type: 'Action.Execute',
        title: slot.label,
        verb: 'schedule_pick',
        data: { ...data, slotStart: slot.window.start.toISOString(), slotEnd: slot.window.end.toISOString() },
      })),
    });
  }
  return out;
}
