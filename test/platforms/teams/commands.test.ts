import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/platforms/teams/commands.ts';

describe('Teams commands', () => {
  it('reads the command word in any case, with its arguments as typed', () => {
    expect(parseCommand('  Cancel   CHG-12  no longer needed ')).toEqual({
      name: 'cancel',
      args: 'CHG-12 no longer needed',
      raw: 'Cancel CHG-12 no longer needed',
    });
  });

  it('accepts the usual other words for a command', () => {
    expect(parseCommand('raise').name).toBe('new');
    expect(parseCommand('channel-id').name).toBe('help');
    expect(parseCommand('/list').name).toBe('list');
  });

  it('calls anything else unknown', () => {
    expect(parseCommand('deploy everything')).toMatchObject({ name: 'unknown', raw: 'deploy everything' });
    expect(parseCommand('').name).toBe('unknown');
  });
});
