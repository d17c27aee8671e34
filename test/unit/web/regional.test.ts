import { describe, expect, it } from 'vitest';
import {
  combineRegions,
  isRegional,
  kanwilRegions,
  offTrackShare,
  readRegion,
  regionalSummaryPath,
} from '../../../web/src/lib/regional';
import type { RegionalSummary } from '../../../web/src/lib/api-types';

type Figures = NonNullable<RegionalSummary['totals']>;

function figures(overrides: Partial<Figures> = {}): Figures {
  return {
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
    hoursCreditedInMonth: 12.5,
    sessionsInMonth: 5,
    casesDueIn30Days: 2,
    casesOffTrack: 1,
    openWarnings: 1,
    ...overrides,
  };
}

const row = (officeId: string, overrides: Partial<Figures> = {}) => ({
  officeId,
  name: `Bapas ${officeId}`,
  asOf: '2026-11-28',
  ...figures(overrides),
});

describe("the Kanwil's regional view", () => {
  it('reads the regions of the Kanwil grants, each once', () => {
    const me = {
      roles: [
        { role: 'regional' as const, officeId: 'bapas-palopo', regionId: 'sulsel' },
        { role: 'regional' as const, officeId: 'bapas-makassar', regionId: 'sulsel' },
        { role: 'admin' as const, officeId: 'bapas-bone' },
      ],
    };
    expect(kanwilRegions(me)).toEqual(['sulsel']);
    expect(isRegional(me)).toBe(true);
    expect(kanwilRegions({ roles: [{ role: 'officer', officeId: 'x' }] })).toEqual([]);
    expect(isRegional({ roles: [{ role: 'officer', officeId: 'x' }] })).toBe(false);
  });

  it('asks for the chosen month, or the current one', () => {
    expect(regionalSummaryPath('sulsel')).toBe('/v1/regions/sulsel/summary');
    expect(regionalSummaryPath('sulsel', '2026-05')).toBe('/v1/regions/sulsel/summary?month=2026-05');
    // A cursor carries its month: the next page names only the cursor.
    expect(regionalSummaryPath('sulsel', '2026-05', 'a.b')).toBe('/v1/regions/sulsel/summary?cursor=a.b');
  });

  it('follows the cursor page by page and adds up the pages when the server gives no totals', async () => {
    const asked: string[] = [];
    const pages: Record<string, RegionalSummary> = {
      '/v1/regions/sulsel/summary?month=2026-05': {
        regionId: 'sulsel',
        month: '2026-05',
        offices: [row('palopo', { openCases: 2 })],
        nextCursor: 'p2',
      },
      '/v1/regions/sulsel/summary?cursor=p2': {
        regionId: 'sulsel',
        month: '2026-05',
        offices: [row('bone', { openCases: 3, hoursCreditedInMonth: 0.1 })],
        nextCursor: null,
      },
    };
    const region = await readRegion(
      async (path) => {
        asked.push(path);
        return pages[path]!;
      },
      'sulsel',
      '2026-05',
    );

    expect(asked).toEqual(Object.keys(pages));
    expect(region.offices.map((o) => o.officeId)).toEqual(['palopo', 'bone']);
    expect(region.totals).toMatchObject({ openCases: 5, hoursCreditedInMonth: 12.6, sessionsInMonth: 10 });
    expect(combineRegions([region]).rows.map((r) => r.officeId)).toEqual(['bone', 'palopo']);
  });

  it("keeps a one-page region's totals as the server sent them", async () => {
    const totals = figures({ openCases: 99 });
    const region = await readRegion(
      async () => ({
        regionId: 'sulsel',
        month: '2026-05',
        offices: [row('palopo')],
        totals,
        nextCursor: null,
      }),
      'sulsel',
    );
    expect(region.totals).toEqual(totals);
  });

  it("takes one region's rows and totals as the server sent them", () => {
    const totals = figures({ openCases: 10 });
    const { rows, totals: shown } = combineRegions([{ offices: [row('palopo'), row('makassar')], totals }]);
    expect(rows.map((r) => r.officeId)).toEqual(['makassar', 'palopo']);
    expect(shown).toEqual(totals);
  });

  it('adds up the totals of two regions', () => {
    const { rows, totals } = combineRegions([
      { offices: [row('a1')], totals: figures() },
      {
        offices: [row('b1')],
        totals: figures({ openCases: 6, hoursCreditedInMonth: 0.25, openWarnings: 0 }),
      },
    ]);
    expect(rows).toHaveLength(2);
    expect(totals).toMatchObject({
      openCases: 10,
      hoursCreditedInMonth: 12.75,
      sessionsInMonth: 10,
      casesOffTrack: 2,
      casesDueIn30Days: 4,
      openWarnings: 1,
    });
    expect(totals.casesByStatus.active).toBe(6);
  });

  it('gives the off-track share of open cases', () => {
    expect(offTrackShare({ casesOffTrack: 1, openCases: 4 })).toBe(25);
    expect(offTrackShare({ casesOffTrack: 0, openCases: 0 })).toBe(0);
  });
});
