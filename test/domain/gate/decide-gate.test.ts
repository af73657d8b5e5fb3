import { describe, expect, it } from 'vitest';
import type { ChangeState, ChangeType } from '../../../src/domain/change/types.ts';
import { decideGate } from '../../../src/domain/gate/decide-gate.ts';
import type { Freeze, GateChange, GateInput } from '../../../src/domain/gate/types.ts';
import { hoursAfter, NOW } from '../fixtures.ts';

const change = (state: ChangeState, over: Partial<GateChange> = {}): GateChange => ({
  id: 7,
  title: 'Deploy web 1.4',
  type: 'normal' as ChangeType,
  state,
  services: ['web'],
  plannedStart: hoursAfter(NOW, -1),
  plannedEnd: hoursAfter(NOW, 1),
  modelId: null,
  ...over,
});

const input = (over: Partial<GateInput> = {}): GateInput => ({
  service: 'web',
  environment: 'production',
  now: NOW,
  requiresChange: true,
  named: null,
  candidates: [],
  freezes: [],
  models: [{ id: 'cert', services: ['web'] }],
  ...over,
});

const hard: Freeze = {
  name: 'Year end',
  hard: true,
  services: 'all',
  start: hoursAfter(NOW, -2),
  end: hoursAfter(NOW, 2),
};
const soft: Freeze = { ...hard, name: 'Sale', hard: false, services: ['web'] };

const codes = (i: GateInput) => {
  const d = decideGate(i);
  return [d.outcome, ...d.reasons.map((r) => r.code)];
};

describe('decideGate', () => {
  it.each([
    [
      'an approved change in its window',
      input({ named: change('scheduled') }),
      ['allowed', 'change_approved'],
    ],
    ['a change already in progress', input({ named: change('implement') }), ['allowed', 'change_approved']],
    [
      'a change before its window',
      input({
        named: change('scheduled', { plannedStart: hoursAfter(NOW, 1), plannedEnd: hoursAfter(NOW, 2) }),
      }),
      ['prevented', 'outside_window'],
    ],
    [
      'a change after its window',
      input({ named: change('scheduled', { plannedEnd: hoursAfter(NOW, -0.5) }) }),
      ['prevented', 'outside_window'],
    ],
    ['a rejected change', input({ named: change('rejected') }), ['prevented', 'change_rejected']],
    ['an expired change', input({ named: change('expired') }), ['prevented', 'change_expired']],
    ['a cancelled change', input({ named: change('cancelled') }), ['prevented', 'change_cancelled']],
    ['a completed change', input({ named: change('review') }), ['prevented', 'change_completed']],
    ['a change being decided', input({ named: change('authorise') }), ['awaiting', 'change_pending']],
    [
      'a change of another service',
      input({ named: change('scheduled', { services: ['crm'] }) }),
      ['prevented', 'change_not_covering'],
    ],
    ['a change that does not exist', input({ named: 'missing' }), ['prevented', 'change_not_found']],
    ['no change where one is required', input(), ['prevented', 'no_change']],
    [
      'no change where none is required',
      input({ requiresChange: false }),
      ['allowed', 'change_not_required'],
    ],
    [
      'a rejected change where none is required',
      input({ requiresChange: false, named: change('rejected') }),
      ['prevented', 'change_rejected'],
    ],
    [
      'a standard change under its model',
      input({ named: change('scheduled', { type: 'standard', modelId: 'cert' }) }),
      ['allowed', 'change_approved'],
    ],
    [
      'a standard change whose model is gone',
      input({ named: change('scheduled', { type: 'standard', modelId: 'gone' }) }),
      ['prevented', 'model_withdrawn'],
    ],
    [
      'an approved change in a hard freeze',
      input({ named: change('scheduled'), freezes: [hard] }),
      ['prevented', 'hard_freeze', 'change_approved'],
    ],
    [
      'an emergency change in a hard freeze',
      input({ named: change('scheduled', { type: 'emergency' }), freezes: [hard] }),
      ['allowed', 'change_approved'],
    ],
    [
      'a pending change in a hard freeze',
      input({ named: change('authorise'), freezes: [hard] }),
      ['prevented', 'hard_freeze', 'change_pending'],
    ],
    [
      'an approved change in a soft freeze',
      input({ named: change('scheduled'), freezes: [soft] }),
      ['allowed', 'change_approved', 'soft_freeze'],
    ],
    [
      'a freeze on another service',
      input({ named: change('scheduled'), freezes: [{ ...hard, services: ['crm'] }] }),
      ['allowed', 'change_approved'],
    ],
    [
      'a freeze that has ended',
      input({ named: change('scheduled'), freezes: [{ ...hard, end: NOW }] }),
      ['allowed', 'change_approved'],
    ],
    [
      'a hard freeze in an environment that requires no change',
      input({ requiresChange: false, freezes: [hard] }),
      ['allowed', 'change_not_required'],
    ],
    ['no change in a hard freeze', input({ freezes: [hard] }), ['prevented', 'hard_freeze', 'no_change']],
  ])('%s', (_name, given, expected) => {
    expect(codes(given)).toEqual(expected);
  });

  it('in a hard freeze, finds the approved emergency change behind an approved normal one', () => {
    const normal = change('scheduled', { id: 2 });
    const emergency = change('scheduled', { id: 3, type: 'emergency' });
    const decision = decideGate(input({ candidates: [normal, emergency], freezes: [hard] }));
    expect([decision.outcome, decision.change?.id]).toEqual(['allowed', 3]);
    // Outside a freeze the order of equally good candidates is kept.
    expect(decideGate(input({ candidates: [normal, emergency] })).change?.id).toBe(2);
  });

  it('prefers an approved candidate over a pending one, and reports the pending one otherwise', () => {
    const approved = change('scheduled', { id: 2 });
    const pending = change('authorise', { id: 3 });
    expect(decideGate(input({ candidates: [pending, approved] })).change?.id).toBe(2);
    expect(decideGate(input({ candidates: [pending] }))).toMatchObject({
      outcome: 'awaiting',
      change: { id: 3 },
    });
  });
});
