import { describe, expect, it } from 'vitest';
import { integrationOffices } from '../../../functions/domain';

describe('machine clients of partner systems', () => {
  it('INT-OFFICES serves the owning office when no offices are named', () => {
    expect(integrationOffices('palopo', undefined, [])).toEqual({ ok: true, value: ['palopo'] });
  });

  it('INT-OFFICES adds offices the admin also administers, once each', () => {
    expect(integrationOffices('palopo', ['palopo', 'makassar', 'palopo'], ['palopo', 'makassar'])).toEqual({
      ok: true,
      value: ['palopo', 'makassar'],
    });
  });

  it('INT-OFFICES refuses an office the admin does not administer, naming its index', () => {
    const result = integrationOffices('palopo', ['palopo', 'makassar'], ['palopo']);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.violations).toEqual([
      { rule: 'INT-OFFICES', path: 'offices.1', message: 'You can only add offices you administer.' },
    ]);
  });

  it('INT-OFFICES refuses a list without the owning office', () => {
    const result = integrationOffices('palopo', ['makassar'], ['palopo', 'makassar']);
    expect(!result.ok && result.violations.map((v) => v.path)).toEqual(['offices']);
  });
});
