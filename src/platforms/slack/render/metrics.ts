import type { MetricsView } from '../../../domain/metrics/metrics-view.ts';
import { type Block, context, header, section } from './blocks.ts';
import type { SlackMessage } from './card.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

/**
 * The metrics message: a header, the scope, one section per group of figures (board names come from the
 * policy, so they are escaped like user text). The chart travels as the uploaded file beside these blocks.
 */
export function renderMetricsMessage(view: MetricsView): SlackMessage {
  const blocks: Block[] = [header(view.title), context([escapeMrkdwn(view.scope)])];
  for (const group of view.sections) {
    const lines = group.facts.map((f) => `${escapeMrkdwn(f.label)}: *${escapeMrkdwn(f.value)}*`);
    blocks.push(section(`*${escapeMrkdwn(group.heading)}*\n${lines.join('\n')}`));
  }
  const rate = view.sections[0]?.facts[0];
  return {
    text: escapeMrkdwn(
      `${view.title} (${view.scope})${rate ? `: ${rate.label.toLowerCase()} ${rate.value}` : ''}`,
    ),
    blocks,
  };
}
