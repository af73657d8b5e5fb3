import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../../../src/domain/schedule/calendar.ts';
import type { ScheduledItem } from '../../../../src/domain/schedule/types.ts';
import {
  buildChangeCard,
  CARD_OVERLAPS_NAMED,
  type CardSchedule,
} from '../../../../src/domain/views/change-card.ts';
import { renderCalendarBlocks } from '../../../../src/platforms/slack/render/calendar.ts';
import { renderCard } from '../../../../src/platforms/slack/render/card.ts';
import { LIMITS } from '../../../../src/platforms/slack/render/limits.ts';
import { renderScheduleBlocks } from '../../../../src/platforms/slack/render/schedule-advice.ts';
import { NOW } from '../../../domain/fixtures.ts';
import { schedulePlatformPolicy } from '../../../helpers/schedule-policy.ts';
import { change } from '../../teams/change-fixture.ts';
import { limitBreaches } from './limits-check.ts';

const LONG = `<!channel> ${'x'.repeat(3000)}`;
const HOUR = 3_600_000;

/** A crowded day: 200 changes with the longest titles, all on the wiki, all overlapping each other. */
const crowd: ScheduledItem[] = Array.from({ length: 200 }, (_, i) => ({
  kind: 'change',
  id: i + 1,
  key: `CHG-${i + 1}`,
  title: LONG.slice(0, 150),
  services: ['wiki'],
  window: { start: new Date(NOW.getTime() + HOUR + i * 60_000), end: new Date(NOW.getTime() + 3 * HOUR) },
  state: 'authorise',
  details: ['Normal change', 'Low risk'],
}));

describe('the schedule in Block Kit stays within Slack’s limits and escapes what people typed', () => {
  it('a crowded calendar: every section cut with "…and N more", pages counted', () => {
    const view = buildCalendar({
      policy: schedulePlatformPolicy(),
      items: crowd,
      from: NOW,
      days: 60,
      timeZone: 'UTC',
      page: 1,
      pageSize: 25,
      stateLabel: () => 'Awaiting approval',
      serviceName: (id) => id,
    });
    const blocks = renderCalendarBlocks({ view, incomplete: true }, { withHeader: true, pageButtons: true });
    expect(limitBreaches(blocks, LIMITS.messageBlocks)).toEqual([]);
    const text = JSON.stringify(blocks);
    expect(text).toMatch(/…and \d+ more/);
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('More items than one calendar can hold');
  });

  it('the form’s schedule check with long warnings', () => {
    const blocks = renderScheduleBlocks({
      problems: [LONG],
      warnings: Array.from({ length: 50 }, () => LONG),
      slots: [1, 2, 3].map((i) => ({
        window: { start: NOW, end: NOW },
        label: `Slot ${i} ${'x'.repeat(100)}`,
      })),
      slotNote: 'Only 3.',
    });
    expect(limitBreaches(blocks, LIMITS.viewBlocks)).toEqual([]);
    expect(JSON.stringify(blocks)).not.toContain('<!channel>');
  });

  /** A CAB card on the wiki whose window overlaps the whole crowd: the first ten named, all counted. */
  const crowdedCard = (
    title: (i: ScheduledItem) => string,
    rest: Pick<CardSchedule, 'freezes' | 'outsideMaintenance' | 'freezeJustification'>,
  ) =>
    buildChangeCard({
      change: change(),
      audience: 'cab',
      requesterName: 'Rita',
      serviceNames: ['Wiki'],
      boardName: 'CAB',
      modelName: null,
      votes: [],
      questions: [],
      tally: null,
      schedule: {
        overlaps: crowd.slice(0, CARD_OVERLAPS_NAMED).map((i) => ({
          key: i.key,
          title: title(i),
          stateLabel: 'Scheduled',
          start: NOW,
          end: NOW,
        })),
        overlapCount: crowd.length,
        ...rest,
      },
    });

  it('the card’s schedule section with hundreds of overlaps and a long justification', () => {
    const view = crowdedCard((i) => i.title, {
      freezes: [{ name: LONG, level: 'soft', message: LONG }],
      outsideMaintenance: ['Wiki'],
      freezeJustification: LONG,
    });
    const message = renderCard(view, 'UTC');
    expect(limitBreaches(message.blocks, LIMITS.messageBlocks)).toEqual([]);
    expect(JSON.stringify(message.blocks)).not.toContain('<!channel>');
    expect(JSON.stringify(message.blocks)).toMatch(/…and \d+ more/);
  });

  it('names the first overlaps on the card and counts the rest', () => {
    const view = crowdedCard(() => 'Reindex the search', {
      freezes: [],
      outsideMaintenance: [],
      freezeJustification: null,
    });
    const text = JSON.stringify(renderCard(view, 'UTC').blocks);
    expect(text).toContain(`*CHG-${CARD_OVERLAPS_NAMED}*`);
    expect(text).not.toContain(`*CHG-${CARD_OVERLAPS_NAMED + 1}*`);
    expect(text).toContain(`…and ${crowd.length - CARD_OVERLAPS_NAMED} more overlapping items.`);
  });
});
