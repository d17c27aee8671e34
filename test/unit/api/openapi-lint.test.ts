import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openApiDocument, routeTable } from '../../../functions/api/route-table';
import { API_TAGS } from '../../../functions/api/openapi-tags';

// The contract as integrators check it: Redocly CLI's recommended rules (redocly.yaml), run on the
// document `GET /v1/openapi.json` serves.
const work = mkdtempSync(join(tmpdir(), 'abdi-openapi-lint-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; location: { pointer: string }[] }[];
}

function redoclyLint(document: unknown): LintReport {
  const file = join(work, 'openapi.json');
  writeFileSync(file, JSON.stringify(document));
  const output = execFileSync(
    join('node_modules', '.bin', 'redocly'),
    ['lint', file, '--config', 'redocly.yaml', '--format=json'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  );
  return JSON.parse(output) as LintReport;
}

describe('the contract under Redocly lint (recommended rules)', () => {
  const document = openApiDocument();

  it('has no errors, and warns only that the two public routes without input declare no 4xx', () => {
    const report = redoclyLint(document);

    expect(report.totals.errors).toBe(0);
    expect(report.problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer}`).sort()).toEqual([
      'operation-4xx-response #/paths/~1health/get/responses',
      'operation-4xx-response #/paths/~1v1~1openapi.json/get/responses',
    ]);
  });

  it('fails on a document that breaks a rule (the lint is really running)', () => {
    const broken = structuredClone(document) as { components: { schemas: Record<string, unknown> } };
    broken.components.schemas.Problem = { $ref: '#/components/schemas/Problem' };

    expect(() => redoclyLint(broken)).toThrow();
  });

  it('gives every operation a summary, a description and a declared tag', () => {
    const declared = new Set<string>(API_TAGS.map((t) => t.name));
    for (const route of routeTable) {
      const operation = (document.paths[route.path] as Record<string, Record<string, unknown>>)[
        route.method.toLowerCase()
      ];
      expect(operation?.summary, route.operationId).toBeTruthy();
      expect(operation?.description, route.operationId).toMatch(/\*\*Access:\*\*/);
      expect(
        route.tags.every((tag) => declared.has(tag)),
        route.operationId,
      ).toBe(true);
    }
  });
});
