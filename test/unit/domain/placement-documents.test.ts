import { describe, expect, it } from 'vitest';
import {
  attendanceRows,
  buildAttendanceSheet,
  buildPlacementLetter,
  dayAndDate,
  RECORDED_REMARK,
  timeSpan,
  weekdayList,
  type DocumentBlock,
  type OfficialDocument,
} from '../../../functions/domain/documents';
import { attendanceInput, placementInput } from '../documents/placement-fixture';

const fieldsOf = (document: OfficialDocument): Record<string, string> =>
  Object.fromEntries(
    document.blocks
      .filter((b): b is Extract<DocumentBlock, { type: 'fields' }> => b.type === 'fields')
      .flatMap((b) => b.rows.map((row) => [row.label, row.value])),
  );

const paragraphs = (document: OfficialDocument): string[] =>
  document.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));

describe('weekdays and hours as a letter writes them', () => {
  it('lists weekdays in week order with "dan" before the last', () => {
    expect(weekdayList([5, 1, 3])).toBe('Senin, Rabu, dan Jumat');
    expect(weekdayList([4, 2, 2])).toBe('Selasa dan Kamis');
    expect(weekdayList([6])).toBe('Sabtu');
    expect(() => weekdayList([8])).toThrow(RangeError);
  });

  it('writes a span of hours with points and an en dash, and a day with its weekday', () => {
    expect(timeSpan('08:00', '12:00')).toBe('08.00\u201312.00');
    expect(dayAndDate('2026-06-03')).toBe('Rabu, 3 Juni 2026');
  });
});

describe('surat penempatan (placement letter)', () => {
  it('is addressed to the head of the partner and states client, decision, hours, days, period and site', () => {
    // Prepare / Act
    const letter = buildPlacementLetter(placementInput());
    const fields = fieldsOf(letter);
    // Assess
    expect(letter.kind).toBe('placement_letter');
    expect(letter.title).toBe('SURAT PENEMPATAN');
    expect(letter.number).toBe('W23.PAS.PAS3-PK.01.05-98');
    expect(paragraphs(letter)[0]).toBe('Yth. Ketua Pengurus Masjid Al-Ikhlas Bara\ndi\nPalopo');
    expect(fields['Nama klien']).toBe('Muhammad Rizal Saputra');
    expect(fields.Dasar).toBe(
      'Putusan Pengadilan Negeri Palopo Nomor 231/Pid.B/2026/PN\u00a0Plp tanggal 20 Mei 2026',
    );
    expect(fields['Jam menurut putusan']).toBe('130 jam');
    expect(fields['Batas per hari']).toBe('paling lama 4 jam sehari');
    expect(fields['Hari kerja']).toBe('Senin, Rabu, dan Jumat');
    expect(fields['Jam kerja']).toBe('08.00\u201312.00 (4 jam)');
    expect(fields['Masa penempatan']).toBe('1 Juni 2026 s.d. 31 Agustus 2026');
    expect(fields.Lokasi).toBe(
      'Masjid Al-Ikhlas Bara, Jalan Dr. Ratulangi No. 17, Kel. Balandai, Kec. Bara, Kota Palopo',
    );
    expect(fields['Pembimbing Kemasyarakatan']).toBe(
      'Nurhayati Syam, S.Sos., NIP. 19850312\u00a0201001\u00a02\u00a0015, telepon/WhatsApp 0812\u00a04455\u00a06677',
    );
    expect(fields['Sisa jam yang wajib dijalani']).toBeUndefined();
  });

  it('asks the partner, in one paragraph, for non-commercial work, supervision, the sheet and word of absences', () => {
    const duties = paragraphs(buildPlacementLetter(placementInput())).find((p) => p.startsWith('Sehubungan'));
    expect(duties).toContain('tidak bersifat komersial');
    expect(duties).toContain('mengisi dan menandatangani daftar hadir terlampir');
    expect(duties).toContain('apabila Klien Pemasyarakatan tidak hadir');
  });

  it('is signed by Kepala Bapas alone, under the place and date', () => {
    expect(buildPlacementLetter(placementInput()).blocks.at(-1)).toEqual({
      type: 'signatures',
      signers: [
        {
          above: 'Palopo, 29 Mei 2026',
          role: 'Kepala Balai Pemasyarakatan Kelas II Palopo',
          name: 'Drs. Abdul Rahman Lateko, M.Si.',
          nip: '19700817 199403 1 002',
        },
      ],
    });
  });

  it("names a child's placement pelayanan masyarakat, the child Anak, and the hours still owed", () => {
    const input = placementInput();
    const letter = buildPlacementLetter({
      ...input,
      case: {
        ...input.case,
        origin: 'diversion',
        diversion: { penetapanNumber: '4/Pid.Sus-Anak/2026/PN Plp' },
        sentence: { kind: 'pelayanan_masyarakat', hours: 60, maxHoursPerDay: 3 },
        hoursRemaining: 42.5,
      },
    });
    const fields = fieldsOf(letter);
    expect(letter.subtitle).toBe('PELAKSANAAN PIDANA PELAYANAN MASYARAKAT');
    expect(fields['Nama Anak']).toBe('Muhammad Rizal Saputra');
    expect(fields.Dasar).toMatch(
      /^Penetapan Pengadilan Negeri Palopo Nomor 4\/Pid\.Sus-Anak\/2026\/PN\u00a0Plp/,
    );
    expect(fields['Sisa jam yang wajib dijalani']).toBe('42,5 jam');
  });

  it('refuses a placement whose hours end before they start', () => {
    const input = placementInput();
    expect(() =>
      buildPlacementLetter({
        ...input,
        placement: { ...input.placement, startTime: '12:00', endTime: '08:00' },
      }),
    ).toThrow(RangeError);
  });

  it('keeps the client out of the file properties', () => {
    expect(JSON.stringify(buildPlacementLetter(placementInput()).metadata)).not.toContain('Rizal');
  });
});

describe('daftar hadir (attendance sheet)', () => {
  it('prints one row per scheduled slot of the site in the period, by date, time and name', () => {
    // Prepare: the fixture's slots come reversed, with one at another site and one in July
    const rows = attendanceRows(attendanceInput());
    // Assess: 12 days × 3 clients
    expect(rows).toHaveLength(36);
    expect(rows[0]).toEqual({
      cells: [
        '1',
        'Rabu, 3 Juni 2026',
        '08.00\u201312.00',
        'Muhammad Rizal Saputra',
        '',
        '',
        '',
        '',
        RECORDED_REMARK,
      ],
      url: 'https://abdi.example.go.id/cases/case-rizal/sessions/2026-06-03',
      muted: true,
    });
    expect(rows.slice(0, 3).map((r) => r.cells[3])).toEqual([
      'Muhammad Rizal Saputra',
      'Wahyu Hidayat',
      'Sitti Rahmawati Pallawa',
    ]);
    expect(rows[2]?.cells[2]).toBe('13.00\u201316.00');
    expect(rows.at(-1)?.cells.slice(0, 2)).toEqual(['36', 'Senin, 29 Juni 2026']);
    expect(rows.every((r) => !r.url.startsWith('https://x/'))).toBe(true);
  });

  it('marks a fulfilled slot "Sudah dicatat" and leaves every scheduled one empty for the site to fill in', () => {
    const rows = attendanceRows(attendanceInput());
    const recorded = rows.filter((r) => r.cells[8] === RECORDED_REMARK);
    expect(recorded.map((r) => r.cells[1])).toEqual([
      ...Array(3).fill('Rabu, 3 Juni 2026'),
      ...Array(3).fill('Jumat, 5 Juni 2026'),
    ]);
    expect(recorded.every((r) => r.muted === true)).toBe(true);
    expect(rows.filter((r) => r.muted)).toHaveLength(6);
    for (const row of rows) expect(row.cells.slice(4, 8)).toEqual(['', '', '', '']);
    expect(rows.filter((r) => r.cells[8] === '')).toHaveLength(30);
  });

  it('is a landscape form with the site, partner, period, counts and both signers', () => {
    const sheet = buildAttendanceSheet(attendanceInput());
    const fields = fieldsOf(sheet);
    expect(sheet.kind).toBe('attendance_sheet');
    expect(sheet.orientation).toBe('landscape');
    expect(sheet.title).toBe('DAFTAR HADIR');
    expect(sheet.subtitle).toBe('PELAKSANAAN PIDANA KERJA SOSIAL');
    expect(fields.Periode).toBe('1 Juni 2026 s.d. 30 Juni 2026');
    expect(fields['Jumlah jadwal']).toBe('36 jadwal, 3 klien');
    expect(fields.Mitra).toBe('Pengurus Masjid Al-Ikhlas Bara');
    const table = sheet.blocks.find((b) => b.type === 'qrTable');
    expect(table?.type === 'qrTable' && table.columns.map((c) => c.title)).toEqual([
      'No.',
      'Hari, tanggal',
      'Jadwal',
      'Nama klien',
      'Jam datang',
      'Jam pulang',
      'Paraf pengawas',
      'Paraf klien',
      'Keterangan',
    ]);
    const signers = sheet.blocks.at(-1);
    expect(signers?.type === 'signatures' && signers.signers.map((s) => s.name)).toEqual([
      'H. Baharuddin Tahir',
      'Nurhayati Syam, S.Sos.',
    ]);
  });

  it('leaves a line to sign on when the partner has named no supervisor, and prints an empty period as no rows', () => {
    const sheet = buildAttendanceSheet(
      attendanceInput({ supervisor: undefined, from: '2026-07-02', until: '2026-07-31' }),
    );
    const signers = sheet.blocks.at(-1);
    expect(signers?.type === 'signatures' && signers.signers[0]?.name).toMatch(/^\(\.{10,}\)$/);
    expect(fieldsOf(sheet)['Jumlah jadwal']).toBe('0 jadwal, 0 klien');
  });
});
