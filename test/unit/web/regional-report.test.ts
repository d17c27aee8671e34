import { describe, expect, it } from 'vitest';
import { regionalReportFileName, regionalReportPath } from '../../../web/src/lib/regional';

describe("the Kanwil's roll-up file", () => {
  it('is asked for by region, month and format', () => {
    expect(regionalReportPath('sulsel', '2026-11', 'pdf')).toBe(
      '/v1/regions/sulsel/report?month=2026-11&format=pdf',
    );
    expect(regionalReportPath('a b', '2026-11', 'xlsx')).toBe(
      '/v1/regions/a%20b/report?month=2026-11&format=xlsx',
    );
  });

  it('is saved under the name the server gives when the answer names none', () => {
    expect(regionalReportFileName('sulsel', '2026-11', 'xlsx')).toBe('rekap-sulsel-2026-11.xlsx');
    expect(regionalReportFileName('a/b', '2026-11', 'pdf')).toBe('rekap-a_b-2026-11.pdf');
  });
});
