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
