import type { ChangeCardView } from '../../../domain/views/change-card.ts';
import { type Block, section } from './blocks.ts';
import { LIMITS } from './limits.ts';
import { escapeMrkdwn, fitLines, fitMrkdwn, oneLine, slackDate } from './mrkdwn.ts';

/** The schedule on a Slack change card: the first overlaps and their count, freezes, maintenance, the justification. */
export function scheduleSection(card: ChangeCardView, tz: string): Block | null {
  const s = card.schedule;
  if (!s) return null;
  const lines: string[] = ['*Schedule*'];
  for (const f of s.freezes) {
    const why = f.message ? ` ${escapeMrkdwn(oneLine(f.message))}` : '';
    const level = f.level === 'hard' ? 'hard freeze, emergency only' : 'soft freeze';
    lines.push(`:snowflake: Inside the change freeze *${escapeMrkdwn(oneLine(f.name))}* (${level}).${why}`);
  }
  if (s.freezeJustification)
    lines.push(`*Freeze justification:* ${fitMrkdwn(oneLine(s.freezeJustification), 600).text}`);
  for (const o of s.overlaps) {
    const when = `${slackDate(o.start, tz)} – ${slackDate(o.end, tz)}`;
    lines.push(`:warning: Overlaps *${o.key}* ${escapeMrkdwn(oneLine(o.title))} (${o.stateLabel}, ${when})`);
  }
  const unnamed = s.overlapCount - s.overlaps.length;
  if (unnamed > 0) lines.push(`…and ${unnamed} more overlapping items.`);
  if (s.outsideMaintenance.length > 0)
    lines.push(
      `:warning: Outside the maintenance windows of ${s.outsideMaintenance.map(escapeMrkdwn).join(', ')}`,
    );
  return section(fitLines(lines, LIMITS.sectionText));
}

/** One line for the requester's confirmation: the warnings they went ahead with (null when there are none). */
export function scheduleWarningLine(card: ChangeCardView): string | null {
  const s = card.schedule;
  if (!s) return null;
  const parts = [
    ...(s.overlaps.length > 0 ? [`overlaps ${overlapKeys(s)}`] : []),
    ...(s.freezes.length > 0
      ? [`inside the freeze ${s.freezes.map((f) => escapeMrkdwn(oneLine(f.name))).join(', ')}`]
      : []),
    ...(s.outsideMaintenance.length > 0
      ? [`outside the maintenance windows of ${s.outsideMaintenance.map(escapeMrkdwn).join(', ')}`]
      : []),
  ];
  return parts.length === 0
    ? null
    : `:warning: Its window: ${parts.join('; ')}. The CAB sees this on the card.`;
}

/** "CHG-2, CHG-3 and 8 more": the named overlaps and the count of the rest. */
function overlapKeys(s: NonNullable<ChangeCardView['schedule']>): string {
  const named = s.overlaps.map((o) => o.key).join(', ');
  const unnamed = s.overlapCount - s.overlaps.length;
  return unnamed > 0 ? `${named} and ${unnamed} more` : named;
}
