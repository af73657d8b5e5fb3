import type { AppContext } from '../../app/context.ts';
import type { Route } from '../server.ts';
import { deploymentRoutes } from './deployment-routes.ts';
import { type GateRouteOptions, gateCheckRoute } from './gate-routes.ts';
import { openApiRoute } from './openapi.ts';
import { apiSchemas } from './schemas.ts';

export type ApiOptions = GateRouteOptions;

/** Every /api/v1 route: one more controller of the same use cases, JSON in and out. */
export function apiRoutes(ctx: AppContext, opts: ApiOptions): Route[] {
  const schemas = apiSchemas(ctx.policy);
  return [openApiRoute(schemas), gateCheckRoute(ctx, schemas, opts), ...deploymentRoutes(ctx, schemas)];
}
