import { describe, expect, it } from 'vitest';
import {
  isReportMonth,
  needsSettings,
  printedFingerprint,
  reissueBody,
  sameHash,
} from '../../../web/src/lib/document-rules';
import type { OfficialDocument } from '../../../web/src/lib/api-types';

/** An issued document of the register, as the API lists it. */
function aDocument(overrides: Partial<OfficialDocument> = {}): OfficialDocument {
  return {
    id: '0b7a3c2e-5d1f-4b8e-9a6c-2f4e8d1b3a57',
    kind: 'progress_report',
    number: 'W23.PAS.PAS3-PK.01.05-7/2026',
    title: 'Laporan Perkembangan W23.PAS.PAS3-PK.01.05-7/2026',
    status: 'issued',
    subject: { type: 'case', id: 'case-1' },
    caseId: 'case-1',
    issuedOn: '2026-12-05',
    issuedAt: '2026-12-05T01:00:00Z',
    issuedBy: 'pk.palopo',
    fingerprint: 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90',
    verificationUrl: '/v/0b7a3c2e-5d1f-4b8e-9a6c-2f4e8d1b3a57',
    ...overrides,
  };
}

describe('a correction of an issued document', () => {
  it('names the same kind, record and period, and the document it replaces', () => {
    // Prepare
    const progress = aDocument({ period: '2026-11' });
    const sheet = aDocument({
      kind: 'attendance_sheet',
      subject: { type: 'site', id: 'site-1' },
      period: '2026-11',
    });
    const monthly = aDocument({
      kind: 'monthly_report',
      subject: { type: 'office', id: 'o' },
      period: '2026-10',
    });

    // Act / Assess
    expect(reissueBody(progress)).toEqual({
      kind: 'progress_report',
      caseId: 'case-1',
      month: '2026-11',
      replaces: progress.id,
    });
    expect(reissueBody(aDocument())).toEqual({
      kind: 'progress_report',
      caseId: 'case-1',
      replaces: progress.id,
    });
    expect(reissueBody(aDocument({ kind: 'completion_record' }))).toEqual({
      kind: 'completion_record',
      caseId: 'case-1',
      replaces: progress.id,
    });
    expect(reissueBody(sheet)).toEqual({
      kind: 'attendance_sheet',
      siteId: 'site-1',
      month: '2026-11',
      replaces: sheet.id,
    });
    expect(reissueBody(monthly)).toEqual({ kind: 'monthly_report', month: '2026-10', replaces: monthly.id });
  });

  it('is not offered for what the register does not number, or a sheet without its month', () => {
    expect(reissueBody(aDocument({ kind: 'regional_rollup' }))).toBeNull();
    expect(
      reissueBody(aDocument({ kind: 'attendance_sheet', subject: { type: 'site', id: 's' } })),
    ).toBeNull();
  });
});

describe('checking a document', () => {
  it('prints the fingerprint as the paper does: the first 16 hex digits in groups of four', () => {
    expect(printedFingerprint(aDocument().fingerprint)).toBe('a1b2 c3d4 e5f6 0718');
  });

  it("matches a file only on the stored file's SHA-256, whatever its case or spacing", () => {
    const stored = 'ab'.repeat(32);
    expect(sameHash('AB'.repeat(32), stored)).toBe(true);
    expect(sameHash(`${'ab'.repeat(16)} ${'ab'.repeat(16)}`, stored)).toBe(true);
    expect(sameHash('ac'.repeat(32), stored)).toBe(false);
    expect(sameHash(stored, undefined)).toBe(false);
    expect(sameHash('', '')).toBe(false);
  });
});

describe('what the screens ask before sending', () => {
  it('knows the missing letterhead by its rule (DOC-SETTINGS), not by its wording', () => {
    expect(needsSettings([{ rule: 'DOC-SETTINGS' }])).toBe(true);
    expect(needsSettings([{ rule: 'LC-COMPLETE-HOURS' }, {}])).toBe(false);
  });

  it('takes a month that has begun, as YYYY-MM', () => {
    expect(isReportMonth('2026-12', '2026-12')).toBe(true);
    expect(isReportMonth('2026-01', '2026-12')).toBe(true);
    expect(isReportMonth('2027-01', '2026-12')).toBe(false);
    expect(isReportMonth('2026-13', '2026-12')).toBe(false);
    expect(isReportMonth('', '2026-12')).toBe(false);
  });
});
