import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CONFIG_VARIABLES,
  type Config,
  type ConfigError,
  formatConfigError,
  loadConfig,
} from '../src/config.ts';
import { describePlatforms } from '../src/config-report.ts';
import { loadDotEnv } from '../src/dotenv.ts';

const valid = (env: NodeJS.ProcessEnv): Config => {
  const result = loadConfig(env);
  if (!result.ok) throw new Error(formatConfigError(result.error));
  return result.value;
};

const invalid = (env: NodeJS.ProcessEnv): ConfigError => {
  const result = loadConfig(env);
  if (result.ok) throw new Error('expected the configuration to be rejected');
  return result.error;
};

const variables = (error: ConfigError) => error.problems.map((p) => p.variable);

const slackEnv = { SLACK_BOT_TOKEN: 'xoxb-1111-bot-secret', SLACK_SIGNING_SECRET: 'signing-secret-value' };
const teamsEnv = {
  MICROSOFT_APP_ID: '00000000-aaaa-bbbb-cccc-000000000001',
  MICROSOFT_APP_PASSWORD: 'teams-password-value',
  MICROSOFT_APP_TENANT_ID: '00000000-aaaa-bbbb-cccc-000000000002',
};

describe('loadConfig', () => {
  it('starts with defaults and no chat platform when the environment is empty', () => {
    expect(valid({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      databasePath: './data/changeboard.db',
      policyFile: null,
      logLevel: 'info',
      publicUrl: null,
      slack: null,
      teams: null,
      playground: { mode: 'auto', port: 3001, host: '127.0.0.1', databasePath: './data/playground.db' },
    });
  });

  it('treats empty values as unset, as .env placeholders leave them', () => {
    expect(valid({ PORT: '', SLACK_BOT_TOKEN: '', MICROSOFT_APP_ID: '  ' })).toMatchObject({
      port: 3000,
      slack: null,
      teams: null,
    });
  });

  it('reads the general settings and drops a trailing slash from PUBLIC_URL', () => {
    const config = valid({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_PATH: '/var/lib/changeboard.db',
      POLICY_FILE: './policy.yaml',
      LOG_LEVEL: 'DEBUG',
      PUBLIC_URL: 'https://changeboard.example.com/',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databasePath: '/var/lib/changeboard.db',
      policyFile: './policy.yaml',
      logLevel: 'debug',
      publicUrl: 'https://changeboard.example.com',
    });
  });

  it('names PORT with the offending value when it is not a number', () => {
    const error = invalid({ PORT: 'abc' });
    expect(error.problems).toEqual([
      { variable: 'PORT', message: 'must be a whole number between 1 and 65535 (got "abc")' },
    ]);
  });

  it.each(['0', '65536', '80.5', '-1'])('rejects PORT=%s as out of range', (port) => {
    expect(variables(invalid({ PORT: port }))).toEqual(['PORT']);
  });

  it('names every offending variable at once', () => {
    const error = invalid({
      PORT: 'abc',
      LOG_LEVEL: 'loud',
      PUBLIC_URL: 'not a url',
      TEAMS_ALLOW_UNAUTHENTICATED: 'yes',
      SLACK_BOT_TOKEN: 'xoxb-1',
    });
    expect(variables(error).sort()).toEqual(
      ['LOG_LEVEL', 'PORT', 'PUBLIC_URL', 'SLACK_SIGNING_SECRET', 'TEAMS_ALLOW_UNAUTHENTICATED'].sort(),
    );
    const message = formatConfigError(error);
    expect(message).toMatch(/^Changeboard cannot start: /);
    expect(message).toContain('PORT must be a whole number between 1 and 65535 (got "abc")');
    expect(message).toContain('SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set');
    expect(message).toContain('LOG_LEVEL must be one of debug, info, warn, error (got "loud")');
  });
});

describe('Slack settings', () => {
  it('enables Slack over HTTP with a bot token and a signing secret', () => {
    expect(valid(slackEnv).slack).toEqual({
      botToken: 'xoxb-1111-bot-secret',
      signingSecret: 'signing-secret-value',
      appToken: null,
      apiUrl: null,
      botUserId: null,
      botId: null,
    });
  });

  it('requires the signing secret once a bot token is set', () => {
    expect(invalid({ SLACK_BOT_TOKEN: 'xoxb-1111' }).problems).toEqual([
      {
        variable: 'SLACK_SIGNING_SECRET',
        message: 'is required when SLACK_BOT_TOKEN is set (unless SLACK_APP_TOKEN selects Socket Mode)',
      },
    ]);
  });

  it('needs no signing secret in Socket Mode', () => {
    const slack = valid({ SLACK_BOT_TOKEN: 'xoxb-1111', SLACK_APP_TOKEN: 'xapp-2222' }).slack;
    expect(slack).toMatchObject({ appToken: 'xapp-2222', signingSecret: null });
  });

  it('requires the bot token when only a signing secret is given, rather than silently disabling Slack', () => {
    expect(variables(invalid({ SLACK_SIGNING_SECRET: 'secret' }))).toEqual(['SLACK_BOT_TOKEN']);
  });

  it('rejects a user token pasted as the bot token without echoing it', () => {
    const error = invalid({ ...slackEnv, SLACK_BOT_TOKEN: 'xoxp-user-token-secret' });
    expect(error.problems).toEqual([
      {
        variable: 'SLACK_BOT_TOKEN',
        message: 'must be a bot token starting with "xoxb-" (got a token starting with "xoxp-")',
      },
    ]);
    expect(formatConfigError(error)).not.toContain('user-token-secret');
  });

  it('rejects an app token without the xapp- prefix', () => {
    expect(variables(invalid({ ...slackEnv, SLACK_APP_TOKEN: 'xoxb-3333' }))).toEqual(['SLACK_APP_TOKEN']);
  });

  it('takes a custom API URL and the bot identity that lets Bolt skip auth.test', () => {
    const slack = valid({
      ...slackEnv,
      SLACK_API_URL: 'http://127.0.0.1:9999/api/',
      SLACK_BOT_USER_ID: 'U0BOT',
      SLACK_BOT_ID: 'B0BOT',
    }).slack;
    expect(slack).toMatchObject({ apiUrl: 'http://127.0.0.1:9999/api/', botUserId: 'U0BOT', botId: 'B0BOT' });
  });

  it('requires both bot ids when one is given', () => {
    expect(variables(invalid({ ...slackEnv, SLACK_BOT_USER_ID: 'U0BOT' }))).toEqual(['SLACK_BOT_ID']);
  });
});

describe('Teams settings', () => {
  it('enables a single-tenant Teams bot with id, password and tenant', () => {
    expect(valid(teamsEnv).teams).toEqual({
      appId: teamsEnv.MICROSOFT_APP_ID,
      appPassword: teamsEnv.MICROSOFT_APP_PASSWORD,
      appType: 'SingleTenant',
      tenantId: teamsEnv.MICROSOFT_APP_TENANT_ID,
      allowUnauthenticated: false,
    });
  });

  it("accepts botbuilder's own variable names as aliases", () => {
    const teams = valid({
      MicrosoftAppId: 'app-id',
      MicrosoftAppPassword: 'pw',
      MicrosoftAppType: 'multitenant',
    }).teams;
    expect(teams).toEqual({
      appId: 'app-id',
      appPassword: 'pw',
      appType: 'MultiTenant',
      tenantId: null,
      allowUnauthenticated: false,
    });
  });

  it('names the alias the operator used when its value is wrong', () => {
    expect(variables(invalid({ ...teamsEnv, MicrosoftAppType: 'Tenantless' }))).toEqual(['MicrosoftAppType']);
  });

  it('rejects a variable and its alias set to different values', () => {
    expect(variables(invalid({ ...teamsEnv, MicrosoftAppId: 'another-app' }))).toEqual(['MICROSOFT_APP_ID']);
  });

  it('requires the tenant id and password of a single-tenant bot', () => {
    expect(variables(invalid({ MICROSOFT_APP_ID: 'app-id' })).sort()).toEqual([
      'MICROSOFT_APP_PASSWORD',
      'MICROSOFT_APP_TENANT_ID',
    ]);
  });

  it('requires a tenant and forbids a password for a user-assigned managed identity', () => {
    const error = invalid({
      MICROSOFT_APP_ID: 'app-id',
      MICROSOFT_APP_TYPE: 'UserAssignedMSI',
      MICROSOFT_APP_PASSWORD: 'pw',
    });
    expect(variables(error).sort()).toEqual(['MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID']);
  });

  it('enables emulator mode without an app id only through the explicit flag', () => {
    expect(valid({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' }).teams).toEqual({
      appId: null,
      appPassword: null,
      appType: 'SingleTenant',
      tenantId: null,
      allowUnauthenticated: true,
    });
    expect(valid({ TEAMS_ALLOW_UNAUTHENTICATED: 'false' }).teams).toBeNull();
  });

  it('refuses the unauthenticated flag together with an app id', () => {
    expect(variables(invalid({ ...teamsEnv, TEAMS_ALLOW_UNAUTHENTICATED: 'true' }))).toEqual([
      'TEAMS_ALLOW_UNAUTHENTICATED',
    ]);
  });

  it('requires the app id when only a password is given', () => {
    expect(variables(invalid({ MICROSOFT_APP_PASSWORD: 'pw' }))).toEqual(['MICROSOFT_APP_ID']);
  });
});

describe('describePlatforms', () => {
  it('says how to enable each disabled platform', () => {
    const lines = describePlatforms(valid({})).join('\n');
    expect(lines).toContain('Slack: disabled (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET');
    expect(lines).toContain('Teams: disabled (set MICROSOFT_APP_ID');
  });

  it('never prints a secret value', () => {
    const secrets = [
      'xoxb-1111-bot-secret',
      'signing-secret-value',
      'xapp-9999-app-secret',
      'teams-password-value',
    ];
    const configs = [
      valid({ ...slackEnv, ...teamsEnv }),
      valid({
        ...slackEnv,
        SLACK_APP_TOKEN: 'xapp-9999-app-secret',
        SLACK_BOT_USER_ID: 'U1',
        SLACK_BOT_ID: 'B1',
      }),
    ];
    for (const config of configs) {
      const text = describePlatforms(config).join('\n');
      expect(text).toMatch(/Slack: enabled/);
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });

  it('warns loudly when Teams runs without authentication', () => {
    expect(describePlatforms(valid({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' }))).toContain(
      'Teams: enabled WITHOUT authentication (TEAMS_ALLOW_UNAUTHENTICATED=true): for the Bot Framework Emulator only, never in production',
    );
  });
});

describe('loadDotEnv', () => {
  const touched = ['CHANGEBOARD_TEST_FROM_FILE', 'CHANGEBOARD_TEST_PRESET'];
  afterEach(() => {
    for (const name of touched) delete process.env[name];
  });

  it('loads a .env file without overriding variables already set', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'changeboard-env-')), '.env');
    writeFileSync(file, 'CHANGEBOARD_TEST_FROM_FILE=file\nCHANGEBOARD_TEST_PRESET=file\n');
    process.env.CHANGEBOARD_TEST_PRESET = 'environment';
    expect(loadDotEnv(file)).toBe(true);
    expect(process.env.CHANGEBOARD_TEST_FROM_FILE).toBe('file');
    expect(process.env.CHANGEBOARD_TEST_PRESET).toBe('environment');
  });

  it('ignores a missing file', () => {
    expect(loadDotEnv(join(tmpdir(), 'changeboard-no-such-dir', '.env'))).toBe(false);
  });
});

describe('.env.example', () => {
  it('loads as a valid configuration and documents every variable the code reads', () => {
    const text = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const example = parseEnv(text);
    expect(loadConfig(example).ok).toBe(true);
    expect(Object.keys(example).sort()).toEqual([...CONFIG_VARIABLES].sort());
  });
});
