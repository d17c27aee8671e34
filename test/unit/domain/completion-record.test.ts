import { describe, expect, it } from 'vitest';
import {
  buildCompletionRecord,
  courtName,
  dateInWords,
  hoursText,
  initialsOf,
  inWords,
  pageLabelOf,
  type DocumentBlock,
  type OfficialDocument,
} from '../../../functions/domain/documents';
import { completionInput } from '../documents/completion-fixture';

function built(input = completionInput()): OfficialDocument {
  const result = buildCompletionRecord(input);
  if (!result.ok) throw new Error(JSON.stringify(result.violations));
  return result.value;
}

const fieldsOf = (document: OfficialDocument): Record<string, string> =>
  Object.fromEntries(
    document.blocks
      .filter((b): b is Extract<DocumentBlock, { type: 'fields' }> => b.type === 'fields')
      .flatMap((b) => b.rows.map((row) => [row.label, row.value])),
  );

describe('berita acara penyelesaian (completion record)', () => {
  it('states the client, decision, hours, period and sites in Bahasa Indonesia', () => {
    // Prepare / Act
    const document = built();
    const fields = fieldsOf(document);
    // Assess
    expect(document.title).toBe('BERITA ACARA PENYELESAIAN');
    expect(document.number).toBe('W23.PAS.PAS3-PK.01.05-123');
    expect(fields['Nama klien']).toBe('Muhammad Rizal Saputra');
    expect(fields.Dasar).toBe(
      'Putusan Pengadilan Negeri Palopo Nomor 231/Pid.B/2026/PN\u00a0Plp tanggal 20 Mei 2026',
    );
    expect(fields['Jam menurut putusan']).toBe('130 jam');
    expect(fields['Jam yang diakui']).toBe('130 jam');
    expect(fields['Masa pelaksanaan']).toBe('1 Juni 2026 s.d. 27 November 2026');
    expect(fields.Dilaksanakan).toBe('3 Juni 2026 s.d. 4 September 2026, 38 hari kerja');
    expect(fields['Lokasi kerja']).toBe(
      '1. Masjid Al-Ikhlas Bara, Kel. Balandai, Kec. Bara, Kota Palopo\n2. Kantor Kelurahan Rampoang, Kel. Rampoang, Kec. Bara, Kota Palopo',
    );
    expect(fields['Tidak hadir tanpa alasan yang sah']).toBe('1 sesi');
    expect(document.blocks[0]).toMatchObject({
      text: expect.stringContaining(
        'Pada hari ini Senin tanggal tujuh bulan September tahun dua ribu dua puluh enam',
      ),
    });
  });

  it('lists every session in date order, one row each, with credited hours written the Indonesian way', () => {
    const input = completionInput();
    const document = built({ ...input, sessions: [...input.sessions].reverse() });
    const table = document.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.rows.length).toBe(40);
    expect(table?.type === 'table' && table.rows[0]).toEqual([
      '1',
      '3 Juni 2026',
      '08.00-11.30',
      'Masjid Al-Ikhlas Bara',
      'Hadir',
      '3,5',
    ]);
    expect(table?.type === 'table' && table.rows[10]?.[4]).toBe('Tidak hadir, dengan alasan sah');
  });

  it('is signed by Kepala Bapas ("Mengetahui,") and the PK under the place and date', () => {
    const signatures = built().blocks.at(-1);
    expect(signatures).toEqual({
      type: 'signatures',
      signers: [
        {
          above: 'Mengetahui,',
          role: 'Kepala Balai Pemasyarakatan Kelas II Palopo',
          name: 'Drs. Abdul Rahman Lateko, M.Si.',
          nip: '19700817 199403 1 002',
        },
        {
          above: 'Palopo, 7 September 2026',
          role: 'Pembimbing Kemasyarakatan',
          name: 'Nurhayati Syam, S.Sos.',
          nip: '19850312 201001 2 015',
        },
      ],
    });
  });

  it('LC-COMPLETE-HOURS: is not issued while ordered hours remain', () => {
    const input = completionInput();
    const result = buildCompletionRecord({
      ...input,
      case: { ...input.case, creditedMinutes: 130 * 60 - 30 },
    });
    expect(result).toEqual({
      ok: false,
      violations: [
        expect.objectContaining({
          rule: 'LC-COMPLETE-HOURS',
          path: 'case',
          message: expect.stringContaining('0,5 jam'),
        }),
      ],
    });
  });

  it('follows the terms in force and names a child, a diversion and a fine conversion as the law does', () => {
    const input = completionInput();
    const paid = built({
      ...input,
      case: {
        ...input.case,
        terms: { hours: 100, deadline: '2026-10-31', source: 'payment', paidRupiah: 1_000_000 },
      },
    });
    expect(fieldsOf(paid)['Jam yang wajib dijalani']).toBe('100 jam (setelah pembayaran sebagian denda)');
    expect(fieldsOf(paid)['Masa pelaksanaan']).toBe('1 Juni 2026 s.d. 31 Oktober 2026');

    const child = built({
      ...input,
      case: {
        ...input.case,
        origin: 'diversion',
        diversion: { penetapanNumber: '3/Pen.Div/2026/PN Plp', agreementDate: '2026-05-10' },
        sentence: { ...input.case.sentence, kind: 'pelayanan_masyarakat' },
      },
    });
    expect(child.subtitle).toBe('PIDANA PELAYANAN MASYARAKAT');
    expect(fieldsOf(child)['Nama Anak']).toBe('Muhammad Rizal Saputra');
    expect(fieldsOf(child).Dasar).toContain(
      'Penetapan Pengadilan Negeri Palopo Nomor 3/Pen.Div/2026/PN\u00a0Plp',
    );

    const fine = built({
      ...input,
      case: { ...input.case, origin: 'fine_conversion', conversion: { legalBasis: 'KUHP 82' } },
    });
    expect(fieldsOf(fine)['Jenis pidana']).toBe(
      'Pidana kerja sosial sebagai pengganti pidana denda (Pasal 82 KUHP)',
    );
  });

  it('refuses a session whose site it was not given', () => {
    const input = completionInput();
    expect(() => buildCompletionRecord({ ...input, sites: input.sites.slice(0, 1) })).toThrow(
      /site-rampoang/,
    );
  });

  it('keeps personal data out of the file properties', () => {
    const { metadata } = built();
    expect(JSON.stringify(metadata)).not.toContain('Rizal');
    expect(metadata.title).toBe('Berita Acara Penyelesaian W23.PAS.PAS3-PK.01.05-123');
  });
});

describe('words and labels of official documents', () => {
  it('spells numbers and dates out (terbilang)', () => {
    expect([0, 7, 11, 15, 21, 100, 111, 999, 1000, 1945, 2026, 31_000].map(inWords)).toEqual([
      'nol',
      'tujuh',
      'sebelas',
      'lima belas',
      'dua puluh satu',
      'seratus',
      'seratus sebelas',
      'sembilan ratus sembilan puluh sembilan',
      'seribu',
      'seribu sembilan ratus empat puluh lima',
      'dua ribu dua puluh enam',
      'tiga puluh satu ribu',
    ]);
    expect(dateInWords('2026-12-05')).toBe('Sabtu tanggal lima bulan Desember tahun dua ribu dua puluh enam');
    expect(() => inWords(-1)).toThrow(RangeError);
  });

  it('writes hours, courts and page numbers', () => {
    expect(hoursText(74_070)).toBe('1.234,5 jam');
    expect(hoursText(20)).toBe('0,33 jam');
    expect(courtName('PN Palopo')).toBe('Pengadilan Negeri Palopo');
    expect(courtName('PT Makassar')).toBe('Pengadilan Tinggi Makassar');
    expect(pageLabelOf('Halaman {page} dari {pages}', 2, 3)).toBe('Halaman 2 dari 3');
    expect(initialsOf('Muhammad Rizal Saputra')).toBe('M.R.S.');
    expect(initialsOf("  andi baso' pallawa ")).toBe('A.B.P.');
    expect(initialsOf('Nur-Aini')).toBe('N.A.');
  });
});
