import { describe, expect, it } from 'vitest';
import { landingPath } from '../../../web/src/lib/landing';
import type { Role } from '../../../web/src/lib/me';

const offices = [{ id: 'bapas-makassar' }, { id: 'bapas-palopo' }] as never;
const as = (...grants: [Role, string][]) => ({
  offices,
  roles: grants.map(([role, officeId]) => ({ role, officeId })),
});

describe('each role lands on its work', () => {
  it('sends an admin and a PK to the office home, the office they last worked in first', () => {
    expect(landingPath(as(['admin', 'bapas-palopo']), 'bapas-palopo')).toBe('/o/bapas-palopo');
    expect(landingPath(as(['officer', 'bapas-makassar']), null)).toBe('/o/bapas-makassar');
  });

  it('sends a jaksa to the referred cases, a supervisor to the day at their sites, the Kanwil to its region', () => {
    expect(landingPath(as(['prosecutor', 'bapas-palopo']), 'bapas-palopo')).toBe(
      '/o/bapas-palopo/cases?status=referred',
    );
    expect(landingPath(as(['supervisor', 'bapas-palopo']), 'bapas-palopo')).toBe('/field/');
    expect(
      landingPath(as(['regional', 'bapas-makassar'], ['regional', 'bapas-palopo']), 'bapas-palopo'),
    ).toBe('/region');
  });

  it('lands a person with several roles where the strongest works, and one without an office on the account', () => {
    expect(landingPath(as(['supervisor', 'bapas-palopo'], ['officer', 'bapas-palopo']), 'bapas-palopo')).toBe(
      '/o/bapas-palopo',
    );
    expect(landingPath(as(['prosecutor', 'bapas-palopo'], ['admin', 'bapas-palopo']), 'bapas-palopo')).toBe(
      '/o/bapas-palopo',
    );
    expect(landingPath({ offices: [], roles: [] }, null)).toBe('/account');
  });
});
