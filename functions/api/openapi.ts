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
  // Named schemas (`.meta({ id })`) land in `schemas` as they are met; the problem is one of them.
  const schemas: Record<string, unknown> = {};
  toSchema(problemSchema, 'output', schemas);
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
      parameters: [
        ...parameters(route.params, 'path', schemas),
        ...parameters(route.query, 'query', schemas),
      ],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toSchema(route.body, 'input', schemas) } },
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
                ? { content: { 'application/json': { schema: toSchema(spec.schema, 'output', schemas) } } }
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
      schemas,
    },
    paths,
  };
}

/**
 * Schemas converted one at a time; named schemas (`.meta({ id })`) that zod puts under `$defs` are
 * hoisted into `components.schemas`, and their references rewritten to point there, so the document
 * is valid OpenAPI 3.1 and each named schema appears once.
 */
function toSchema(
  schema: z.ZodType,
  io: 'input' | 'output',
  components?: Record<string, unknown>,
): Record<string, unknown> {
  const converted = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  const {
    $schema: _ignored,
    $defs,
    ...rest
  } = JSON.parse(JSON.stringify(converted).replaceAll('"#/$defs/', '"#/components/schemas/')) as Record<
    string,
    unknown
  > & { $defs?: Record<string, unknown> };
  if ($defs && components) Object.assign(components, $defs);
  return rest;
}

function parameters(
  schema: z.ZodType | undefined,
  location: 'path' | 'query',
  components: Record<string, unknown>,
) {
  if (!schema) return [];
  const json = toSchema(schema, 'input', components) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}
