import { describe, expect, it } from 'vitest';
import { releaseTransition } from '../../../src/domain/release/lifecycle.ts';
import { RELEASE_ACTIONS, RELEASE_STATES } from '../../../src/domain/release/types.ts';

const LEGAL: Record<string, string> = {
  'planned ready': 'ready',
  'ready unready': 'planned',
  'planned start': 'in_progress',
  'ready start': 'in_progress',
  'in_progress complete': 'completed',
  'planned cancel': 'cancelled',
  'ready cancel': 'cancelled',
  'planned skip': 'skipped',
  'ready skip': 'skipped',
  'planned move': 'planned',
  'ready move': 'ready',
};

describe('the release lifecycle', () => {
  const every = RELEASE_STATES.flatMap((s) => RELEASE_ACTIONS.map((a) => [s, a] as const));
  it.each(every)('from %s, %s', (state, action) => {
    const result = releaseTransition(state, action);
    const expected = LEGAL[`${state} ${action}`];
    if (expected) expect(result).toEqual({ ok: true, value: expected });
    else {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('illegal_transition');
    }
  });

  it('names the state and the action when it refuses', () => {
    expect(releaseTransition('completed', 'start')).toEqual({
      ok: false,
      error: {
        code: 'illegal_transition',
        message:
          "Cannot start a release in state 'Completed': only releases in state 'Planned' or 'Ready' can.",
      },
    });
    const skip = releaseTransition('in_progress', 'skip');
    expect(!skip.ok && skip.error.message).toBe(
      "Cannot skip a release in state 'In progress': only releases in state 'Planned' or 'Ready' can.",
    );
  });
});
