import { describe, expect, it } from 'vitest';
import type { ChangeRecord } from '../../../../src/domain/change/change.ts';
import { COUNT_CAP } from '../../../../src/domain/views/list-page.ts';
import { LIST_PAGE_SIZE, listMessage } from '../../../../src/platforms/slack/render/command-text.ts';
import { HOME_LIST_MAX, renderHome } from '../../../../src/platforms/slack/render/home.ts';
import { LIMITS } from '../../../../src/platforms/slack/render/limits.ts';
import { renderListCard } from '../../../../src/platforms/teams/render/info-cards.ts';
import { mrkdwnTexts } from '../block-kit.ts';
import { limitBreaches } from './limits-check.ts';

const change = (id: number): ChangeRecord =>
  ({
    id,
    version: 1,
    type: 'normal',
    state: 'authorise',
    title: `Change ${id}`,
    riskLevel: 'medium',
    plannedStart: new Date('2026-03-06T09:00:00Z'),
    plannedEnd: new Date('2026-03-06T11:00:00Z'),
  }) as ChangeRecord;
const changes = (n: number, from = 1) => Array.from({ length: n }, (_, i) => change(from + i));

describe('paged lists (issue 7)', () => {
  it('shows every change of a /change list page, however long the titles', () => {
    const long = changes(LIST_PAGE_SIZE).map((c) => ({
      ...c,
      title: `Renew the TLS certificate ${'x'.repeat(120)} ${c.id}`,
    }));
    const message = listMessage({
      mine: long,
      awaitingMyVote: long,
      scheduledSoon: long,
      timezone: 'Europe/Berlin',
      page: 2,
    });
    const text = mrkdwnTexts(message.blocks).join('\n');
    for (const c of long) expect(text.match(new RegExp(`x ${c.id}\\b`, 'g'))).toHaveLength(3);
    expect(text).not.toMatch(/…and \d+ more\n|\n…and \d+ more$/);
    expect(limitBreaches(message.blocks, LIMITS.messageBlocks)).toEqual([]);
  });

  it('still offers the next page far down a list whose count reached its cap', () => {
    const page = 67;
    const offset = (page - 1) * LIST_PAGE_SIZE;
    const slack = listMessage({
      mine: changes(LIST_PAGE_SIZE, offset + 1),
      awaitingMyVote: [],
      scheduledSoon: [],
      timezone: 'UTC',
      totals: { mine: offset + COUNT_CAP, awaitingMyVote: 0, scheduledSoon: 0 },
      page,
    });
    expect(mrkdwnTexts(slack.blocks).join('\n')).toContain(`more: \`/change list ${page + 1}\``);
  });

  it('shows one page in App Home and says how many more the whole list holds', () => {
    const view = renderHome({
      mine: [],
      awaitingMyVote: changes(HOME_LIST_MAX),
      scheduledSoon: changes(3),
      timezone: 'UTC',
      totals: { mine: 0, awaitingMyVote: 42, scheduledSoon: 3 },
    });
    const text = mrkdwnTexts(view.blocks).join('\n');
    expect(text).toContain(`…and ${42 - HOME_LIST_MAX} more: \`/change list\``);
    expect(text.match(/more: /g)).toHaveLength(1);
    expect(limitBreaches(view.blocks, LIMITS.viewBlocks)).toEqual([]);
  });

  it('says "N+ more" when the count reached its cap', () => {
    const view = renderHome({
      mine: [],
      awaitingMyVote: changes(HOME_LIST_MAX),
      scheduledSoon: [],
      timezone: 'UTC',
      totals: { mine: 0, awaitingMyVote: COUNT_CAP, scheduledSoon: 0 },
    });
    expect(mrkdwnTexts(view.blocks).join('\n')).toContain(`…and ${COUNT_CAP - HOME_LIST_MAX}+ more`);
  });

  it('points /change list to its next page, and a later page to the one after', () => {
    const first = listMessage({
      mine: changes(LIST_PAGE_SIZE),
      awaitingMyVote: [],
      scheduledSoon: [],
      timezone: 'UTC',
      totals: { mine: 40, awaitingMyVote: 0, scheduledSoon: 0 },
      page: 1,
    });
    expect(mrkdwnTexts(first.blocks).join('\n')).toContain(
      `…and ${40 - LIST_PAGE_SIZE} more: \`/change list 2\``,
    );
    expect(first.text).toBe('40 open, 0 waiting for your vote, 0 in the next 7 days');
    const third = listMessage({
      mine: changes(10, 31),
      awaitingMyVote: [],
      scheduledSoon: [],
      timezone: 'UTC',
      totals: { mine: 40, awaitingMyVote: 0, scheduledSoon: 0 },
      page: 3,
    });
    expect(mrkdwnTexts(third.blocks).join('\n')).not.toContain('/change list 4');
    expect(limitBreaches(third.blocks, LIMITS.messageBlocks)).toEqual([]);
  });

  it('pages the Teams list card the same way', () => {
    const card = renderListCard({
      mine: { items: changes(15), total: 20, offset: 0 },
      awaitingMe: { items: [], total: 0, offset: 0 },
      soon: { items: [], total: 0, offset: 0 },
      page: 1,
    });
    expect(JSON.stringify(card)).toContain('…and 5 more: type \\"list 2\\".');
  });
});
