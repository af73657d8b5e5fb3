import { describe, expect, it } from 'vitest';
import { policySchema } from '../../src/policy/policy-schema.ts';

describe('the digest policy key', () => {
  it('is optional, and fills the zone, window and channels it leaves out', () => {
    expect(policySchema.parse({}).digest).toBeUndefined();
    expect(policySchema.parse({ digest: { cron: '0 9 * * 1' } }).digest).toEqual({
      cron: '0 9 * * 1',
      timezone: 'UTC',
      window: '7d',
      channels: { slack: [], teams: [] },
    });
  });

  it('rejects a bad cron, zone, window or channel id', () => {
    const result = policySchema.safeParse({
      digest: { cron: '0 9 * *', timezone: 'Nowhere/Land', window: '14d', channels: { slack: ['#cab'] } },
    });
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'digest.channels.slack.0',
      'digest.cron',
      'digest.timezone',
      'digest.window',
    ]);
    expect(policySchema.safeParse({ digest: { cron: '61 9 * * 1' } }).success).toBe(false);
  });
});
