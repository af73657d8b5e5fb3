import type { ChangeRecord } from '../../../domain/change/change.ts';
import { formatChangeKey } from '../../../domain/change/change-key.ts';
import { STATE_LABELS } from '../../../domain/change/lifecycle.ts';
import { RISK_LABELS } from '../../../domain/change/risk.ts';
import { TYPE_LABELS } from '../../../domain/views/change-card.ts';
import { fitMrkdwn, oneLine, slackDate } from './mrkdwn.ts';

/** One change in a list: key, title, type, risk, state and window (title escaped and cut). */
export function changeLine(change: ChangeRecord, tz: string): string {
  const emergency = change.type === 'emergency' ? ':rotating_light: ' : '';
  const title = fitMrkdwn(oneLine(change.title), 200).text;
  const window = `${slackDate(change.plannedStart, tz)} – ${slackDate(change.plannedEnd, tz)}`;
  return `${emergency}*${formatChangeKey(change.id)}* ${title}\n${TYPE_LABELS[change.type]} · ${RISK_LABELS[change.riskLevel]} risk · ${STATE_LABELS[change.state]} · ${window}`;
}
