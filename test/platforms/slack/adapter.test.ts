import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext } from '../../../src/app/context.ts';
import type { Database } from '../../../src/db/client.ts';
import { silentLogger } from '../../../src/log.ts';
import { createSlackAdapter } from '../../../src/platforms/slack/index.ts';
import { createTestDatabase } from '../../helpers/db.ts';
import { platformPolicy } from '../../helpers/platform-policy.ts';

let database: Database;
afterEach(() => database.close());

const deps = () => {
  database = createTestDatabase();
  return { ctx: createAppContext({ database, policy: platformPolicy() }), log: silentLogger, wake: () => {} };
};
const base = { botToken: 'xoxb-test', apiUrl: 'http://127.0.0.1:9/api/', botUserId: 'UBOT', botId: 'BBOT' };

describe('the Slack adapter', () => {
  it('serves POST /slack/events on the shared server over HTTP', async () => {
    const adapter = await createSlackAdapter({ ...base, signingSecret: 's', appToken: null }, deps());
    expect(adapter.routes.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /slack/events']);
    expect(adapter.surface.platform).toBe('slack');
  });

  it('takes no HTTP route in Socket Mode, where Slack is reached over its WebSocket', async () => {
    const adapter = await createSlackAdapter(
      { ...base, signingSecret: null, appToken: 'xapp-1-test' },
      deps(),
    );
    expect(adapter.routes).toEqual([]);
  });

  it('refuses HTTP mode without a signing secret', async () => {
    await expect(
      createSlackAdapter({ ...base, signingSecret: null, appToken: null }, deps()),
    ).rejects.toThrow(/signing secret/);
  });
});
