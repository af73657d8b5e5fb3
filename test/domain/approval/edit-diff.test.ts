import { describe, expect, it } from 'vitest';
import { describeDiff, diffVersions, type VersionSnapshot } from '../../../src/domain/approval/edit-diff.ts';
import { hoursAfter, NOW } from '../fixtures.ts';

const v1: VersionSnapshot = {
  version: 1,
  title: 'Upgrade the wiki',
  description: 'Move to 2.4.',
  justification: 'Editors lose work.',
  services: ['wiki'],
  plannedStart: hoursAfter(NOW, 96),
  plannedEnd: hoursAfter(NOW, 98),
  riskLevel: 'medium',
  riskScore: 6,
  implementationPlan: 'Stop the wiki.\nRun the upgrade playbook.\nStart the wiki.',
  backoutPlan: 'Restore the snapshot.',
  testPlan: '',
};

const words = {
  window: (s: Date, e: Date) => `${s.toISOString().slice(5, 16)}–${e.toISOString().slice(11, 16)}`,
  serviceName: (id: string) => ({ wiki: 'Wiki', crm: 'CRM', web: 'Web shop' })[id] ?? id,
};

describe('the diff after an edit', () => {
  it('finds nothing when only the version changed', () => {
    const diff = diffVersions(v1, { ...v1, version: 2 });
    expect(diff).toEqual({ fromVersion: 1, toVersion: 2, items: [] });
    expect(describeDiff(diff, words)).toEqual([
      'Nothing the CAB sees changed (only the form was saved again).',
    ]);
  });

  it('reports a moved window with both windows', () => {
    const diff = diffVersions(v1, {
      ...v1,
      version: 2,
      plannedStart: hoursAfter(NOW, 120),
      plannedEnd: hoursAfter(NOW, 121),
    });
    expect(describeDiff(diff, words)).toEqual(['Window moved: 03-06T09:00–11:00 → 03-07T09:00–10:00']);
  });

  it('reports services added and removed by name', () => {
    const diff = diffVersions(v1, { ...v1, version: 2, services: ['crm', 'web'] });
    expect(diff.items).toEqual([{ kind: 'services', added: ['crm', 'web'], removed: ['wiki'] }]);
    expect(describeDiff(diff, words)).toEqual(['Services: added CRM, Web shop; removed Wiki']);
    expect(describeDiff(diffVersions(v1, { ...v1, services: ['wiki', 'crm'] }), words)).toEqual([
      'Services: added CRM',
    ]);
  });

  it('reports the plan lines that went and came, not the whole plan', () => {
    const after = {
      ...v1,
      version: 3,
      implementationPlan: 'Stop the wiki.\nRun the upgrade playbook v2.\nStart the wiki.',
    };
    expect(describeDiff(diffVersions(v1, after), words)).toEqual([
      'Implementation plan changed:',
      '  − Run the upgrade playbook.',
      '  + Run the upgrade playbook v2.',
    ]);
  });

  it('reports a plan that was empty and is now written, and whitespace-only edits not at all', () => {
    const after = {
      ...v1,
      version: 2,
      testPlan: 'Open three pages.',
      backoutPlan: 'Restore the snapshot.  ',
    };
    expect(describeDiff(diffVersions(v1, after), words)).toEqual([
      'Test plan changed:',
      '  + Open three pages.',
    ]);
  });

  it('reports a new risk level and score', () => {
    const diff = diffVersions(v1, { ...v1, version: 2, riskLevel: 'high', riskScore: 9 });
    expect(describeDiff(diff, words)).toEqual(['Risk: Medium (6) → High (9)']);
  });

  it('keeps a long plan diff short', () => {
    const many = Array.from({ length: 10 }, (_, i) => `Step ${i}`).join('\n');
    const lines = describeDiff(diffVersions(v1, { ...v1, implementationPlan: many }), words);
    expect(lines[0]).toBe('Implementation plan changed:');
    expect(lines).toHaveLength(8);
    expect(lines.at(-1)).toBe('  …and 7 more lines');
  });

  it('lists every kind of change in a fixed order', () => {
    const diff = diffVersions(v1, {
      ...v1,
      version: 2,
      title: 'Upgrade the wiki now',
      services: ['wiki', 'crm'],
      plannedStart: hoursAfter(NOW, 97),
      riskScore: 7,
    });
    expect(diff.items.map((i) => (i.kind === 'text' ? i.field : i.kind))).toEqual([
      'window',
      'services',
      'risk',
      'title',
    ]);
  });
});
