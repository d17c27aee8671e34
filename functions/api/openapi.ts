import * as z from 'zod';
import { defaultProblem, problemResponses } from './openapi-problems';
import { API_TAGS } from './openapi-tags';
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
      description: describe(route),
      tags: route.tags,
      ...(route.access.kind === 'public' ? { security: [] } : {}),
      ...(route.access.kind === 'office'
        ? {
            'x-abdi-roles': route.access.roles,
            ...(route.access.scope ? { 'x-abdi-scope': route.access.scope } : {}),
          }
        : {}),
      ...(route.access.kind === 'region' ? { 'x-abdi-roles': ['regional'] } : {}),
      parameters: [
        ...parameters(route.params, 'path', schemas),
        ...parameters(route.query, 'query', schemas),
        ...headerParameters(route),
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
              ...(spec.file
                ? {
                    content: Object.fromEntries(
                      spec.file.contentTypes.map((type) => [
                        type,
                        { schema: { type: 'string', format: 'binary' } },
                      ]),
                    ),
                  }
                : {}),
            },
          ]),
        ),
        ...problemResponses(route),
        default: defaultProblem,
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
        'Community-service sentences (pidana kerja sosial) for Indonesian probation offices (Bapas). ' +
        "Everything an office holds sits under `/v1/offices/{officeId}`; another office's records answer 404. " +
        "JSON is camelCase; dates `YYYY-MM-DD` and times `HH:mm` in the office's time zone; instants ISO-8601 UTC. " +
        'Errors are RFC 9457 problem details (`application/problem+json`) naming each field and, where a legal ' +
        'rule refused the value, its rule id.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Abdi' },
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    tags: API_TAGS,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas,
    },
    paths,
  };
}

/** The operation's description: the route's own words, then who may call it and how to call it safely. */
function describe(route: AnyRoute): string {
  const access = route.access;
  const who =
    access.kind === 'public'
      ? 'Public: no token.'
      : access.kind === 'signed-in'
        ? 'Any signed-in person.'
        : access.kind === 'region'
          ? "The region's Kanwil (role `regional` in that region); anyone else gets 404."
          : `Roles in the office: ${access.roles.join(', ')}` +
            (access.scope ? `; a machine client needs the scope \`${access.scope}\`.` : '.');
  return [
    route.description,
    `**Access:** ${who}`,
    route.method === 'POST' && route.replayable !== false
      ? '**Retries:** send an `Idempotency-Key`; a retry with the same key and body gets the first answer (for 30 days).'
      : undefined,
    route.requiresIfMatch
      ? '**Concurrency:** send `If-Match` with the ETag you read; a stale one answers 412.'
      : undefined,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** `Idempotency-Key` on the POSTs that honour it, `If-Match` where it is required. */
function headerParameters(route: AnyRoute) {
  return [
    ...(route.method === 'POST' && route.replayable !== false
      ? [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description: 'Any unique string (a UUID) per intended change; retries reuse it.',
            schema: { type: 'string', minLength: 1, maxLength: 255 },
          },
        ]
      : []),
    ...(route.requiresIfMatch
      ? [
          {
            name: 'If-Match',
            in: 'header',
            required: true,
            description: 'The ETag of the version you read, e.g. `"3"`.',
            schema: { type: 'string' },
          },
        ]
      : []),
  ];
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
  if ($defs && components) Object.assign(components, closedRecords($defs) as Record<string, unknown>);
  return closedRecords(rest) as Record<string, unknown>;
}

/**
 * A record over a fixed set of keys (`z.record(z.enum([...]), …)`) comes out of zod as `propertyNames`
 * with `required`, which is valid JSON Schema but which Redocly and the client generators read as
 * required properties that are never defined. Spelled out as properties it means the same to a
 * validator and gives integrators one typed field per key.
 */
function closedRecords(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closedRecords);
  if (!node || typeof node !== 'object') return node;
  const schema = Object.fromEntries(
    Object.entries(node as Record<string, unknown>).map(([key, value]) => [key, closedRecords(value)]),
  );
  const names = (schema.propertyNames as { enum?: unknown[] } | undefined)?.enum;
  const values = schema.additionalProperties;
  if (!names || schema.properties || typeof values !== 'object') return schema;
  const { propertyNames: _names, additionalProperties: _values, ...rest } = schema;
  return {
    ...rest,
    properties: Object.fromEntries(names.map((name) => [String(name), values])),
    additionalProperties: false,
  };
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
