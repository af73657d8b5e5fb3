import { resolve } from 'node:path';
import { z } from 'zod';
import type { Result } from './domain/result.ts';

/**
 * The process configuration, read from the environment in this one module (and nowhere else), so every
 * variable has one name, one default and one validation rule. See `.env.example` for what each one does.
 */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databasePath: string;
  readonly policyFile: string | null;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Where people reach this server (links in cards); no trailing slash. */
  readonly publicUrl: string | null;
  /** Null when Slack is disabled (no SLACK_BOT_TOKEN). */
  readonly slack: SlackConfig | null;
  /** Null when Teams is disabled (no MICROSOFT_APP_ID and no TEAMS_ALLOW_UNAUTHENTICATED=true). */
  readonly teams: TeamsConfig | null;
  /** The local browser playground (src/playground); absent in configurations built by hand (tests). */
  readonly playground?: PlaygroundConfig;
  /** GET /metrics (Prometheus); absent (not served) unless METRICS_TOKEN or METRICS_PORT is set. */
  readonly metrics?: MetricsEndpointConfig;
}

/** `auto`: on when no chat platform is configured. `on` refuses to start next to real credentials. */
export interface PlaygroundConfig {
  readonly mode: 'auto' | 'on' | 'off';
  readonly port: number;
  /** Always a loopback address: the playground acts as anyone, so it must never be reachable from elsewhere. */
  readonly host: string;
  /** Its own SQLite file, never DATABASE_PATH. */
  readonly databasePath: string;
}

export interface MetricsEndpointConfig {
  /** Required as `Authorization: Bearer <token>` when set. */
  readonly token: string | null;
  /** A separate listener for /metrics only (on `host`); null serves it on the main port, token required. */
  readonly port: number | null;
  readonly host: string;
}

export interface SlackConfig {
  readonly botToken: string;
  /** Null only in Socket Mode, where requests do not come over HTTP and so carry no signature. */
  readonly signingSecret: string | null;
  /** An app-level token (xapp-…): when set, Slack is reached over Socket Mode instead of HTTP. */
  readonly appToken: string | null;
  /** Null means Slack's own Web API (https://slack.com/api/). */
  readonly apiUrl: string | null;
  /** With both ids given, Bolt skips its `auth.test` call at start (useful offline and in tests). */
  readonly botUserId: string | null;
  readonly botId: string | null;
}

export const TEAMS_APP_TYPES = ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'] as const;
export type TeamsAppType = (typeof TEAMS_APP_TYPES)[number];

export interface TeamsConfig {
  /** Null only in emulator mode (TEAMS_ALLOW_UNAUTHENTICATED=true without an app id). */
  readonly appId: string | null;
  readonly appPassword: string | null;
  readonly appType: TeamsAppType;
  readonly tenantId: string | null;
  /** The explicit local-development flag: accept unauthenticated activities (Bot Framework Emulator). */
  readonly allowUnauthenticated: boolean;
}

export interface ConfigError {
  readonly problems: { readonly variable: string; readonly message: string }[];
}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** Canonical name → the other spellings accepted (botbuilder's own names, so its samples' .env files work). */
const ALIASES: Readonly<Record<string, string>> = {
  MICROSOFT_APP_ID: 'MicrosoftAppId',
  MICROSOFT_APP_PASSWORD: 'MicrosoftAppPassword',
  MICROSOFT_APP_TYPE: 'MicrosoftAppType',
  MICROSOFT_APP_TENANT_ID: 'MicrosoftAppTenantId',
};

/** Every variable Changeboard reads (canonical spellings); `.env.example` documents each. */
export const CONFIG_VARIABLES = [
  'PORT',
  'HOST',
  'DATABASE_PATH',
  'POLICY_FILE',
  'LOG_LEVEL',
  'PUBLIC_URL',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_API_URL',
  'SLACK_BOT_USER_ID',
  'SLACK_BOT_ID',
  'MICROSOFT_APP_ID',
  'MICROSOFT_APP_PASSWORD',
  'MICROSOFT_APP_TYPE',
  'MICROSOFT_APP_TENANT_ID',
  'TEAMS_ALLOW_UNAUTHENTICATED',
  'PLAYGROUND',
  'PLAYGROUND_PORT',
  'PLAYGROUND_HOST',
  'PLAYGROUND_DATABASE_PATH',
  'METRICS_TOKEN',
  'METRICS_PORT',
  'METRICS_HOST',
] as const;
type Variable = (typeof CONFIG_VARIABLES)[number];
type RawEnv = Partial<Record<Variable, string>>;

const got = (value: unknown): string => `(got ${JSON.stringify(value)})`;

/** Secrets are never echoed back; a token's prefix (xoxb-, xapp-…) is not secret and tells what was pasted. */
const gotToken = (value: unknown): string => {
  const prefix = typeof value === 'string' ? /^x[a-z]+-/.exec(value)?.[0] : undefined;
  return prefix === undefined ? '' : ` (got a token starting with "${prefix}")`;
};

const url = () =>
  z.string().refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), {
    error: (iss) => `must be an http(s) URL ${got(iss.input)}`,
  });

const token = (prefix: string, kind: string) =>
  z.string().refine((v) => v.startsWith(prefix) && v.length > prefix.length, {
    error: (iss) => `must be ${kind} starting with "${prefix}"${gotToken(iss.input)}`,
  });

const portNumber = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535, {
      error: (iss) => `must be a whole number between 1 and 65535 ${got(iss.input)}`,
    })
    .transform(Number);

/** 127.0.0.0/8, ::1 or localhost: the interfaces no other machine can reach. */
export const isLoopbackHost = (host: string): boolean =>
  /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '::1' || host.toLowerCase() === 'localhost';

const bool = z
  .string()
  .refine((v) => /^(true|false)$/i.test(v), { error: (iss) => `must be true or false ${got(iss.input)}` })
  .transform((v) => v.toLowerCase() === 'true');

/** Per-variable formats. Rules that involve several variables are checked separately in `crossChecks`. */
const formats = z.object({
  PORT: z
    .string()
    .default('3000')
    .refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535, {
      error: (iss) => `must be a whole number between 1 and 65535 ${got(iss.input)}`,
    })
    .transform(Number),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_PATH: z.string().default('./data/changeboard.db'),
  POLICY_FILE: z.string().optional(),
  LOG_LEVEL: z
    .string()
    .default('info')
    .transform((v) => v.toLowerCase())
    .refine((v): v is Config['logLevel'] => (LOG_LEVELS as readonly string[]).includes(v), {
      error: (iss) => `must be one of ${LOG_LEVELS.join(', ')} ${got(iss.input)}`,
    }),
  PUBLIC_URL: url()
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
  SLACK_BOT_TOKEN: token('xoxb-', 'a bot token').optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_APP_TOKEN: token('xapp-', 'an app-level token').optional(),
  SLACK_API_URL: url().optional(),
  SLACK_BOT_USER_ID: z.string().optional(),
  SLACK_BOT_ID: z.string().optional(),
  MICROSOFT_APP_ID: z.string().optional(),
  MICROSOFT_APP_PASSWORD: z.string().optional(),
  MICROSOFT_APP_TYPE: z
    .string()
    .default('SingleTenant')
    .transform((v) => TEAMS_APP_TYPES.find((t) => t.toLowerCase() === v.toLowerCase()) ?? v)
    .refine((v): v is TeamsAppType => (TEAMS_APP_TYPES as readonly string[]).includes(v), {
      error: (iss) => `must be one of ${TEAMS_APP_TYPES.join(', ')} ${got(iss.input)}`,
    }),
  MICROSOFT_APP_TENANT_ID: z.string().optional(),
  TEAMS_ALLOW_UNAUTHENTICATED: bool.default(false),
  PLAYGROUND: z
    .string()
    .default('auto')
    .transform((v) => v.toLowerCase())
    .refine((v) => ['auto', 'true', 'false'].includes(v), {
      error: (iss) => `must be auto, true or false ${got(iss.input)}`,
    }),
  PLAYGROUND_PORT: portNumber('3001'),
  PLAYGROUND_HOST: z
    .string()
    .default('127.0.0.1')
    .refine(isLoopbackHost, {
      error: (iss) => `must be a loopback address (127.0.0.1, ::1 or localhost) ${got(iss.input)}`,
    }),
  PLAYGROUND_DATABASE_PATH: z.string().default('./data/playground.db'),
  METRICS_TOKEN: z
    .string()
    .min(16, {
      error: 'must be at least 16 characters (a random secret the scraper sends as a bearer token)',
    })
    .optional(),
  METRICS_PORT: z
    .string()
    .refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535, {
      error: (iss) => `must be a whole number between 1 and 65535 ${got(iss.input)}`,
    })
    .transform(Number)
    .optional(),
  METRICS_HOST: z.string().default('127.0.0.1'),
});

type Problem = ConfigError['problems'][number];

/** Rules across variables; they look at presence only, so they report even when a format is also wrong. */
function crossChecks(raw: RawEnv, name: (v: Variable) => string): Problem[] {
  const problems: Problem[] = [];
  const need = (variable: Variable, message: string) => {
    if (raw[variable] === undefined) problems.push({ variable: name(variable), message });
  };
  const firstSet = (...vars: Variable[]) => vars.find((v) => raw[v] !== undefined);

  if (raw.SLACK_BOT_TOKEN !== undefined) {
    if (raw.SLACK_APP_TOKEN === undefined) {
      need(
        'SLACK_SIGNING_SECRET',
        'is required when SLACK_BOT_TOKEN is set (unless SLACK_APP_TOKEN selects Socket Mode)',
      );
    }
  } else {
    const hint = firstSet('SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN');
    if (hint)
      need('SLACK_BOT_TOKEN', `is required when ${hint} is set (Slack is enabled by SLACK_BOT_TOKEN)`);
  }
  if (raw.SLACK_BOT_USER_ID !== undefined)
    need(
      'SLACK_BOT_ID',
      'is required when SLACK_BOT_USER_ID is set (Bolt skips auth.test only when both are given)',
    );
  if (raw.SLACK_BOT_ID !== undefined)
    need(
      'SLACK_BOT_USER_ID',
      'is required when SLACK_BOT_ID is set (Bolt skips auth.test only when both are given)',
    );

  const unauthenticated = raw.TEAMS_ALLOW_UNAUTHENTICATED?.toLowerCase() === 'true';
  problems.push(...playgroundChecks(raw, name, unauthenticated));
  if (raw.MICROSOFT_APP_ID === undefined) {
    const hint = firstSet('MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID');
    if (hint) need('MICROSOFT_APP_ID', `is required when ${name(hint)} is set`);
    return problems;
  }
  if (unauthenticated) {
    problems.push({
      variable: 'TEAMS_ALLOW_UNAUTHENTICATED',
      message: `must not be true when ${name('MICROSOFT_APP_ID')} is set: with an app id every request is authenticated`,
    });
  }
  const type = TEAMS_APP_TYPES.find(
    (t) => t.toLowerCase() === (raw.MICROSOFT_APP_TYPE ?? 'SingleTenant').toLowerCase(),
  );
  // The same requirements botbuilder's ConfigurationServiceClientCredentialFactory asserts at start-up.
  if (type === 'SingleTenant' || type === 'MultiTenant') {
    need('MICROSOFT_APP_PASSWORD', `is required for a ${type} bot when ${name('MICROSOFT_APP_ID')} is set`);
  }
  if (type === 'SingleTenant' || type === 'UserAssignedMSI') {
    need(
      'MICROSOFT_APP_TENANT_ID',
      `is required for a ${type} bot (MICROSOFT_APP_TYPE defaults to SingleTenant)`,
    );
  }
  if (type === 'UserAssignedMSI' && raw.MICROSOFT_APP_PASSWORD !== undefined) {
    problems.push({
      variable: name('MICROSOFT_APP_PASSWORD'),
      message: 'must not be set for a UserAssignedMSI bot',
    });
  }
  return problems;
}

/** The playground plays Slack and Teams itself: it never runs beside a real platform, nor on the real database. */
function playgroundChecks(raw: RawEnv, name: (v: Variable) => string, unauthenticated: boolean): Problem[] {
  const problems: Problem[] = [];
  if (raw.PLAYGROUND?.toLowerCase() === 'true') {
    const credentials = (
      [
        'SLACK_BOT_TOKEN',
        'SLACK_SIGNING_SECRET',
        'SLACK_APP_TOKEN',
        'MICROSOFT_APP_ID',
        'MICROSOFT_APP_PASSWORD',
      ] as const
    ).filter((v) => raw[v] !== undefined);
    if (unauthenticated) credentials.push('TEAMS_ALLOW_UNAUTHENTICATED' as never);
    if (credentials.length > 0) {
      problems.push({
        variable: 'PLAYGROUND',
        message: `must not be true while real Slack or Teams settings are set (${credentials.map(name).join(', ')}): the playground acts as any user and never runs next to a real workspace`,
      });
    }
  }
  const database = raw.DATABASE_PATH ?? './data/changeboard.db';
  const own = raw.PLAYGROUND_DATABASE_PATH ?? './data/playground.db';
  if (resolve(database) === resolve(own) && own !== ':memory:') {
    problems.push({
      variable: 'PLAYGROUND_DATABASE_PATH',
      message: `must not be the deployment's database (DATABASE_PATH is ${JSON.stringify(database)})`,
    });
  }
  return problems;
}

/** Parses the environment. Pure: reports every offending variable at once, with a reason each. */
export function loadConfig(env: NodeJS.ProcessEnv): Result<Config, ConfigError> {
  const raw: RawEnv = {};
  const source: Partial<Record<Variable, string>> = {};
  const problems: Problem[] = [];
  for (const variable of CONFIG_VARIABLES) {
    // Empty values count as unset: `.env` files routinely carry `SLACK_BOT_TOKEN=` placeholders.
    const canonical = env[variable]?.trim() || undefined;
    const aliasName = ALIASES[variable];
    const alias = aliasName === undefined ? undefined : env[aliasName]?.trim() || undefined;
    if (canonical !== undefined && alias !== undefined && canonical !== alias) {
      problems.push({ variable, message: `and ${aliasName} are both set, to different values; keep one` });
    }
    const value = canonical ?? alias;
    if (value !== undefined) raw[variable] = value;
    source[variable] = canonical === undefined && alias !== undefined ? (aliasName ?? variable) : variable;
  }
  const name = (v: Variable) => source[v] ?? v;

  const parsed = formats.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const variable = String(issue.path[0]) as Variable;
      problems.push({ variable: name(variable), message: issue.message });
    }
  }
  problems.push(...crossChecks(raw, name));
  if (!parsed.success || problems.length > 0) return { ok: false, error: { problems } };

  const v = parsed.data;
  const slack: SlackConfig | null =
    v.SLACK_BOT_TOKEN === undefined
      ? null
      : {
          botToken: v.SLACK_BOT_TOKEN,
          signingSecret: v.SLACK_SIGNING_SECRET ?? null,
          appToken: v.SLACK_APP_TOKEN ?? null,
          apiUrl: v.SLACK_API_URL ?? null,
          botUserId: v.SLACK_BOT_USER_ID ?? null,
          botId: v.SLACK_BOT_ID ?? null,
        };
  const teams: TeamsConfig | null =
    v.MICROSOFT_APP_ID === undefined && !v.TEAMS_ALLOW_UNAUTHENTICATED
      ? null
      : {
          appId: v.MICROSOFT_APP_ID ?? null,
          appPassword: v.MICROSOFT_APP_PASSWORD ?? null,
          appType: v.MICROSOFT_APP_TYPE,
          tenantId: v.MICROSOFT_APP_TENANT_ID ?? null,
          allowUnauthenticated: v.TEAMS_ALLOW_UNAUTHENTICATED,
        };
  return {
    ok: true,
    value: {
      port: v.PORT,
      host: v.HOST,
      databasePath: v.DATABASE_PATH,
      policyFile: v.POLICY_FILE ?? null,
      logLevel: v.LOG_LEVEL,
      publicUrl: v.PUBLIC_URL ?? null,
      slack,
      teams,
      playground: {
        mode: v.PLAYGROUND === 'true' ? 'on' : v.PLAYGROUND === 'false' ? 'off' : 'auto',
        port: v.PLAYGROUND_PORT,
        host: v.PLAYGROUND_HOST,
        databasePath: v.PLAYGROUND_DATABASE_PATH,
      },
      ...(v.METRICS_TOKEN !== undefined || v.METRICS_PORT !== undefined
        ? { metrics: { token: v.METRICS_TOKEN ?? null, port: v.METRICS_PORT ?? null, host: v.METRICS_HOST } }
        : {}),
    },
  };
}

/** One message naming every problem, e.g. `Changeboard cannot start: PORT must be … ; SLACK_SIGNING_SECRET is …`. */
export function formatConfigError(error: ConfigError): string {
  const reasons = error.problems.map((p) => `${p.variable} ${p.message}`);
  return `Changeboard cannot start: ${reasons.join('; ')}.`;
}
