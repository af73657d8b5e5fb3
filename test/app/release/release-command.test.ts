import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextInstanceOf } from '../../../src/app/release/manage-release.ts';
import { planTrains } from '../../../src/app/release/plan-trains.ts';
import {
  type ReleaseTargetSubcommand,
  readReleaseTarget,
  runReleaseCommand,
} from '../../../src/app/release/release-command.ts';
import { syncPolicyPeople } from '../../../src/app/use-cases/sync-policy-people.ts';
import { type AppHarness, createAppHarness } from '../harness.ts';
import { releasePolicy } from './release-fixture.ts';

let h: AppHarness;
beforeEach(() => {
  h = createAppHarness({ policy: releasePolicy() });
  syncPolicyPeople(h.ctx);
  planTrains(h.ctx);
});
afterEach(() => h.close());

const read = (text: string) => {
  const words = text.split(' ');
  return readReleaseTarget(h.ctx, words[0] as ReleaseTargetSubcommand, words);
};

describe('the typed release command, for both platforms', () => {
  it.each([
    ['add REL-1', { kind: 'no_change' }],
    ['remove banana REL-1', { kind: 'no_change' }],
    ['show', { kind: 'no_release', withChange: false, typed: undefined }],
    ['start banana', { kind: 'no_release', withChange: false, typed: 'banana' }],
    ['add CHG-7', { kind: 'no_release', withChange: true, typed: undefined }],
    ['show REL-999', { kind: 'missing', key: 'REL-999' }],
    ['skip hotfix', { kind: 'no_instance', model: 'hotfix' }],
  ])('reads "%s" as %o', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('reads the release, the change and the rest a subcommand names', () => {
    expect(read('add CHG-7 REL-1')).toMatchObject({
      kind: 'target',
      target: { sub: 'add', releaseId: 1, key: 'REL-1', changeId: 7, release: { id: 1 } },
    });
    expect(read('cancel REL-1 too risky today')).toMatchObject({
      kind: 'target',
      target: { releaseId: 1, changeId: null, rest: 'too risky today' },
    });
    // `skip MODEL` is the train's next instance.
    const next = nextInstanceOf(h.ctx, 'web-train');
    expect(next).not.toBeNull();
    expect(read('skip web-train')).toMatchObject({ kind: 'target', target: { releaseId: next?.id } });
  });

  it('runs the use case, and reads a new start in the release zone', () => {
    const rita = h.slackActor('UREQ', 'Rita', 'rita@example.com');
    const target = read('move REL-1 next tuesday');
    if (target.kind !== 'target') throw new Error('REL-1 is planned');
    expect(runReleaseCommand(h.ctx, rita, 'move', target.target)).toEqual({
      kind: 'bad_time',
      zone: 'Europe/Berlin',
    });
    const cancel = read('cancel REL-1 not this week');
    if (cancel.kind !== 'target') throw new Error('REL-1 is planned');
    expect(runReleaseCommand(h.ctx, rita, 'cancel', cancel.target)).toMatchObject({
      kind: 'ran',
      result: { ok: true },
    });
    expect(h.ctx.repos.releases.get(1)?.state).toBe('cancelled');
  });
});
