import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND, SHORTCUT_RAISE_FROM_MESSAGE } from '../../../src/platforms/slack/ids.ts';
import { RELEASE_COMMAND } from '../../../src/platforms/slack/release/ids.ts';
import { RELEASE_USAGE_HINT } from '../../../src/platforms/slack/release/render-text.ts';
import { helpMessage, SUBCOMMANDS, USAGE_HINT } from '../../../src/platforms/slack/render/command-text.ts';
import { mrkdwnTexts } from './block-kit.ts';

const root = join(import.meta.dirname, '../../..');
const read = (file: string) => JSON.parse(readFileSync(join(root, 'manifests/slack', file), 'utf8'));
const http = read('manifest.json');
const socket = read('manifest.socket-mode.json');

/** The bot scope each Web API method this app calls needs (docs.slack.dev/reference/methods); null: none. */
const SCOPE_OF_METHOD: Record<string, readonly string[] | undefined> = {
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.getPermalink': [],
  'conversations.open': ['im:write'],
  // files.getUploadURLExternal + files.completeUploadExternal (the metrics chart).
  'files.uploadV2': ['files:write'],
  // users.info gives the email only with users:read.email; identity is linked by email.
  'users.info': ['users:read', 'users:read.email'],
  'views.open': [],
  // The change form's schedule check updates the open modal.
  'views.update': [],
  'views.publish': [],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every `client.<family>.<method>(` the Slack adapter calls. */
function methodsCalled(): string[] {
  const methods = new Set<string>();
  for (const file of sourceFiles(join(root, 'src/platforms/slack'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/client\s*\.\s*(\w+)\s*\.\s*(\w+)\s*\(/g))
      methods.add(`${m[1]}.${m[2]}`);
  }
  return [...methods].sort();
}

describe('the Slack app manifest', () => {
  it('declares the /change command and the message shortcut the app listens for', () => {
    expect(http.features.slash_commands).toEqual([
      expect.objectContaining({ command: COMMAND, url: 'https://changeboard.example.com/slack/events' }),
      expect.objectContaining({
        command: RELEASE_COMMAND,
        url: 'https://changeboard.example.com/slack/events',
      }),
    ]);
    expect(http.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'message', callback_id: SHORTCUT_RAISE_FROM_MESSAGE }),
    ]);
    expect(http.features.shortcuts[0].name.length).toBeLessThanOrEqual(24);
  });

  it('gives the /change usage hint every subcommand the help lists, edit and review included', () => {
    for (const manifest of [http, socket]) {
      expect(manifest.features.slash_commands[0].usage_hint).toBe(USAGE_HINT);
      expect(manifest.features.slash_commands[1].usage_hint).toBe(RELEASE_USAGE_HINT);
    }
    expect(USAGE_HINT).toContain('edit CHG-1');
    expect(USAGE_HINT).toContain('review CHG-1');
    const help = mrkdwnTexts(helpMessage().blocks).join('\n');
    for (const { usage } of SUBCOMMANDS) expect(help).toContain(`${COMMAND} ${usage}\``);
  });

  it('sends interactivity and events to /slack/events and subscribes to app_home_opened only', () => {
    expect(http.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: 'https://changeboard.example.com/slack/events',
    });
    expect(http.settings.event_subscriptions.request_url).toBe(
      'https://changeboard.example.com/slack/events',
    );
    expect(http.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
    expect(http.features.app_home.home_tab_enabled).toBe(true);
    expect(http.settings.socket_mode_enabled).toBe(false);
  });

  it('asks for exactly the bot scopes of the Web API methods the adapter calls, plus commands', () => {
    const called = methodsCalled();
    for (const method of called)
      expect(SCOPE_OF_METHOD, `scope table lacks ${method}`).toHaveProperty([method]);
    const needed = new Set(['commands', ...called.flatMap((m) => SCOPE_OF_METHOD[m] ?? [])]);
    expect([...http.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
    expect(http.oauth_config.scopes.user).toBeUndefined();
  });

  it('offers a Socket Mode variant that differs only in its transport', () => {
    expect(socket.settings.socket_mode_enabled).toBe(true);
    const strip = (m: typeof http) => {
      const copy = structuredClone(m);
      for (const command of copy.features.slash_commands) delete command.url;
      delete copy.settings.event_subscriptions.request_url;
      delete copy.settings.interactivity.request_url;
      delete copy.settings.socket_mode_enabled;
      return copy;
    };
    expect(strip(socket)).toEqual(strip(http));
  });
});
