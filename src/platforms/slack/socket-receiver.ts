import { type App, type Receiver, type ReceiverEvent, SocketModeReceiver } from '@slack/bolt';

export interface TrackedSocketModeReceiver extends Receiver {
  /** Resolves when every envelope received so far has been fully processed (listeners included). */
  idle(): Promise<void>;
}

/**
 * Bolt's SocketModeReceiver with a stop that waits. Bolt's own stop() only starts the WebSocket close handshake
 * and returns, while listeners of envelopes already received keep running; Changeboard closes the database right
 * after the adapters stop, so such a listener failed on a closed database. This stop closes the socket (no new
 * envelope arrives), then waits for those listeners, as the HTTP receiver waits for its in-flight requests.
 */
export function createSocketModeReceiver(
  options: ConstructorParameters<typeof SocketModeReceiver>[0],
): TrackedSocketModeReceiver {
  const inner = new SocketModeReceiver(options);
  const inFlight = new Set<Promise<void>>();

  async function idle(): Promise<void> {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  }

  return {
    init(app) {
      // The inner receiver hands each envelope to processEvent and nothing else of the app: count each call there.
      const counted = {
        processEvent(event: ReceiverEvent): Promise<void> {
          const work = app.processEvent(event);
          inFlight.add(work);
          const done = () => inFlight.delete(work);
          work.then(done, done);
          return work;
        },
      };
      inner.init(counted as unknown as App);
    },
    start: () => inner.start(),
    async stop() {
      // Resolves once the close handshake is over (or the client gave up on it), not when it is merely asked for.
      await inner.client.disconnect();
      await idle();
    },
    idle,
  };
}
