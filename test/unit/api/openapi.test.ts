import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiDocument, routeTable } from '../../../functions/api/route-table';

describe('GET /v1/openapi.json', () => {
  const document = openApiDocument();

  it('validates as OpenAPI 3.1, references included', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as never);

    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it('documents every route of the route table, and nothing else', () => {
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(routeTable.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('is generated from the validating schemas: the case request names the legal fields', () => {
    const createCase = document.paths['/v1/offices/{officeId}/cases']?.post as {
      requestBody: { content: { 'application/json': { schema: { properties: Record<string, unknown> } } } };
    };
    const fields = Object.keys(createCase.requestBody.content['application/json'].schema.properties);
    expect(fields).toEqual(
      expect.arrayContaining([
        'clientId',
        'officerUsername',
        'prosecutor',
        'decision',
        'sentence',
        'consent',
      ]),
    );
  });
});

describe('problem responses, derived from what each route is', () => {
  const document = openApiDocument();
  const responsesOf = (path: string, method: string) =>
    Object.keys((document.paths[path] as Record<string, { responses: object }>)[method]!.responses);

  it('a write naming a version documents 412 and 428, a replayable POST 422, and a public read no 401', () => {
    expect(responsesOf('/v1/offices/{officeId}/sessions/{sessionId}', 'patch')).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409', '412', '428', 'default']),
    );
    expect(responsesOf('/v1/offices/{officeId}/cases/{caseId}/sessions', 'post')).toEqual(
      expect.arrayContaining(['201', '409', '415', '422']),
    );
    expect(responsesOf('/v1/offices/{officeId}/cases/{caseId}/sessions', 'post')).not.toContain('412');
    expect(responsesOf('/health', 'get')).not.toContain('401');
  });

  it('gives each problem response an example whose type is a stable problem URL', () => {
    const notFound = (
      document.paths['/v1/offices/{officeId}/cases/{caseId}'] as Record<
        string,
        {
          responses: Record<
            string,
            { content: Record<string, { example: { type: string; status: number } }> }
          >;
        }
      >
    ).get!.responses['404']!.content['application/problem+json']!.example;
    expect(notFound).toMatchObject({ type: 'https://abdi.id/problems/not-found', status: 404 });
  });
});
