import { describe, expect, it } from 'vitest';
import {
  canCommitImport,
  canUndoImport,
  declaredImportFile,
  IMPORT_LIMITS,
  planPaperHistory,
} from '../../../../functions/domain/imports';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const pathsOf = (result: { ok: boolean; violations?: readonly { path: string }[] }) =>
  result.ok ? [] : (result.violations ?? []).map((v) => v.path);

describe('declaredImportFile', () => {
  it('IMPORT-FILE: an XLSX or a CSV of at most 20 MB is taken, under its content type', () => {
    expect(declaredImportFile({ fileName: 'kasus.xlsx', contentType: XLSX, sizeBytes: 1000 })).toEqual({
      ok: true,
      value: XLSX,
    });
    expect(
      declaredImportFile({ fileName: 'kasus.csv', contentType: 'text/csv; charset=utf-8', sizeBytes: 10 }),
    ).toEqual({ ok: true, value: 'text/csv' });
  });

  it('IMPORT-FILE: a CSV that Windows calls an Excel file is still a CSV; an .xls is not taken', () => {
    expect(
      declaredImportFile({ fileName: 'Kasus.CSV', contentType: 'application/vnd.ms-excel', sizeBytes: 10 }),
    ).toEqual({ ok: true, value: 'text/csv' });
    expect(
      pathsOf(
        declaredImportFile({ fileName: 'kasus.xls', contentType: 'application/vnd.ms-excel', sizeBytes: 10 }),
      ),
    ).toEqual(['contentType']);
    expect(
      pathsOf(declaredImportFile({ fileName: 'foto.png', contentType: 'image/png', sizeBytes: 10 })),
    ).toEqual(['contentType']);
  });

  it('IMPORT-FILE: a file over 20 MB is refused on sizeBytes', () => {
    const over = declaredImportFile({
      fileName: 'kasus.xlsx',
      contentType: XLSX,
      sizeBytes: IMPORT_LIMITS.maxBytes + 1,
    });
    expect(pathsOf(over)).toEqual(['sizeBytes']);
    expect(
      declaredImportFile({ fileName: 'kasus.xlsx', contentType: XLSX, sizeBytes: IMPORT_LIMITS.maxBytes }).ok,
    ).toBe(true);
  });
});

describe('an import moving on', () => {
  it('IMPORT-UNDO: only a committed import is undone, and not twice at once', () => {
    expect(canUndoImport('committed', false)).toEqual({ ok: true, value: true });
    for (const status of [
      'awaiting_upload',
      'validating',
      'validated',
      'committing',
      'failed',
      'undone',
    ] as const) {
      const refused = canUndoImport(status, false);
      expect(refused.ok, status).toBe(false);
      if (!refused.ok) expect(refused.violations[0]!.rule).toBe('IMPORT-UNDO');
    }
    expect(canUndoImport('committed', true).ok).toBe(false);
  });

  it('is committed once, after its dry run', () => {
    expect(canCommitImport('validated')).toBe(true);
    expect(
      ['awaiting_upload', 'validating', 'committing', 'committed', 'failed', 'undone'].map((s) =>
        canCommitImport(s as never),
      ),
    ).toEqual([false, false, false, false, false, false]);
  });
});

describe('planPaperHistory', () => {
  const ordered = 40 * 60;

  it('CR-TOTAL-CAP: hours served on paper never exceed the order', () => {
    const over = planPaperHistory({
      orderedMinutes: ordered,
      placed: true,
      creditMinutes: ordered + 60,
      warningDates: [],
    });
    expect(over.ok).toBe(false);
    if (!over.ok)
      expect(over.violations.map((v) => [v.rule, v.path])).toEqual([['CR-TOTAL-CAP', 'paper.credit.hours']]);
    expect(
      planPaperHistory({
        orderedMinutes: ordered,
        placed: true,
        creditMinutes: ordered,
        warningDates: [],
        status: 'completed',
      }),
    ).toEqual({
      ok: true,
      value: { status: 'completed', warnings: [], warningsOpen: false },
    });
  });

  it('leaves a case where its records lead: placed, active with hours, warned with warnings', () => {
    const plan = (creditMinutes: number, warningDates: string[] = []) =>
      planPaperHistory({ orderedMinutes: ordered, placed: true, creditMinutes, warningDates });
    expect(plan(0)).toMatchObject({ ok: true, value: { status: 'placed' } });
    expect(plan(720)).toMatchObject({ ok: true, value: { status: 'active' } });
    expect(plan(720, ['2026-04-06'])).toMatchObject({
      ok: true,
      value: { status: 'warned', warningsOpen: true },
    });
  });

  it('WARN-LEVEL: warnings on paper take their levels in date order, the fourth staying at 3', () => {
    const plan = planPaperHistory({
      orderedMinutes: ordered,
      placed: true,
      creditMinutes: 60,
      warningDates: ['2026-05-04', '2026-04-06', '2026-06-01', '2026-04-20'],
    });
    expect(plan.ok && plan.value.warnings).toEqual([
      { level: 1, issuedOn: '2026-04-06' },
      { level: 2, issuedOn: '2026-04-20' },
      { level: 3, issuedOn: '2026-05-04' },
      { level: 3, issuedOn: '2026-06-01' },
    ]);
  });

  it('LC-COMPLETE-HOURS: completed with hours left is refused on the status column', () => {
    const plan = planPaperHistory({
      orderedMinutes: ordered,
      placed: true,
      creditMinutes: 600,
      warningDates: [],
      status: 'completed',
    });
    expect(plan.ok).toBe(false);
    if (!plan.ok)
      expect(plan.violations.map((v) => [v.rule, v.path])).toEqual([['LC-COMPLETE-HOURS', 'paper.status']]);
  });

  it('LC-VIA-PLACEMENT: hours or warnings without a placement are refused', () => {
    const plan = planPaperHistory({
      orderedMinutes: ordered,
      placed: false,
      creditMinutes: 60,
      warningDates: [],
    });
    expect(plan.ok).toBe(false);
    if (!plan.ok)
      expect(plan.violations[0]).toMatchObject({ rule: 'LC-VIA-PLACEMENT', path: 'paper.credit.hours' });
  });

  it('LC-VIA-REFERRAL: referred needs warnings on paper; with them, the warnings are no longer open', () => {
    const none = planPaperHistory({
      orderedMinutes: ordered,
      placed: true,
      creditMinutes: 60,
      warningDates: [],
      status: 'referred',
    });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.violations[0]!.rule).toBe('LC-VIA-REFERRAL');
    const referred = planPaperHistory({
      orderedMinutes: ordered,
      placed: true,
      creditMinutes: 60,
      warningDates: ['2026-04-06'],
      status: 'referred',
    });
    expect(referred).toMatchObject({ ok: true, value: { status: 'referred', warningsOpen: false } });
  });

  it('LC-TRANSITION: a status the records cannot reach is refused (placed with hours served)', () => {
    const plan = planPaperHistory({
      orderedMinutes: ordered,
      placed: true,
      creditMinutes: 60,
      warningDates: [],
      status: 'placed',
    });
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.violations[0]).toMatchObject({ rule: 'LC-TRANSITION', path: 'paper.status' });
  });
});
