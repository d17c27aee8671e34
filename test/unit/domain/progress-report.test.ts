import { describe, expect, it } from 'vitest';
import type { OfficialDocument } from '../../../functions/domain/documents';
import { buildProgressReport, monthPeriod } from '../../../functions/domain/documents/progress-report';
import { childCase, fieldsOf, progressInput, textOf, type Table } from '../documents/report-fixture';

const tableAfter = (document: OfficialDocument, prefix: string): Table | undefined => {
  const at = document.blocks.findIndex((b) => b.type === 'heading' && b.text.startsWith(prefix));
  const next = document.blocks[at + 1];
  return next?.type === 'table' ? next : undefined;
};

describe('laporan perkembangan (progress report)', () => {
  it('states the period and the hours credited in it and in total, in Indonesian numbers', () => {
    const document = buildProgressReport(progressInput());
    const fields = fieldsOf(document);
    expect(document.kind).toBe('progress_report');
    expect(document.title).toBe('LAPORAN PERKEMBANGAN');
    expect(document.subtitle).toBe('PELAKSANAAN PIDANA KERJA SOSIAL');
    expect(fields['Periode laporan']).toBe('1 Juli 2026 s.d. 31 Juli 2026');
    expect(fields['Jam yang wajib dijalani']).toBe('130 jam');
    // July: 14 sessions, 3 of them unexcused absences, 11 × 3,5 hours.
    expect(fields['Jam diakui dalam periode']).toBe('38,5 jam');
    expect(fields['Jam diakui seluruhnya']).toBe('75,5 jam (58,1%)');
    expect(fields['Sisa jam']).toBe('54,5 jam');
    expect(document.blocks[0]).toMatchObject({ text: expect.stringContaining('Kepada Yth. Jaksa Pengawas') });
  });

  it("lists only the period's sessions, in date order, with a count per outcome", () => {
    const input = progressInput();
    const document = buildProgressReport({ ...input, sessions: [...input.sessions].reverse() });
    const sessions = tableAfter(document, 'B.');
    expect(sessions?.rows).toHaveLength(14);
    expect(sessions?.rows[0]).toEqual([
      '1',
      '1 Juli 2026',
      '08.00-11.30',
      'Masjid Al-Ikhlas Bara',
      'Hadir',
      '3,5',
    ]);
    expect(sessions?.rows.at(-1)?.[1]).toBe('31 Juli 2026');
    const fields = fieldsOf(document);
    expect(fields['Jumlah sesi']).toBe('14 sesi');
    expect(fields['Tidak hadir tanpa alasan yang sah']).toBe('3 sesi');
    expect(fields['Hadir sebagian']).toBeUndefined();
  });

  it('lists the warnings up to the end of the period', () => {
    const warnings = tableAfter(buildProgressReport(progressInput()), 'C.');
    expect(warnings?.rows.map((row) => row.slice(0, 3))).toEqual([
      ['1', '25 Juli 2026', 'Peringatan tingkat 1'],
      ['2', '31 Juli 2026', 'Peringatan tingkat 2'],
    ]);
    const june = buildProgressReport(progressInput({ period: monthPeriod('2026-06') }));
    expect(textOf(june)).toContain('Tidak ada peringatan sampai akhir periode.');
  });

  it("gives the planner's summary: state, latest start, slack and what is still possible", () => {
    const fields = fieldsOf(buildProgressReport(progressInput()));
    expect(fields.Penilaian).toBe('Berisiko: sisa waktu cadangan sedikit');
    expect(fields['Paling lambat mulai']).toBe('12 Agustus 2026');
    expect(fields['Cadangan waktu']).toBe('9 hari');
    expect(fields['Jam yang masih mungkin dijalani']).toBe('150,5 jam sampai batas waktu 27 November 2026');
    // Planned 17:00 UTC on 2 August: 3 August in Palopo.
    expect(fields['Dinilai pada']).toBe('3 Agustus 2026');
    const base = progressInput().case;
    const { plan: _, ...unplanned } = base;
    expect(textOf(buildProgressReport(progressInput({ case: unplanned })))).toContain(
      'Rencana pelaksanaan belum dinilai.',
    );
  });

  it('lists the next scheduled slots after the issue date, with the weekday', () => {
    const slots = tableAfter(buildProgressReport(progressInput()), 'E.');
    expect(slots?.rows).toEqual([
      ['1', 'Rabu, 5 Agustus 2026', '08.00-11.30', 'Masjid Al-Ikhlas Bara', '3,5'],
      ['2', 'Jumat, 7 Agustus 2026', '08.00-11.30', 'Masjid Al-Ikhlas Bara', '3,5'],
      ['3', 'Senin, 10 Agustus 2026', '08.00-11.30', 'Masjid Al-Ikhlas Bara', '3,5'],
      ['4', 'Rabu, 12 Agustus 2026', '08.00-11.30', 'Masjid Al-Ikhlas Bara', '3,5'],
    ]);
    expect(textOf(buildProgressReport(progressInput({ slots: [] })))).toContain(
      'Belum ada sesi yang dijadwalkan.',
    );
  });

  it('is signed by the PK alone', () => {
    expect(buildProgressReport(progressInput()).blocks.at(-1)).toEqual({
      type: 'signatures',
      signers: [
        {
          above: 'Palopo, 3 Agustus 2026',
          role: 'Pembimbing Kemasyarakatan',
          name: 'Nurhayati Syam, S.Sos.',
          nip: '19850312 201001 2 015',
        },
      ],
    });
  });

  it("is addressed to the hakim pengawas for a child's case", () => {
    const document = buildProgressReport(progressInput({ case: childCase() }));
    const fields = fieldsOf(document);
    expect(document.subtitle).toBe('PELAKSANAAN PIDANA PELAYANAN MASYARAKAT');
    expect(document.blocks[0]).toMatchObject({
      text: expect.stringMatching(/^Kepada Yth\. Hakim Pengawas pada Pengadilan Negeri Palopo\./),
    });
    expect(fields['Nama Anak']).toBe('Andi Baso Pallawa');
    expect(fields['Hakim pengawas']).toBe('Pengadilan Negeri Palopo');
    expect(fields['Jaksa pengawas']).toBeUndefined();
    expect(fields['Jam yang wajib dijalani']).toBe('120 jam');
  });

  it('writes a month as its first to last day, and refuses a period that ends before it starts', () => {
    expect(monthPeriod('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthPeriod('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(() =>
      buildProgressReport(progressInput({ period: { from: '2026-07-31', to: '2026-07-01' } })),
    ).toThrow(RangeError);
  });
});
