import { describe, expect, it } from 'vitest';
import { renderChangeCard } from '../../../src/platforms/teams/render/change-card.ts';
import { cardProblems, cardText } from './card-structure.ts';
import { change, view } from './change-fixture.ts';

describe('the Teams change card after an edit', () => {
  it('shows what changed since the version the CAB voted on, as typed', () => {
    const v = {
      ...view(change()),
      sinceVotes: { fromVersion: 1, lines: ['Services: added CRM', '  + Run **it**'] },
    };
    const card = renderChangeCard(v, { votes: 'buttons' });
    expect(cardProblems(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('Changed since version 1, the one voted on');
    expect(text).toContain('Services: added CRM');
    // User text goes into a TextRun, where Markdown is not interpreted.
    expect(JSON.stringify(card)).toContain('{"type":"TextRun","text":"  + Run **it**"}');
  });

  it('has no such section without a reopened decision', () => {
    expect(cardText(renderChangeCard(view(change()), { votes: 'buttons' }))).not.toContain('Changed since');
  });
});
