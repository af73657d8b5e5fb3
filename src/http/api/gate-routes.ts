import type { AppContext } from '../../app/context.ts';
import {
  auditGateCheck,
  changeSummary,
  evaluateGate,
  type FreezeSource,
  type GateRequest,
  waitWhileAwaiting,
} from '../../app/gate/check-gate.ts';
import type { Route } from '../server.ts';
import { jsonPost } from './api-route.ts';
import { type ApiSchemas, changeIdOf } from './schemas.ts';

/**
 * How long a gate answer is given back to a retry with the same Idempotency-Key: long enough for a
 * pipeline's network retries, short enough that a later cancellation, edit or window end is seen.
 */
export const GATE_REPLAY_MS = 60_000;

export interface GateRouteOptions {
  readonly freezes: FreezeSource;
  /** How often a long-poll looks again, in ms. */
  readonly pollIntervalMs: number;
}

/** POST /api/v1/gate/check: may this pipeline deploy now? */
export function gateCheckRoute(ctx: AppContext, schemas: ApiSchemas, opts: GateRouteOptions): Route {
  const requestOf = (input: (typeof schemas.gateCheck)['_output']): GateRequest => ({
    service: input.service,
    environment: input.environment,
    changeId: changeIdOf(input.change),
    version: input.version ?? null,
    run: input.run ?? null,
  });
  return jsonPost(ctx, {
    path: '/api/v1/gate/check',
    scope: 'gate',
    schema: schemas.gateCheck,
    replayForMs: GATE_REPLAY_MS,
    prepare: async (input, _client, req) => {
      if (!input.wait) return 0;
      // A client that hangs up ends the wait; the listener goes with the request (keep-alive sockets live on).
      let gone = false;
      const onClose = () => {
        gone = true;
      };
      req.socket.once('close', onClose);
      try {
        return await waitWhileAwaiting(ctx, opts.freezes, requestOf(input), {
          waitSeconds: input.wait,
          intervalMs: opts.pollIntervalMs,
          aborted: () => gone,
        });
      } finally {
        req.socket.off('close', onClose);
      }
    },
    run: (input, client, waited) => {
      const req = requestOf(input);
      const decision = evaluateGate(ctx, opts.freezes, req);
      auditGateCheck(ctx, client, req, decision, waited as number);
      return {
        status: 200,
        body: {
          decision: decision.outcome,
          reasons: decision.reasons,
          change: changeSummary(decision.change),
          service: req.service,
          environment: req.environment,
          checkedAt: ctx.clock().toISOString(),
        },
      };
    },
  });
}
