import type { ExplanationView } from '../../../domain/approval/explain.ts';
import { type AdaptiveCard, type CardElement, card } from './adaptive-card.ts';
import { clip, systemText, userText } from './text.ts';

/** `explain CHG-n`: one heading per part; every line as a TextRun, since lines quote names and titles. */
export function renderExplainCard(view: ExplanationView): AdaptiveCard {
  const body: CardElement[] = [
    systemText(`Why ${view.key} is where it is`, { style: 'heading', size: 'large', weight: 'bolder' }),
    userText(`${view.key} · ${clip(view.title, 120)}`, { weight: 'bolder' }),
  ];
  for (const part of view.sections) {
    body.push(systemText(`**${part.heading}**`, { separator: true }));
    for (const line of part.lines) body.push(userText(clip(line, 400), { spacing: 'none' }));
  }
  return card({ body, fallbackText: `Why ${view.key} is where it is` });
}
