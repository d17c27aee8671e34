import type * as z from 'zod';
import type { Page, PageRequest } from '../actions/cases/queries';
import type { Ports } from '../actions/ports';
import type { InOffice } from '../identity/grant';
import { etag, expectedVersion } from './preconditions';
import { pageResponse } from './presenters';
import { defineRoute, type RouteContext, type RouteDefinition } from './route';
import { caseIdParams } from './schemas/cases';
import { pageOf, pageQuery } from './schemas/paging';

/**
 * Builders for the route-table rows that share a shape: paged lists, answers carrying one versioned
 * record, If-Match writes. A row still states everything the contract shows (operationId, path,
 * summary, access, schemas); a builder adds only what every row of its kind does the same way.
 */

type Context<P, Q, B> = RouteContext<P, Q, B, InOffice>;
type OfficeRoute<P, Q, B> = RouteDefinition<P, Q, B, InOffice>;
/** What a row of an office route says about itself. */
type Row<P, Q, B> = Omit<OfficeRoute<P, Q, B>, 'handle' | 'method' | 'responses'>;
type PageQuery = { readonly limit: number; readonly cursor?: string };

/** `/v1/offices/{officeId}/…`: where a record of the caller's office lives (the Location of a 201). */
export const officePath = (grant: InOffice, ...segments: string[]) =>
  `/v1/offices/${grant.office.id}/${segments.join('/')}`;

/** An answer with the record's version as its ETag; `location` makes it a 201 Created. */
export const versioned = (body: unknown, version: number, location?: string) => ({
  status: location ? 201 : 200,
  body,
  headers: { etag: etag(version), ...(location ? { location } : {}) },
});

/**
 * A paged GET answering `A page of <items>`. The cursor is bound to the office and to the list that
 * `list` names (filters included, so a cursor of one filter is refused by another).
 */
export function pagedRoute<P, Q extends PageQuery, T>(
  spec: Row<P, Q, unknown> & {
    readonly query: z.ZodType<Q>;
    readonly items: string;
    readonly item: z.ZodType;
    list(context: Context<P, Q, unknown>): string;
    read(context: Context<P, Q, unknown>, page: PageRequest): Promise<Page<T>>;
    present?(item: T, grant: InOffice): unknown;
  },
): OfficeRoute<P, Q, unknown> {
  const { items, item, list, read, present, ...row } = spec;
  return defineRoute<P, Q, unknown, InOffice>({
    ...row,
    method: 'GET',
    responses: { 200: { description: `A page of ${items}`, schema: pageOf(item) } },
    async handle(context) {
      const scope = { officeId: context.access.office.id, list: list(context) };
      const show = present ? (one: T) => present(one, context.access) : undefined;
      return pageResponse(context.deps.cursors, scope, context.query, (page) => read(context, page), show);
    },
  });
}

type CaseParams = z.infer<typeof caseIdParams>;
type Keys = Ports['recordKeys'];

/**
 * Read-ahead (ADR 0011) of the record of the office that a path parameter names: the guard reads it
 * with the caller's grants, and the use case's first read of it costs no call.
 */
export const readAheadOf =
  <P extends string>(kind: 'case' | 'client' | 'partner' | 'site', param: P) =>
  (params: Readonly<Record<P, string>>, officeId: string, keys: Keys) => [
    keys[kind](officeId, params[param]),
  ];

/** Routes under `/cases/{caseId}`: the case, which their use case reads first. */
export const readAheadCase = readAheadOf('case', 'caseId');

/** Routes under `/cases/{caseId}` whose body names a site (a session, a placement): the case and the site. */
export const readAheadCaseAndSite = (
  params: CaseParams,
  officeId: string,
  keys: Keys,
  body: () => { readonly siteId: string } | undefined,
) => {
  const siteId = body()?.siteId;
  return [keys.case(officeId, params.caseId), ...(siteId ? [keys.site(officeId, siteId)] : [])];
};

/**
 * A case's own list, `/cases/{caseId}/<kind>`, newest first: tagged `kind`, a page of `kind`, the
 * cursor bound to this case's list of that kind, read through the use case `read`.
 */
export function caseListRoute<T, Q extends PageQuery = z.infer<typeof pageQuery>>(
  kind: string,
  spec: Pick<Row<CaseParams, Q, unknown>, 'operationId' | 'summary' | 'access'> & {
    readonly query?: z.ZodType<Q>;
    readonly item: z.ZodType;
    read(
      deps: Context<CaseParams, Q, unknown>['deps'],
      grant: InOffice,
      caseId: string,
      page: PageRequest,
    ): Promise<Page<T>>;
    present?(item: T): unknown;
  },
): OfficeRoute<CaseParams, Q, unknown> {
  const { read, query, ...row } = spec;
  return pagedRoute<CaseParams, Q, T>({
    ...row,
    path: `/v1/offices/{officeId}/cases/{caseId}/${kind}`,
    tags: [kind],
    params: caseIdParams,
    readAhead: readAheadCase,
    query: query ?? (pageQuery as unknown as z.ZodType<Q>),
    items: kind,
    list: ({ params }) => `${kind}:${params.caseId}`,
    read: ({ deps, access, params }, page) => read(deps, access, params.caseId, page),
  });
}

/**
 * A route answering one record with its version as the ETag: 200, or 201 with a Location when
 * `location` says where a created record lives.
 */
export function recordRoute<P, Q, B, R extends { readonly version: number }>(
  spec: Row<P, Q, B> &
    Pick<OfficeRoute<P, Q, B>, 'method' | 'responses'> & {
      run(context: Context<P, Q, B>): Promise<R>;
      present?(record: R, context: Context<P, Q, B>): unknown;
      location?(record: R, grant: InOffice): string;
    },
): OfficeRoute<P, Q, B> {
  const { run, present = (record: R) => record, location, ...row } = spec;
  return defineRoute<P, Q, B, InOffice>({
    ...row,
    async handle(context) {
      const record = await run(context);
      const where = location?.(record, context.access);
      return versioned(present(record, context), record.version, where);
    },
  });
}

/**
 * A write that must name the version it changes (`If-Match`, see preconditions.ts): `change` gets
 * that version as a plain number and the answer carries the new one.
 */
export function ifMatchRoute<P, B, R extends { readonly version: number }>(
  spec: Row<P, unknown, B> &
    Pick<OfficeRoute<P, unknown, B>, 'responses'> & {
      readonly method: 'PATCH' | 'DELETE';
      change(context: Context<P, unknown, B>, expected: number): Promise<R>;
      present?(record: R, context: Context<P, unknown, B>): unknown;
    },
): OfficeRoute<P, unknown, B> {
  const { change, ...row } = spec;
  return recordRoute<P, unknown, B, R>({
    ...row,
    requiresIfMatch: true,
    run: (context) => change(context, expectedVersion(context.headers)),
  });
}
