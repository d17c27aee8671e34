import { describe, expect, it } from 'vitest';
import { recipientOf, type OfficialDocument } from '../../../functions/domain/documents';
import {
  buildReferralReport,
  sanctionText,
  shortHash,
} from '../../../functions/domain/documents/referral-report';
import {
  childCase,
  EVIDENCE,
  fieldsOf,
  referralInput,
  textOf,
  type Table,
} from '../documents/report-fixture';

/** The table that follows the heading starting with `prefix` (A., B., C.). */
const tableAfter = (document: OfficialDocument, prefix: string): Table => {
  const at = document.blocks.findIndex((b) => b.type === 'heading' && b.text.startsWith(prefix));
  const table = document.blocks.slice(at + 1).find((b): b is Table => b.type === 'table');
  if (at < 0 || !table) throw new Error(`no table after ${prefix}`);
  return table;
};

describe('laporan pelanggaran / rujukan (referral report)', () => {
  it('is addressed to the jaksa pengawas for an adult, and states the hours in Indonesian numbers', () => {
    const document = buildReferralReport(referralInput());
    const fields = fieldsOf(document);
    expect(document.kind).toBe('referral_report');
    expect(document.title).toBe('LAPORAN PELANGGARAN');
    expect(document.subtitle).toBe('DAN RUJUKAN KEPADA JAKSA PENGAWAS');
    expect(document.number).toBe('W23.PAS.PAS3-PK.01.05-131');
    expect(document.blocks[0]).toEqual({
      type: 'paragraph',
      text: 'Kepada Yth. Jaksa Pengawas pada Kejaksaan Negeri Palopo.',
    });
    expect(fields['Nama klien']).toBe('Muhammad Rizal Saputra');
    expect(fields['Jam yang wajib dijalani']).toBe('130 jam');
    expect(fields['Jam yang diakui']).toBe('75,5 jam');
    expect(fields['Sisa jam']).toBe('54,5 jam');
    expect(fields['Jaksa pengawas']).toBe('Andi Fitriani, S.H., Kejaksaan Negeri Palopo');
    expect(document.metadata.title).not.toContain('Rizal');
  });

  it('lists the warnings with their office-local dates and levels, citing the missed sessions', () => {
    const warnings = tableAfter(buildReferralReport(referralInput()), 'A.');
    expect(warnings.rows).toEqual([
      // Issued 23:30 UTC on 24 July: already 25 July in Palopo (WITA).
      [
        '1',
        '25 Juli 2026',
        'Peringatan tingkat 1',
        'Tidak hadir tanpa alasan yang sah pada 24 Juli 2026',
        'B.3',
        'Aktif',
      ],
      [
        '2',
        '31 Juli 2026',
        'Peringatan tingkat 2',
        'Dua kali lagi tidak hadir tanpa alasan yang sah setelah peringatan pertama',
        'B.4, B.5',
        'Aktif',
      ],
    ]);
  });

  it('lists absences and misconduct in date order with their reasons, or says none was given', () => {
    const missed = tableAfter(buildReferralReport(referralInput()), 'B.');
    expect(missed.rows.map((row) => [row[0], row[1], row[3], row[4]])).toEqual([
      [
        'B.1',
        '26 Juni 2026',
        'Tidak hadir, dengan alasan sah',
        'Sakit, surat keterangan dokter dari Puskesmas Bara',
      ],
      ['B.2', '20 Juli 2026', 'Hadir; pelanggaran tata tertib', 'Meninggalkan lokasi sebelum waktunya'],
      ['B.3', '24 Juli 2026', 'Tidak hadir tanpa alasan yang sah', 'Tidak ada alasan yang disampaikan'],
      [
        'B.4',
        '27 Juli 2026',
        'Tidak hadir tanpa alasan yang sah',
        'Tidak dapat dihubungi; keluarga menyatakan sedang ke Makassar',
      ],
      ['B.5', '31 Juli 2026', 'Tidak hadir tanpa alasan yang sah', 'Tidak ada alasan yang disampaikan'],
    ]);
    expect(missed.rows[1]?.[2]).toBe('Kantor Kelurahan Rampoang');
  });

  it('lists verified evidence only, with the short hash and then the full SHA-256 of each', () => {
    const document = buildReferralReport(referralInput());
    const [sheet, letter, rejected] = [EVIDENCE[1]!, EVIDENCE[0]!, EVIDENCE[2]!];
    const listed = tableAfter(document, 'C.');
    expect(listed.rows).toEqual([
      ['C.1', 'Daftar hadir bertanda tangan', '24 Juli 2026', sheet.fileName, shortHash(sheet.sha256)],
      ['C.2', 'Dokumen', '30 Juli 2026', letter.fileName, shortHash(letter.sha256)],
    ]);
    expect(shortHash(sheet.sha256)).toMatch(/^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}$/);
    const full = document.blocks.filter((b): b is Table => b.type === 'table').at(-1);
    expect(full?.columns.map((c) => c.title)).toEqual(['No.', 'SHA-256']);
    expect(full?.rows).toEqual([
      ['C.1', sheet.sha256],
      ['C.2', letter.sha256],
    ]);
    expect(JSON.stringify(document)).not.toContain(rejected.sha256);
  });

  it('says what the decision allows on non-compliance, without proposing an outcome', () => {
    const text = textOf(buildReferralReport(referralInput()));
    expect(text).toContain(
      'Menjalani seluruh atau sebagian pidana penjara yang diganti, yaitu 4 bulan (Pasal 85 ayat (7) huruf b KUHP).',
    );
    expect(text).toContain('Keputusan atas laporan ini berada pada jaksa pengawas');
    const base = referralInput().case;
    const fine = {
      ...base,
      decision: {
        ...base.decision,
        nonComplianceSanction: 'pay_fine' as const,
        imposed: { fineRupiah: 7_500_000 },
      },
    };
    expect(sanctionText(fine)).toBe(
      'Membayar seluruh atau sebagian pidana denda yang diganti, yaitu Rp7.500.000 (Pasal 85 ayat (7) huruf c KUHP)',
    );
    const repeat = { ...base, decision: { ...base.decision, nonComplianceSanction: 'repeat' as const } };
    expect(sanctionText(repeat)).toContain('Pasal 85 ayat (7) huruf a KUHP');
  });

  it("goes to the hakim pengawas for a child's case, where repeating is the only consequence (SPPA 76(2))", () => {
    const document = buildReferralReport(
      referralInput({ case: childCase(), supervisingJudge: 'Hj. Rahmawati, S.H., M.H.' }),
    );
    const fields = fieldsOf(document);
    expect(recipientOf(childCase())).toEqual({ title: 'Hakim Pengawas', office: 'Pengadilan Negeri Palopo' });
    expect(document.subtitle).toBe('DAN RUJUKAN KEPADA HAKIM PENGAWAS');
    expect(document.blocks[0]).toMatchObject({
      text: 'Kepada Yth. Hakim Pengawas pada Pengadilan Negeri Palopo (Hj. Rahmawati, S.H., M.H.).',
    });
    expect(fields['Nama Anak']).toBe('Andi Baso Pallawa');
    expect(fields['Hakim pengawas']).toBe('Hj. Rahmawati, S.H., M.H., Pengadilan Negeri Palopo');
    expect(fields['Jaksa pengawas']).toBeUndefined();
    expect(fields['Jenis pidana']).toContain('Pasal 76 UU 11/2012');
    const text = textOf(document);
    expect(text).toContain('Anak mengulangi seluruh atau sebagian pidana pelayanan masyarakat');
    expect(text).toContain('berada pada hakim pengawas');
    expect(text).not.toMatch(/penjara|denda|Jaksa Pengawas/);
  });

  it('is signed by Kepala Bapas ("Mengetahui,") and the PK under the place and date', () => {
    expect(buildReferralReport(referralInput()).blocks.at(-1)).toEqual({
      type: 'signatures',
      signers: [
        {
          above: 'Mengetahui,',
          role: 'Kepala Balai Pemasyarakatan Kelas II Palopo',
          name: 'Drs. Abdul Rahman Lateko, M.Si.',
          nip: '19700817 199403 1 002',
        },
        {
          above: 'Palopo, 3 Agustus 2026',
          role: 'Pembimbing Kemasyarakatan',
          name: 'Nurhayati Syam, S.Sos.',
          nip: '19850312 201001 2 015',
        },
      ],
    });
  });

  it('says so when there are no warnings, missed sessions or evidence', () => {
    const text = textOf(buildReferralReport(referralInput({ warnings: [], sessions: [], evidence: [] })));
    expect(text).toContain('Belum ada peringatan tertulis.');
    expect(text).toContain('Tidak ada sesi yang tidak dijalani.');
    expect(text).toContain('Tidak ada bukti yang dilampirkan.');
  });
});
