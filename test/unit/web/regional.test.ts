import { describe, expect, it } from 'vitest';
import { isRegional, offTrackShare, regionTotals, regionalOffices } from '../../../web/src/lib/regional';
import type { Summary } from '../../../web/src/lib/api-types';

const office = (id: string) => ({ id, name: id, timeZone: 'Asia/Makassar' });

function summary(overrides: Partial<Summary> = {}): Summary {
  return {
    asOf: '2026-11-28',
    casesByStatus: {
      received: 0,
      assessed: 0,
      placed: 0,
      active: 3,
      warned: 1,
      referred: 0,
      repeated: 0,
      completed: 0,
      converted: 0,
      terminated: 0,
      closed: 0,
    },
    openCases: 4,
    hoursCreditedThisMonth: 12.5,
    casesDueIn30Days: 2,
    casesOffTrack: 1,
    openWarnings: 1,
    sessionsThisWeek: 0,
    weeks: [],
    ...overrides,
  };
}

describe("the Kanwil's regional view", () => {
  it('compares only the offices the user reads as regional', () => {
    const me = {
      roles: [
        { role: 'regional' as const, officeId: 'bapas-palopo' },
        { role: 'regional' as const, officeId: 'bapas-makassar' },
        { role: 'admin' as const, officeId: 'bapas-bone' },
      ],
      offices: [office('bapas-bone'), office('bapas-makassar'), office('bapas-palopo')],
    };
    expect(regionalOffices(me).map((o) => o.id)).toEqual(['bapas-makassar', 'bapas-palopo']);
    expect(isRegional(me)).toBe(true);
    expect(isRegional({ roles: [{ role: 'officer', officeId: 'x' }] })).toBe(false);
  });

  it('adds up the offices whose summary arrived, and says how many that is', () => {
    const totals = regionTotals([
      { office: office('a'), summary: summary() },
      {
        office: office('b'),
        summary: summary({ openCases: 6, hoursCreditedThisMonth: 0.25, openWarnings: 0 }),
      },
      { office: office('c'), summary: null, error: 'Network' },
    ]);
    expect(totals).toEqual({
      openCases: 10,
      activeCases: 6,
      hoursCreditedThisMonth: 12.75,
      casesOffTrack: 2,
      casesDueIn30Days: 4,
      openWarnings: 1,
      offices: 2,
    });
  });

  it('gives the off-track share of open cases', () => {
    expect(offTrackShare({ casesOffTrack: 1, openCases: 4 })).toBe(25);
    expect(offTrackShare({ casesOffTrack: 0, openCases: 0 })).toBe(0);
  });
});
