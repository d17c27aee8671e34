import { expect } from 'vitest';
import type { ApiResponse, apiCaller } from './api';

// Request builders the API tests share, so that each test states only what it is about.

type Call = ReturnType<typeof apiCaller>;
type Claims = Record<string, unknown>;

/** The If-Match header for `version` (the API's ETag is the resource version in quotes). */
export const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/** PATCHes `url` as `claims`: under If-Match when a `version` is given, without the header otherwise. */
export const patch = (call: Call, url: string, claims: Claims, body: unknown, version?: number) =>
  call('PATCH', url, { claims, body, headers: version === undefined ? {} : ifMatch(version) });

/** The body of a 201; fails with the problem the API answered instead. */
export function created(response: ApiResponse) {
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; version: number };
}

/** Asserts a first version created in `collection`: 201, ETag "1" and a Location under the collection. */
export function expectCreatedIn(collection: string, response: ApiResponse) {
  expect(response.status).toBe(201);
  expect(response.headers.etag).toBe('"1"');
  expect(response.headers.location).toBe(`${collection}/${response.body.id}`);
}

/** A placement every weekday morning, 08:00–12:00, from 2 March to 30 June 2026. */
export const weekdayPlacement = (siteId: string, overrides: Record<string, unknown> = {}) => ({
  siteId,
  weekdays: [1, 2, 3, 4, 5],
  startTime: '08:00',
  endTime: '12:00',
  from: '2026-03-02',
  until: '2026-06-30',
  ...overrides,
});
