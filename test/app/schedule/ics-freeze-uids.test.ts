import { afterEach, describe, expect, it } from 'vitest';
import { buildIcsFeed } from '../../../src/app/schedule/ics-feed.ts';
import type { Policy } from '../../../src/domain/policy/types.ts';
import { schedulePlatformPolicy } from '../../helpers/schedule-policy.ts';
import { type AppHarness, createAppHarness } from '../harness.ts';

let h: AppHarness;
afterEach(() => h.close());

/** UIDs of the feed's freezes, its folded lines (RFC 5545) joined first. */
const freezeUids = (ics: string) =>
  [...ics.replace(/\r?\n[ \t]/g, '').matchAll(/^UID:(freeze-.*?)\r?$/gm)].map((m) => m[1]);

const once = (start: string, end: string) => ({
  kind: 'once' as const,
  start: new Date(start),
  end: new Date(end),
});

describe('the ICS feed names each freeze occurrence once', () => {
  it('gives different freezes that share a name and start, or a non-Latin name, different UIDs', () => {
    const base = schedulePlatformPolicy();
    const policy: Policy = {
      ...base,
      freezes: [
        {
          name: 'Black Friday',
          timing: once('2026-03-10T00:00:00Z', '2026-03-11T00:00:00Z'),
          services: ['web'],
          level: 'hard',
          message: '',
        },
        {
          name: 'Black Friday',
          timing: once('2026-03-10T00:00:00Z', '2026-03-11T00:00:00Z'),
          services: 'all',
          level: 'soft',
          message: '',
        },
        {
          name: '年末',
          timing: once('2026-03-20T00:00:00Z', '2026-03-21T00:00:00Z'),
          services: 'all',
          level: 'soft',
          message: '',
        },
        {
          name: '夏休み',
          timing: once('2026-03-20T00:00:00Z', '2026-03-21T00:00:00Z'),
          services: 'all',
          level: 'soft',
          message: '',
        },
      ],
    };
    h = createAppHarness({ policy });
    const uids = freezeUids(buildIcsFeed(h.ctx));
    expect(uids).toHaveLength(4);
    expect(new Set(uids).size).toBe(4);
    // The same freeze read again keeps its UID (a calendar updates the event rather than adding one).
    const again = freezeUids(buildIcsFeed(h.ctx));
    expect(again).toEqual(uids);
  });
});
