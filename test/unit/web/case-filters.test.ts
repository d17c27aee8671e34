import { describe, expect, it } from 'vitest';
import {
  caseFiltersToSearch,
  caseListApiQuery,
  hasFilters,
  parseCaseFilters,
} from '../../../web/src/lib/case-filters';

describe('case list filters and the URL', () => {
  it.each([
    [
      'every filter',
      { status: 'warned', officer: 'pk.palopo', site: 'site-palopo-masjid-bara', dueBefore: '2026-06-30' },
      '?status=warned&officer=pk.palopo&site=site-palopo-masjid-bara&due=2026-06-30',
    ],
    ['no filters (an empty query)', {}, ''],
  ] as const)('round-trips %s through the query string', (_, filters, search) => {
    expect(caseFiltersToSearch(filters)).toBe(search);
    expect(parseCaseFilters(search)).toEqual(filters);
  });

  it('knows when there are no filters', () => {
    expect(hasFilters({})).toBe(false);
  });

  it('ignores unknown statuses, malformed dates and blank values', () => {
    expect(parseCaseFilters('?status=deleted&due=30-06-2026&officer=%20&site=')).toEqual({});
  });

  it('builds the API query with its own parameter names, the page size and the cursor', () => {
    expect(caseListApiQuery({ officer: 'pk.palopo', dueBefore: '2026-06-30' }, 'abc+/=')).toBe(
      '?limit=25&officerUsername=pk.palopo&dueBefore=2026-06-30&cursor=abc%2B%2F%3D',
    );
    expect(caseListApiQuery({ status: 'active', site: 's1' }, null, 10)).toBe(
      '?limit=10&status=active&siteId=s1',
    );
  });
});
