import * as z from 'zod';
import { problemSchema } from './schemas/common';
import type { AnyRoute } from './route';

/**
 * Builds the OpenAPI 3.1 document from the route table and the same zod schemas that validate
 * requests, so the published contract cannot drift from what the API accepts. OpenAPI 3.1 uses JSON
 * Schema 2020-12, which is zod's native output.
 */
export function buildOpenApi(routes: readonly AnyRoute[], info: { version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operation = {
      operationId: route.operationId,
      summary: route.summary,
      tags: route.tags,
      ...(route.access.kind === 'public' ? { security: [] } : {}),
      ...(route.access.kind === 'office'
        ? {
            'x-abdi-roles': route.access.roles,
            ...(route.access.scope ? { 'x-abdi-scope': route.access.scope } : {}),
          }
        : {}),
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toSchema(route.body, 'input') } },
            },
          }
        : {}),
      responses: {
        ...Object.fromEntries(
          Object.entries(route.responses).map(([status, spec]) => [
            status,
            {
              description: spec.description,
              ...(spec.schema
                ? { content: { 'application/json': { schema: toSchema(spec.schema, 'output') } } }
                : {}),
            },
          ]),
        ),
        default: {
          description: 'An error, as RFC 9457 problem details',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      },
    };
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Abdi API',
      version: info.version,
      description:
        'Community-service sentences (pidana kerja sosial) for Indonesian probation offices (Bapas).',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: toSchema(problemSchema, 'output') },
    },
    paths,
  };
}

function toSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

function parameters(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = toSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}
