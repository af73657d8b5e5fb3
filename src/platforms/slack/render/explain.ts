import type { ExplanationView } from '../../../domain/approval/explain.ts';
import { type Block, header, section } from './blocks.ts';
import type { SlackMessage } from './card.ts';
import { LIMITS } from './limits.ts';
import { escapeMrkdwn, fitLines } from './mrkdwn.ts';

/** `/change explain CHG-n`: one section per part of the explanation; every line is escaped (names, titles). */
export function explainMessage(view: ExplanationView): SlackMessage {
  const blocks: Block[] = [header(`Why ${view.key} is where it is`)];
  blocks.push(section(`*${view.key}* · ${escapeMrkdwn(view.title)}`));
  for (const part of view.sections) {
    const lines = [`*${part.heading}*`, ...part.lines.map(escapeMrkdwn)];
    blocks.push(section(fitLines(lines, LIMITS.sectionText)));
  }
  return { text: `Why ${view.key} is where it is`, blocks };
}
