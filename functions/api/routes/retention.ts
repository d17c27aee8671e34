import { retentionDryRun, retentionLog, throughDate } from '../../actions/retention/retention-dry-run';
import { access, staff } from '../access';
import { pagedRoute } from '../route-kit';
import { officeParams } from '../schemas/common';
import { pageQuery } from '../schemas/paging';
import { retentionCaseSchema, retentionLogSchema, retentionQuery } from '../schemas/retention';

/**
 * The retention dry run (issue 17, ADR 0020): the office's closed cases with a step of the schedule due
 * by `through`, each step's due date, action and whether the nightly job did it. Admins only: it is
 * what they read before anything is deleted, and answer for.
 */
export const getRetentionPlan = pagedRoute({
  operationId: 'getRetentionPlan',
  path: '/v1/offices/{officeId}/retention',
  summary: 'Retention dry run: closed cases with steps due by a date, and what is done',
  tags: ['retention'],
  access: access.office(staff.adminOnly),
  params: officeParams,
  query: retentionQuery,
  items: 'closed cases with their retention steps',
  item: retentionCaseSchema,
  list: ({ deps, access: grant, query }) => `retention:${throughDate(deps, grant, query.through)}`,
  read: ({ deps, access: grant, query }, page) =>
    retentionDryRun(deps, grant, { through: throughDate(deps, grant, query.through), page }),
});

/** What the retention job did, newest first: case ids, record types, counts and dates; no personal data. */
export const getRetentionLog = pagedRoute({
  operationId: 'getRetentionLog',
  path: '/v1/offices/{officeId}/retention/log',
  summary: "The retention job's deletion records, newest first",
  tags: ['retention'],
  access: access.office(staff.adminOnly),
  params: officeParams,
  query: pageQuery,
  items: 'deletion records',
  item: retentionLogSchema,
  list: () => 'retention:log',
  read: ({ deps, access: grant }, page) => retentionLog(deps, grant, { page }),
});
