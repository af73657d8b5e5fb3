import type { App } from '@slack/bolt';
import { describe, expect, it, vi } from 'vitest';
import { routedListeners } from '../../../src/platforms/slack/listeners/router.ts';

// biome-ignore lint/suspicious/noExplicitAny: the listeners Bolt would call, with hand-made arguments
type Registered = (args: any) => Promise<void>;

/** A stand-in for Bolt's App that keeps what is registered on it. */
function fakeBolt() {
  const actions: Registered[] = [];
  const views: Registered[] = [];
  const app = {
    action: (_: unknown, listener: Registered) => actions.push(listener),
    view: (_: unknown, listener: Registered) => views.push(listener),
    command: vi.fn(),
    event: vi.fn(),
    shortcut: vi.fn(),
    use: vi.fn(),
  } as unknown as App;
  return { app, actions, views };
}

const click = (actionId: string) => ({
  action: { action_id: actionId },
  context: {} as Record<string, unknown>,
  ack: vi.fn(async () => {}),
});

describe('one Bolt listener for every button and every modal (issue 7)', () => {
  it('registers a single action and a single view listener with Bolt, however many routes there are', () => {
    const bolt = fakeBolt();
    const listeners = routedListeners(bolt.app);
    for (const id of ['a', 'b', 'c']) listeners.action(id, async () => {});
    listeners.view('form', async () => {});
    expect(bolt.actions).toHaveLength(1);
    expect(bolt.views).toHaveLength(1);
  });

  it('routes a click by its action id, then by the first pattern that matches, with the match in context', async () => {
    const bolt = fakeBolt();
    const listeners = routedListeners(bolt.app);
    const approve = vi.fn(async () => {});
    const page = vi.fn(async () => {});
    listeners.action('change.approve', approve);
    listeners.action(/^calendar\.page\.(prev|next)$/, page);

    await bolt.actions[0]!(click('change.approve'));
    expect(approve).toHaveBeenCalledTimes(1);
    const next = click('calendar.page.next');
    await bolt.actions[0]!(next);
    expect(page).toHaveBeenCalledWith(next);
    expect((next.context.actionIdMatches as RegExpMatchArray)[1]).toBe('next');
  });

  it('acknowledges a click nobody handles, so Slack shows the clicker no error', async () => {
    const bolt = fakeBolt();
    routedListeners(bolt.app).action('known', async () => {});
    const stray = click('a-link-button');
    await bolt.actions[0]!(stray);
    expect(stray.ack).toHaveBeenCalledTimes(1);
  });

  it('routes a modal submission by its callback id', async () => {
    const bolt = fakeBolt();
    const listeners = routedListeners(bolt.app);
    const submit = vi.fn(async () => {});
    listeners.view('change.form', submit);
    const args = { view: { callback_id: 'change.form' }, context: {}, ack: vi.fn(async () => {}) };
    await bolt.views[0]!(args);
    expect(submit).toHaveBeenCalledWith(args);
    expect(args.ack).not.toHaveBeenCalled();
  });

  it('refuses an id registered twice, which Bolt would have run twice', () => {
    const listeners = routedListeners(fakeBolt().app);
    listeners.action('dup', async () => {});
    expect(() => listeners.action('dup', async () => {})).toThrow("action 'dup' is registered twice");
  });
});
