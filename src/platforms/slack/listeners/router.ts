import type { App } from '@slack/bolt';

/** The registrations Changeboard's listeners make, with Bolt's own signatures. */
export type SlackListeners = Pick<App, 'action' | 'view' | 'command' | 'event' | 'shortcut' | 'use'>;

// biome-ignore lint/suspicious/noExplicitAny: Bolt's listener arguments differ per payload; each route is typed where it is registered
type Listener = (args: any) => Promise<void>;
interface Routes {
  readonly byId: Map<string, Listener>;
  readonly byPattern: { readonly pattern: RegExp; readonly listener: Listener }[];
}

const routes = (): Routes => ({ byId: new Map(), byPattern: [] });

/**
 * One Bolt listener for every button and one for every modal submission, dispatched by action or callback id.
 * Bolt runs every registered listener's middleware for every request (each one a chain of promises that only
 * says "not mine"): with 35 listeners that was most of a vote's ack-path garbage (issue 7). Commands, events
 * and shortcuts are few and go to Bolt as they are.
 */
export function routedListeners(app: App): SlackListeners {
  const actions = routes();
  const views = routes();

  const add = (into: Routes, key: unknown, listeners: unknown[], what: string): void => {
    const [listener, ...more] = listeners;
    if (typeof listener !== 'function' || more.length > 0)
      throw new Error(`${what}: register exactly one listener function`);
    if (typeof key === 'string') {
      if (into.byId.has(key)) throw new Error(`${what} '${key}' is registered twice`);
      into.byId.set(key, listener as Listener);
    } else if (key instanceof RegExp) {
      into.byPattern.push({ pattern: key, listener: listener as Listener });
    } else {
      throw new Error(`${what}: only an id or a pattern is routed`);
    }
  };

  /** The route for an id: its own listener, else the first pattern that matches it (its match in `context`). */
  const find = (
    into: Routes,
    id: string,
    context: Record<string, unknown>,
    matchesKey: string,
  ): Listener | null => {
    const exact = into.byId.get(id);
    if (exact) return exact;
    for (const { pattern, listener } of into.byPattern) {
      const match = id.match(pattern);
      if (match) {
        context[matchesKey] = match;
        return listener;
      }
    }
    return null;
  };

  // Anything matches: the routing below decides. An id nobody handles is still acknowledged, so Slack shows
  // the clicker no error for a button that only opens a link.
  app.action(/^/, async (args) => {
    const id = 'action_id' in args.action ? String(args.action.action_id) : '';
    const listener = find(actions, id, args.context, 'actionIdMatches');
    if (listener) return listener(args);
    await args.ack();
  });
  app.view({ type: 'view_submission' }, async (args) => {
    const listener = find(views, args.view.callback_id, args.context, 'callbackIdMatches');
    if (listener) return listener(args);
    await args.ack();
  });

  return {
    action: ((key: unknown, ...listeners: unknown[]) =>
      add(actions, key, listeners, 'action')) as App['action'],
    view: ((key: unknown, ...listeners: unknown[]) => add(views, key, listeners, 'view')) as App['view'],
    command: app.command.bind(app),
    event: app.event.bind(app),
    shortcut: app.shortcut.bind(app),
    use: app.use.bind(app),
  };
}
