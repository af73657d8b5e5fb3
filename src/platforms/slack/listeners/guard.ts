import { performance } from 'node:perf_hooks';
import type { LogFields } from '../../../log.ts';
import { ackDuration, secondsSince } from '../../../observability/ops-metrics.ts';
import type { ListenerDeps } from './deps.ts';

// biome-ignore lint/suspicious/noExplicitAny: Bolt's ack functions differ per payload kind.
type Ack = (response?: any) => Promise<void>;

export interface ErrorRoutes<A> {
  /** An ack body that shows the error while Slack still waits for it (a command's reply, modal errors). */
  readonly early?: (args: A, text: string) => unknown;
  /** How to reach the person otherwise (after the ack, or when an ack cannot carry a message). */
  readonly late: (args: A, text: string) => Promise<void>;
}

/**
 * Wraps a listener so an unexpected error is never only logged: the person sees a short reference, in the ack
 * when it can still carry one, else by a private note; Slack always gets its ack.
 */
export function guarded<A extends { ack: Ack }>(
  deps: ListenerDeps,
  name: string,
  listener: (args: A) => Promise<void>,
  routes: ErrorRoutes<A>,
  fields: (args: A) => LogFields = () => ({}),
): (args: A) => Promise<void> {
  return async (args) => {
    let acked = false;
    const start = performance.now();
    const ack: Ack = async (response) => {
      if (!acked) ackDuration.observe({ platform: 'slack', kind: name }, secondsSince(start));
      acked = true;
      await args.ack(response);
    };
    try {
      await listener({ ...args, ack });
    } catch (error) {
      const text = deps.present.unexpected(error, { listener: name, ...fields(args) });
      try {
        if (!acked && routes.early) {
          await args.ack(routes.early(args, text));
          return;
        }
        if (!acked) await args.ack();
        await routes.late(args, text);
      } catch (reportError) {
        deps.log.warn('could not show an error to the user', { listener: name, error: reportError });
      }
    }
  };
}
