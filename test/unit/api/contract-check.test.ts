import { describe, expect, it } from 'vitest';
import { assertMatchesContract } from '../../support/contract';

// The checker every integration test's answers pass through (test/support/api.ts): it must refuse drift.
const json = { 'content-type': 'application/json; charset=utf-8' };
const problemJson = { 'content-type': 'application/problem+json' };
const problem = {
  type: 'https://abdi.id/problems/not-found',
  title: 'Not found',
  status: 404,
  detail: 'No such resource.',
};

describe('assertMatchesContract', () => {
  it('accepts a documented problem answer', () => {
    expect(() =>
      assertMatchesContract('GET', '/v1/offices/o1/cases/c1', {
        status: 404,
        headers: problemJson,
        body: problem,
      }),
    ).not.toThrow();
  });

  it('refuses a field the schema does not allow', () => {
    expect(() =>
      assertMatchesContract('GET', '/v1/offices/o1/partners/p1', {
        status: 200,
        headers: json,
        body: { id: 'p1', surprise: true },
      }),
    ).toThrow(/getPartner|partners.*breaks its schema/);
  });

  it('refuses a status the operation does not document', () => {
    expect(() =>
      assertMatchesContract('GET', '/v1/offices/o1/partners/p1', {
        status: 418,
        headers: problemJson,
        body: problem,
      }),
    ).toThrow(/does not document 418/);
  });

  it('refuses a problem sent as plain JSON', () => {
    expect(() =>
      assertMatchesContract('GET', '/v1/offices/o1/cases/c1', { status: 404, headers: json, body: problem }),
    ).toThrow(/not application\/problem\+json/);
  });

  it('matches a literal path segment before a parameter (the office audit list is not a case)', () => {
    expect(() =>
      assertMatchesContract('GET', '/v1/offices/o1/audit/nik-reveals?limit=5', {
        status: 200,
        headers: json,
        body: { items: [], nextCursor: null },
      }),
    ).not.toThrow();
  });
});
