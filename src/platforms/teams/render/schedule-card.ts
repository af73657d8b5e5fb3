import type { ChangeCardView } from '../../../domain/views/change-card.ts';
import type { CardElement } from './adaptive-card.ts';
import { labelled, localDateTime, systemText, userText } from './text.ts';

const SHOWN_OVERLAPS = 10;

/** The schedule on a Teams change card: freezes, the justification, every overlap, maintenance. */
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
  for (const o of s.overlaps.slice(0, SHOWN_OVERLAPS)) {
    items.push(userText(`⚠️ Overlaps ${o.key} "${o.title}" (${o.stateLabel})`, { spacing: 'none' }));
    items.push(
      systemText(`${localDateTime(o.start)} – ${localDateTime(o.end)}`, {
        spacing: 'none',
        isSubtle: true,
        size: 'small',
      }),
    );
  }
  if (s.overlaps.length > SHOWN_OVERLAPS)
    items.push(
      systemText(`…and ${s.overlaps.length - SHOWN_OVERLAPS} more overlapping items.`, { spacing: 'none' }),
    );
  if (s.outsideMaintenance.length > 0)
    items.push(
      userText(`⚠️ Outside the maintenance windows of ${s.outsideMaintenance.join(', ')}`, {
        spacing: 'none',
      }),
    );
  return { type: 'Container', style: 'warning', items };
}
