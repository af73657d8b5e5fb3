import { describe, expect, it } from 'vitest';
import { safeErrorText } from '../../src/jobs/error-text.ts';

describe('safeErrorText', () => {
  it('keeps the error name and message but not the stack', () => {
    const text = safeErrorText(new TypeError('bad payload'));
    expect(text).toBe('TypeError: bad payload');
  });

  it('masks Slack tokens, bearer tokens, JWTs and secret-named values', () => {
    const text = safeErrorText(
      'POST failed: xoxb-123-456-abcDEF Authorization: Bearer abc.def-ghi ' +
        'jwt eyJhbGciOi.eyJzdWIiOiIx.sig client_secret=hunter2 {"token":"t-123"}',
    );
    for (const secret of ['xoxb-123-456-abcDEF', 'abc.def-ghi', 'eyJhbGciOi', 'hunter2', 't-123']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('POST failed');
  });

  it('truncates long messages to 500 characters', () => {
    const text = safeErrorText('x'.repeat(10_000));
    expect(text).toHaveLength(500);
    expect(text.endsWith('…')).toBe(true);
  });

  it('describes thrown values that are not errors', () => {
    expect(safeErrorText(42)).toBe('42');
    expect(safeErrorText('plain')).toBe('plain');
  });
});
