import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '../../../functions/domain';
import {
  buildOfficeMonthlyReport,
  CASE_STATUS_LABELS,
  monthInWords,
  monthWeeks,
  type ChartBlock,
  type OfficialDocument,
} from '../../../functions/domain/documents';
import { monthlyInput } from '../documents/office-report-fixture';
import { fieldsOf, textOf, type Table } from '../documents/report-fixture';

const tableAfter = (document: OfficialDocument, prefix: string): Table | undefined => {
  const at = document.blocks.findIndex((b) => b.type === 'heading' && b.text.startsWith(prefix));
  const next = document.blocks[at + 1];
  return at >= 0 && next?.type === 'table' ? next : undefined;
};

const chartsOf = (document: OfficialDocument): ChartBlock[] =>
  document.blocks.filter((b): b is ChartBlock => b.type === 'chart');

describe('laporan bulanan kantor (office monthly report)', () => {
  it('is a registered letter of the office to its Kanwil, for the month in words', () => {
    const document = buildOfficeMonthlyReport(monthlyInput());
    expect(document.kind).toBe('monthly_report');
    expect(document.title).toBe('LAPORAN BULANAN');
    expect(document.subtitle).toBe('BULAN DESEMBER 2026');
    expect(document.number).toBe('W23.PAS.PAS3-PK.01.05-140');
    expect(document.verificationUrl).toBe('https://abdi.example.go.id/v/01JH2M6Q8R9S0T1V2W3X4Y5Z6A');
    expect(document.orientation).toBeUndefined();
    const text = textOf(document);
    expect(text).toContain(
      'Kepada Yth. Kepala Kantor Wilayah Direktorat Jenderal Pemasyarakatan Sulawesi Selatan.',
    );
    expect(text).toContain('pada Balai Pemasyarakatan Kelas II Palopo untuk bulan Desember 2026');
    expect(document.metadata).toEqual({
      title: 'Laporan Bulanan W23.PAS.PAS3-PK.01.05-140',
      subject: 'Laporan bulanan Balai Pemasyarakatan Kelas II Palopo Desember 2026',
      author: 'Balai Pemasyarakatan Kelas II Palopo',
    });
  });

  it("writes the month's figures the Indonesian way, in the dashboard's words", () => {
    const fields = fieldsOf(buildOfficeMonthlyReport(monthlyInput()));
    expect(fields).toMatchObject({
      'Periode laporan': '1 Desember 2026 s.d. 31 Desember 2026',
      'Jam diakui dalam bulan': '1.234,5 jam',
      'Sesi dalam bulan': '312 sesi',
      'Kasus berjalan': '59 kasus',
      'Peringatan aktif': '7 peringatan',
      'Tenggat ≤ 30 hari': '5 kasus (termasuk yang lewat tenggat)',
      Tertinggal: '3 kasus (sisa jam tak cukup waktu)',
      'Jumlah seluruh kasus': '103 kasus',
    });
  });

  it("lists every status with the dashboard's label, in the lifecycle's order, zeros included", () => {
    const input = monthlyInput();
    const document = buildOfficeMonthlyReport({
      ...input,
      figures: { ...input.figures, casesByStatus: { ...input.figures.casesByStatus, repeated: 0 } },
    });
    const table = tableAfter(document, 'C.');
    expect(table?.columns.map((c) => c.title)).toEqual(['No.', 'Status', 'Jumlah kasus']);
    expect(table?.rows).toHaveLength(11);
    expect(table?.rows[0]).toEqual(['1', 'Diterima', '4']);
    expect(table?.rows[5]).toEqual(['6', 'Dirujuk ke jaksa', '2']);
    expect(table?.rows[6]).toEqual(['7', 'Diulang', '0']);
    expect(table?.rows[10]).toEqual(['11', 'Ditutup', '14']);
  });

  it('names the statuses exactly as the dashboard does (web/messages/id.json status_*)', () => {
    const messages = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../../web/messages/id.json'), 'utf8'),
    ) as Record<string, string>;
    for (const status of CASE_STATUSES) {
      expect(CASE_STATUS_LABELS[status], status).toBe(messages[`status_${status}`]);
    }
  });

  it("draws the dashboard's two charts: cases by status (bars) and hours per week (columns)", () => {
    const [statuses, weeks] = chartsOf(buildOfficeMonthlyReport(monthlyInput()));
    expect(statuses).toMatchObject({
      title: 'Kasus menurut status',
      orientation: 'horizontal',
      axisLabel: 'Jumlah kasus per 4 Januari 2027',
    });
    expect(statuses?.categories).toEqual(CASE_STATUSES.map((s) => CASE_STATUS_LABELS[s]));
    expect(statuses?.series).toEqual([
      {
        name: 'Jumlah kasus',
        values: [4, 3, 5, 38, 6, 2, 1, 27, 1, 2, 14],
        labels: ['4', '3', '5', '38', '6', '2', '1', '27', '1', '2', '14'],
      },
    ]);
    expect(weeks).toMatchObject({ title: 'Jam diakui per minggu', orientation: 'vertical' });
    expect(weeks?.categories).toEqual([
      '30 Nov 2026',
      '7 Des 2026',
      '14 Des 2026',
      '21 Des 2026',
      '28 Des 2026',
    ]);
    expect(weeks?.series[0]?.values).toEqual([220, 317.5, 310.5, 258, 150.5]);
    expect(weeks?.series[0]?.labels).toEqual(['220', '317,5', '310,5', '258', '150,5']);
  });

  it('tabulates the ISO weeks touching the month, oldest first, across the turn of the year', () => {
    const input = monthlyInput();
    const document = buildOfficeMonthlyReport({
      ...input,
      figures: { ...input.figures, weeks: [...input.figures.weeks].reverse() },
    });
    const table = tableAfter(document, 'D.');
    expect(table?.rows).toEqual([
      ['1', '30 November s.d. 6 Desember 2026', '220', '58'],
      ['2', '7 Desember s.d. 13 Desember 2026', '317,5', '80'],
      ['3', '14 Desember s.d. 20 Desember 2026', '310,5', '79'],
      ['4', '21 Desember s.d. 27 Desember 2026', '258', '66'],
      ['5', '28 Desember 2026 s.d. 3 Januari 2027', '150,5', '38'],
    ]);
    expect(textOf(document)).toContain(
      'Minggu pertama dan terakhir pada bagian D dihitung utuh, termasuk hari di luar bulan Desember 2026.',
    );
  });

  it('says when each figure was counted', () => {
    expect(textOf(buildOfficeMonthlyReport(monthlyInput()))).toContain(
      'tenggat dan kasus tertinggal adalah keadaan pada 4 Januari 2027; jam dan sesi adalah yang diakui dalam bulan Desember 2026 (sesi yang belum diverifikasi Pembimbing Kemasyarakatan belum dihitung).',
    );
  });

  it('is signed by the Kepala Bapas alone, or the official signing for the head', () => {
    const signed = (document: OfficialDocument) => {
      const last = document.blocks.at(-1);
      return last?.type === 'signatures' ? last.signers : [];
    };
    expect(signed(buildOfficeMonthlyReport(monthlyInput()))).toEqual([
      {
        above: 'Palopo, 4 Januari 2027',
        role: 'Kepala Balai Pemasyarakatan Kelas II Palopo',
        name: 'Drs. Abdul Rahman Lateko, M.Si.',
        nip: expect.any(String),
      },
    ]);
    const deputy = buildOfficeMonthlyReport(
      monthlyInput({
        head: { name: 'Hasnah, S.H.', role: 'Plh. Kepala Balai Pemasyarakatan Kelas II Palopo' },
      }),
    );
    expect(signed(deputy)).toEqual([
      {
        above: 'Palopo, 4 Januari 2027',
        role: 'Plh. Kepala Balai Pemasyarakatan Kelas II Palopo',
        name: 'Hasnah, S.H.',
      },
    ]);
  });

  it('carries no personal data: office-level counts only', () => {
    const json = JSON.stringify(buildOfficeMonthlyReport(monthlyInput()));
    expect(json).not.toMatch(/Rizal|Nurhayati|NIK|\b\d{16}\b/);
  });

  it('refuses a week that does not touch the month, and a month that is not YYYY-MM', () => {
    const input = monthlyInput();
    const stray = { ...input.figures, weeks: [{ monday: '2026-11-23', creditedMinutes: 60, sessions: 1 }] };
    expect(() => buildOfficeMonthlyReport({ ...input, figures: stray })).toThrow(RangeError);
    const tuesday = { ...input.figures, weeks: [{ monday: '2026-12-08', creditedMinutes: 60, sessions: 1 }] };
    expect(() => buildOfficeMonthlyReport({ ...input, figures: tuesday })).toThrow(RangeError);
    expect(() => monthInWords('2026-13')).toThrow(RangeError);
    expect(monthInWords('2027-01')).toBe('Januari 2027');
  });
});

describe('monthWeeks', () => {
  it('gives the Mondays of the ISO weeks overlapping a month: four to six of them', () => {
    expect(monthWeeks('2026-12')).toEqual([
      '2026-11-30',
      '2026-12-07',
      '2026-12-14',
      '2026-12-21',
      '2026-12-28',
    ]);
    // February 2027 starts on a Monday and has 28 days: exactly four weeks.
    expect(monthWeeks('2027-02')).toEqual(['2027-02-01', '2027-02-08', '2027-02-15', '2027-02-22']);
    // August 2026 runs from a Saturday to a Monday: six weeks.
    expect(monthWeeks('2026-08')).toHaveLength(6);
  });
});
