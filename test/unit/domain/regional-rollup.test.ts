import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '../../../functions/domain';
import {
  buildRegionalRollup,
  CASE_STATUS_LABELS,
  kanwilLetterhead,
  type ChartBlock,
  type OfficialDocument,
} from '../../../functions/domain/documents';
import { rollupInput, totalsOf } from '../documents/office-report-fixture';
import { fieldsOf, textOf, type Table } from '../documents/report-fixture';

const tableAfter = (document: OfficialDocument, prefix: string): Table | undefined => {
  const at = document.blocks.findIndex((b) => b.type === 'heading' && b.text.startsWith(prefix));
  const next = document.blocks[at + 1];
  return at >= 0 && next?.type === 'table' ? next : undefined;
};

describe('rekapitulasi wilayah (regional roll-up)', () => {
  it("is the Kanwil's own paper: its kop, landscape, no number, no QR code, no signature", () => {
    const document = buildRegionalRollup(rollupInput());
    expect(document.kind).toBe('regional_rollup');
    expect(document.title).toBe('REKAPITULASI WILAYAH');
    expect(document.subtitle).toBe('BULAN DESEMBER 2026');
    expect(document.orientation).toBe('landscape');
    expect(document.letterhead).toEqual({
      kanwil: 'Kantor Wilayah Direktorat Jenderal Pemasyarakatan Sulawesi Selatan',
      address: 'Jalan Jenderal Sudirman Nomor 1, Makassar 90115',
      city: 'Makassar',
    });
    expect('officeName' in document.letterhead).toBe(false);
    expect(document.number).toBeUndefined();
    expect(document.verificationUrl).toBeUndefined();
    expect(document.blocks.some((b) => b.type === 'signatures')).toBe(false);
    expect(document.issuedOn).toBe('2027-01-04');
    expect(document.metadata.author).toBe(
      'Kantor Wilayah Direktorat Jenderal Pemasyarakatan Sulawesi Selatan',
    );
    expect(textOf(document)).toContain('dibuat oleh Abdi pada 4 Januari 2027 dan tidak bernomor');
  });

  it("writes the region's totals the Indonesian way", () => {
    expect(fieldsOf(buildRegionalRollup(rollupInput()))).toMatchObject({
      Wilayah: 'Sulawesi Selatan',
      Periode: '1 Desember 2026 s.d. 31 Desember 2026',
      'Keadaan kasus per': '4 Januari 2027',
      'Jumlah Balai Pemasyarakatan': '4 kantor',
      'Disusun pada': '4 Januari 2027',
      // 141.330 + 74.070 + 30.150 minutes.
      'Jam diakui dalam bulan': '4.092,5 jam',
      'Sesi dalam bulan': '1.047 sesi',
      'Kasus berjalan': '195 kasus',
      'Peringatan aktif': '21 peringatan',
      'Tenggat ≤ 30 hari': '16 kasus (termasuk yang lewat tenggat)',
      Tertinggal: '9 kasus (sisa jam tak cukup waktu)',
      'Jumlah seluruh kasus': '348 kasus',
    });
  });

  it('prints the totals it is given, as the regional summary counted them', () => {
    const input = rollupInput();
    const totals = { ...totalsOf(input.offices), openCases: 196 };
    expect(fieldsOf(buildRegionalRollup({ ...input, totals }))['Kasus berjalan']).toBe('196 kasus');
  });

  it('has a row per office with its month, in the order given', () => {
    const table = tableAfter(buildRegionalRollup(rollupInput()), 'B.');
    expect(table?.columns.map((c) => c.title)).toEqual([
      'No.',
      'Balai Pemasyarakatan',
      'Jam diakui dalam bulan',
      'Sesi dalam bulan',
      'Kasus berjalan',
      'Peringatan aktif',
      'Tenggat ≤ 30 hari',
      'Tertinggal',
    ]);
    expect(table?.rows).toEqual([
      ['1', 'Balai Pemasyarakatan Kelas I Makassar', '2.355,5', '604', '111', '13', '9', '6'],
      ['2', 'Balai Pemasyarakatan Kelas II Palopo', '1.234,5', '312', '59', '7', '5', '3'],
      ['3', 'Balai Pemasyarakatan Kelas II Watampone', '502,5', '131', '25', '1', '2', '0'],
      ['4', 'Balai Pemasyarakatan Kelas II Parepare', '0', '0', '0', '0', '0', '0'],
    ]);
  });

  it("splits the statuses as the lifecycle does: open ones, then final ones, with the dashboard's labels", () => {
    const document = buildRegionalRollup(rollupInput());
    const open = tableAfter(document, 'C.');
    expect(open?.columns.map((c) => c.title)).toEqual([
      'No.',
      'Balai Pemasyarakatan',
      'Diterima',
      'Diasesmen',
      'Ditempatkan',
      'Aktif',
      'Diperingatkan',
      'Dirujuk ke jaksa',
      'Diulang',
      'Jumlah berjalan',
    ]);
    expect(open?.rows[1]).toEqual([
      '2',
      'Balai Pemasyarakatan Kelas II Palopo',
      '4',
      '3',
      '5',
      '38',
      '6',
      '2',
      '1',
      '59',
    ]);
    const ended = tableAfter(document, 'D.');
    expect(ended?.columns.map((c) => c.title)).toEqual([
      'No.',
      'Balai Pemasyarakatan',
      'Selesai',
      'Dikonversi',
      'Dihentikan',
      'Ditutup',
      'Jumlah berakhir',
      'Jumlah seluruh kasus',
    ]);
    expect(ended?.rows[1]).toEqual([
      '2',
      'Balai Pemasyarakatan Kelas II Palopo',
      '27',
      '1',
      '2',
      '14',
      '44',
      '103',
    ]);
    // Every status in one of the two tables, each once.
    const titles = [...(open?.columns ?? []), ...(ended?.columns ?? [])].map((c) => c.title);
    for (const status of CASE_STATUSES)
      expect(titles.filter((t) => t === CASE_STATUS_LABELS[status])).toHaveLength(1);
    expect(document.blocks.find((b) => b.type === 'heading' && b.text.startsWith('C.'))).toEqual({
      type: 'heading',
      text: 'C. Kasus berjalan menurut status per 4 Januari 2027',
    });
  });

  it('charts the hours per office (short names) and the region by status', () => {
    const charts = buildRegionalRollup(rollupInput()).blocks.filter(
      (b): b is ChartBlock => b.type === 'chart',
    );
    expect(charts.map((c) => c.title)).toEqual([
      'Jam diakui per Balai Pemasyarakatan, Desember 2026',
      'Kasus menurut status, wilayah Sulawesi Selatan',
    ]);
    const hours = charts[0];
    expect(hours?.orientation).toBe('horizontal');
    expect(hours?.categories).toEqual([
      'Bapas Kelas I Makassar',
      'Bapas Kelas II Palopo',
      'Bapas Kelas II Watampone',
      'Bapas Kelas II Parepare',
    ]);
    expect(hours?.series[0]).toEqual({
      name: 'Jam diakui',
      values: [2355.5, 1234.5, 502.5, 0],
      labels: ['2.355,5', '1.234,5', '502,5', '0'],
    });
    expect(charts[1]?.series[0]?.values.reduce((a, b) => a + b, 0)).toBe(348);
  });

  it('says so when the region has no office in Abdi yet', () => {
    const input = rollupInput();
    const document = buildRegionalRollup({ ...input, offices: [], totals: totalsOf([]) });
    expect(textOf(document)).toContain(
      'Belum ada Balai Pemasyarakatan di wilayah ini yang tercatat di Abdi.',
    );
    expect(document.blocks.some((b) => b.type === 'table')).toBe(false);
    expect(fieldsOf(document)['Jumlah Balai Pemasyarakatan']).toBe('0 kantor');
  });

  it("writes a Kanwil's usual kop from the region's name", () => {
    expect(kanwilLetterhead('Papua Barat')).toEqual({
      kanwil: 'Kantor Wilayah Direktorat Jenderal Pemasyarakatan Papua Barat',
    });
  });
});
