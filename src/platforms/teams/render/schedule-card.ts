import type { ChangeCardView } from '../../../domain/views/change-card.ts';
import type { CardElement } from './adaptive-card.ts';
import { labelled, localDateTime, systemText, userText } from './text.ts';

/** The schedule on a Teams change card: freezes, the justification, the first overlaps and their count, maintenance. */
export function scheduleContainer(view: ChangeCardView): CardElement | null {
  const s = view.schedule;
  if (!s) return null;
  const items: CardElement[] = [systemText('**Schedule**')];
  for (const f of s.freezes) {
    const level = f.level === 'hard' ? 'hard freeze, emergency only' : 'soft freeze';
    items.push(
      userText(`❄️ Inside the change freeze "${f.name}" (${level}).${f.message ? ` ${f.message}` : ''}`, {
        spacing: 'none',
      }),
    );
  }
  if (s.freezeJustification) items.push(labelled('Freeze justification:', s.freezeJustification, 600));
  for (const o of s.overlaps) {
    items.push(userText(`⚠️ Overlaps ${o.key} "${o.title}" (${o.stateLabel})`, { spacing: 'none' }));
    items.push(
      systemText(`${localDateTime(o.start)} – ${localDateTime(o.end)}`, {
        spacing: 'none',
        isSubtle: true,
        size: 'small',
      }),
    );
  }
  const unnamed = s.overlapCount - s.overlaps.length;
  if (unnamed > 0) items.push(systemText(`…and ${unnamed} more overlapping items.`, { spacing: 'none' }));
  if (s.outsideMaintenance.length > 0)
    items.push(
      userText(`⚠️ Outside the maintenance windows of ${s.outsideMaintenance.join(', ')}`, {
        spacing: 'none',
      }),
    );
  return { type: 'Container', style: 'warning', items };
}
