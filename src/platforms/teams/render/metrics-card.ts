import type { DownloadLink } from '../../../app/export/export-jobs.ts';
import type { MetricsMessage } from '../../../app/metrics/metrics-message.ts';
import { type AdaptiveCard, type CardElement, card } from './adaptive-card.ts';
import { systemText, userText } from './text.ts';

/**
 * The metrics card: title, scope, the chart as an Image (a `data:` URI, which Teams does not count towards
 * its message size limit), then one FactSet per group of figures.
 */
export function renderMetricsCard(message: MetricsMessage): AdaptiveCard {
  const { view, chart } = message;
  const body: CardElement[] = [
    systemText(view.title, { style: 'heading', size: 'large', weight: 'bolder' }),
    userText(view.scope, { subtle: true, spacing: 'none' }),
    {
      type: 'Image',
      url: `data:image/png;base64,${chart.png.toString('base64')}`,
      altText: chart.altText,
      size: 'stretch',
    },
  ];
  for (const group of view.sections) {
    body.push(systemText(`**${group.heading}**`, { separator: true }));
    body.push({ type: 'FactSet', facts: group.facts.map((f) => ({ title: f.label, value: f.value })) });
  }
  return card({ body, fallbackText: `${view.title} (${view.scope})` });
}

/** A file the bot cannot hand over in Teams: its title, what it holds, and a button that opens the link. */
export function renderDownloadCard(link: DownloadLink): AdaptiveCard {
  return card({
    body: [
      systemText(link.title, { style: 'heading', size: 'medium', weight: 'bolder' }),
      userText(link.comment, { max: 1000 }),
    ],
    actions: [{ type: 'Action.OpenUrl', title: 'Download the zip', url: link.url }],
    fallbackText: `${link.title}: ${link.url}`,
  });
}
