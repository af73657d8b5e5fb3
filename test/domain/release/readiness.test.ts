import { describe, expect, it } from 'vitest';
import {
  checklistAsSeen,
  DEFAULT_CHECKLIST,
  newChecklist,
  toggleStep,
} from '../../../src/domain/release/checklist.ts';
import { releaseNotes } from '../../../src/domain/release/notes.ts';
import { checkCanStart, readinessOf } from '../../../src/domain/release/readiness.ts';
import { managerFor } from '../../../src/domain/release/rotation.ts';
import type { IncludedChange } from '../../../src/domain/release/types.ts';

const change = (id: number, state: string): IncludedChange => ({
  id,
  title: `Change ${id}`,
  state,
  type: 'normal',
  services: ['web'],
  requesterName: 'Rita',
  link: null,
});

describe('the readiness rule (verify the service components)', () => {
  it.each([
    [[], true],
    [[change(1, 'scheduled')], true],
    [[change(1, 'scheduled'), change(2, 'closed'), change(3, 'implement'), change(4, 'review')], true],
    [[change(1, 'scheduled'), change(2, 'authorise')], false],
    [[change(1, 'assess')], false],
    [[change(1, 'rejected')], false],
  ])('with %j is %s', (changes, verified) => {
    expect(readinessOf(changes).componentsVerified).toBe(verified);
  });

  it('refuses a start naming every unapproved change and the way out', () => {
    expect(
      checkCanStart('REL-3', [change(1, 'scheduled'), change(2, 'authorise'), change(5, 'assess')]),
    ).toEqual({
      ok: false,
      error: {
        code: 'changes_not_approved',
        message:
          'REL-3 cannot start: CHG-2, CHG-5 are not approved yet. Get them approved, or drop them from the release.',
      },
    });
    expect(checkCanStart('REL-3', [change(1, 'scheduled')]).ok).toBe(true);
  });
});

describe('the checklist', () => {
  it('is the practice’s seven steps by default, the third one computed', () => {
    expect(DEFAULT_CHECKLIST).toHaveLength(7);
    expect(DEFAULT_CHECKLIST.map((s) => s.auto)).toEqual([null, null, 'components', null, null, null, null]);
  });

  it('ticks manual steps with who and when, and refuses to tick the computed one', () => {
    const items = newChecklist(DEFAULT_CHECKLIST);
    const at = new Date('2026-03-02T09:00:00Z');
    const ticked = toggleStep(items, 0, true, 'Rita', at);
    expect(ticked?.[0]).toMatchObject({ done: true, by: 'Rita', at: '2026-03-02T09:00:00.000Z' });
    expect(toggleStep(ticked ?? [], 0, false, 'Rita', at)?.[0]).toMatchObject({ done: false, by: null });
    expect(toggleStep(items, 2, true, 'Rita', at)).toBeNull();
    expect(toggleStep(items, 9, true, 'Rita', at)).toBeNull();
    expect(checklistAsSeen(items, true)[2]?.done).toBe(true);
    expect(checklistAsSeen(items, false)[2]?.done).toBe(false);
  });
});

describe('rotation of release managers', () => {
  const a = { email: 'a@x.com' };
  const b = { email: 'b@x.com' };
  const c = { email: 'c@x.com' };
  it.each([
    [0, a],
    [1, b],
    [2, c],
    [3, a],
    [7, b],
  ])('instance %i is run by %j', (n, who) => {
    expect(managerFor([a, b, c], n)).toEqual(who);
  });
  it('has nobody when the model names nobody', () => {
    expect(managerFor([], 4)).toBeNull();
  });
});

describe('release notes', () => {
  it('list the included changes in key order with type, services, requester and link', () => {
    const notes = releaseNotes([{ ...change(9, 'closed'), link: 'https://x/9' }, change(2, 'closed')]);
    expect(notes).toEqual([
      { key: 'CHG-2', title: 'Change 2', type: 'normal', services: ['web'], requester: 'Rita', link: null },
      {
        key: 'CHG-9',
        title: 'Change 9',
        type: 'normal',
        services: ['web'],
        requester: 'Rita',
        link: 'https://x/9',
      },
    ]);
  });
});
