import type { AppContext } from '../../app/context.ts';
import { recordDeployment } from '../../app/gate/record-deployment.ts';
import type { DeploymentRow } from '../../db/deployments-repo.ts';
import { formatChangeKey, parseChangeKey } from '../../domain/change/change-key.ts';
import type { Route } from '../server.ts';
import { ApiError, jsonGet, jsonPost } from './api-route.ts';
import { type ApiSchemas, changeIdOf } from './schemas.ts';

const LIST_LIMIT = 100;

const deploymentJson = (d: DeploymentRow) => ({
  id: d.id,
  service: d.service,
  environment: d.environment,
  version: d.version,
  status: d.status,
  change: d.changeId === null ? null : { id: d.changeId, key: formatChangeKey(d.changeId) },
  run: d.runUrl === null ? null : { provider: d.provider, url: d.runUrl, commit: d.commitSha },
  reportedBy: d.reportedBy,
  at: d.createdAt.toISOString(),
});

/** POST /api/v1/deployments (record one) and GET /api/v1/deployments?change=CHG-12 (a change's latest). */
export function deploymentRoutes(ctx: AppContext, schemas: ApiSchemas): Route[] {
  return [
    jsonPost(ctx, {
      path: '/api/v1/deployments',
      scope: 'deployments',
      schema: schemas.deployment,
      run: (input, client) => {
        const recorded = recordDeployment(ctx, client, {
          service: input.service,
          environment: input.environment,
          version: input.version,
          changeId: changeIdOf(input.change),
          status: input.status,
          run: input.run ?? null,
        });
        if (!recorded.ok) {
          throw new ApiError(422, {
            error: recorded.error.code,
            message: recorded.error.message,
            fields: [{ field: recorded.error.field ?? '(body)', message: recorded.error.message }],
          });
        }
        const { deployment, unregisteredId, startedChange } = recorded.value;
        return {
          status: 201,
          body: {
            deployment: deploymentJson(deployment),
            unregistered: unregisteredId !== null,
            startedChange,
          },
        };
      },
    }),
    jsonGet(ctx, {
      path: '/api/v1/deployments',
      scope: 'read',
      run: (query) => {
        const changeId = parseChangeKey(query.get('change') ?? '');
        if (changeId === null) {
          throw new ApiError(400, {
            error: 'invalid_query',
            message: 'Name the change: ?change=CHG-12.',
            fields: [{ field: 'change', message: 'must be a change key like CHG-12' }],
          });
        }
        const list = ctx.repos.deployments.listForChange(changeId, LIST_LIMIT);
        return {
          status: 200,
          body: { change: formatChangeKey(changeId), deployments: list.map(deploymentJson) },
        };
      },
    }),
  ];
}
