import { describe, expect, it } from 'vitest';
import type { ReleaseNoteLine } from '../../../src/domain/release/notes.ts';
import { notesElements } from '../../../src/platforms/teams/release/render.ts';

const note = (i: number): ReleaseNoteLine => ({
  key: `CHG-${i}`,
  title: `Change ${i}`,
  type: 'normal',
  services: ['web'],
  requester: 'Rita',
  link: null,
});

describe('Teams release notes at scale', () => {
  it('lists the first 50 changes and counts the rest, as Slack does', () => {
    const elements = JSON.stringify(notesElements(Array.from({ length: 1_000 }, (_, i) => note(i + 1))));
    expect(elements).toContain('CHG-50 ');
    expect(elements).not.toContain('CHG-51 ');
    expect(elements).toContain('…and 950 more.');
  });

  it('says nothing more when every change is listed', () => {
    expect(JSON.stringify(notesElements([note(1), note(2)]))).not.toContain('more');
  });
});
