import { z } from 'zod';
import { sendJson } from '../send-json.ts';
import type { Route } from '../server.ts';
import type { ApiSchemas } from './schemas.ts';

const error = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string' },
    message: { type: 'string' },
    fields: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

const refusals = {
  '400': { description: 'Invalid body: `fields` names each offending field; nothing was done.' },
  '401': { description: 'Missing, unknown or revoked token.' },
  '403': { description: 'The token lacks the scope.' },
  '422': { description: 'The Idempotency-Key was used for a different request.' },
};

const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Retries with the same key get the first answer; the request is processed once.',
  schema: { type: 'string', maxLength: 200 },
};

const json = (schema: object) => ({ 'application/json': { schema } });

/** The OpenAPI 3.1 document; request bodies come from the same zod schemas that validate them. */
export function openApiDocument(schemas: ApiSchemas) {
  const body = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
  const withErrors = Object.fromEntries(
    Object.entries(refusals).map(([code, r]) => [
      code,
      { ...r, content: json({ $ref: '#/components/schemas/Error' }) },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Changeboard API',
      version: '1',
      description: 'The deployment gate and deployment records for CI/CD pipelines.',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'cb_… API token' } },
      schemas: { Error: error },
    },
    security: [{ bearer: [] }],
    paths: {
      '/gate/check': {
        post: {
          summary: 'May this pipeline deploy now? (scope: gate)',
          parameters: [idempotencyKey],
          requestBody: { required: true, content: json(body(schemas.gateCheck)) },
          responses: {
            '200': {
              description: '`decision` is allowed, prevented or awaiting, with reasons and the change.',
              content: json({
                type: 'object',
                properties: {
                  decision: { enum: ['allowed', 'prevented', 'awaiting'] },
                  reasons: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: { code: { type: 'string' }, message: { type: 'string' } },
                    },
                  },
                  change: { type: ['object', 'null'] },
                },
              }),
            },
            ...withErrors,
          },
        },
      },
      '/deployments': {
        post: {
          summary: 'Record a deployment (scope: deployments)',
          parameters: [idempotencyKey],
          requestBody: { required: true, content: json(body(schemas.deployment)) },
          responses: { '201': { description: 'The deployment as recorded.' }, ...withErrors },
        },
        get: {
          summary: "A change's deployments (scope: read)",
          parameters: [{ name: 'change', in: 'query', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'The latest deployments, newest first.' }, ...withErrors },
        },
      },
    },
  };
}

/** GET /api/v1/openapi.json, public: it describes the API, not any data. */
export function openApiRoute(schemas: ApiSchemas): Route {
  const document = openApiDocument(schemas);
  return { method: 'GET', path: '/api/v1/openapi.json', handle: (_req, res) => sendJson(res, 200, document) };
}
