/**
 * A fixed placement letter and attendance sheet for the document tests: the client of the completion
 * fixture placed at Masjid Al-Ikhlas Bara (Mondays, Wednesdays, Fridays, 08:00-12:00, June to August
 * 2026), and the mosque's June sheet with two other clients' slots beside his. Names and numbers are
 * invented.
 */
import { addDays, isoWeekday } from '../../../functions/domain';
import {
  formatDocumentNumber,
  type AttendanceSheetInput,
  type AttendanceSlot,
  type PlacementLetterInput,
} from '../../../functions/domain/documents';
import { completionInput, PALOPO_REGISTER } from './completion-fixture';

const base = completionInput();
export const LETTER_ISSUED_ON = '2026-05-29';

export function placementInput(overrides: Partial<PlacementLetterInput> = {}): PlacementLetterInput {
  return {
    case: {
      clientName: base.case.clientName,
      origin: 'decision',
      decision: base.case.decision,
      sentence: { kind: 'kerja_sosial', hours: 130, maxHoursPerDay: 4 },
    },
    placement: {
      weekdays: [5, 1, 3],
      startTime: '08:00',
      endTime: '12:00',
      from: '2026-06-01',
      until: '2026-08-31',
    },
    site: {
      name: 'Masjid Al-Ikhlas Bara',
      address: 'Jalan Dr. Ratulangi No. 17',
      kelurahan: 'Balandai',
      kecamatan: 'Bara',
      kabupatenKota: 'Kota Palopo',
    },
    partner: { name: 'Pengurus Masjid Al-Ikhlas Bara', headTitle: 'Ketua', city: 'Palopo' },
    officer: { ...base.officer, phone: '0812 4455 6677' },
    head: base.head,
    letterhead: base.letterhead,
    number: formatDocumentNumber(PALOPO_REGISTER, {
      kind: 'placement_letter',
      seq: 98,
      date: LETTER_ISSUED_ON,
    }),
    issuedOn: LETTER_ISSUED_ON,
    verificationUrl: 'https://abdi.example.go.id/v/01JFX6A1B2C3D4E5F6G7H8J9KM',
    ...overrides,
  };
}

const CLIENTS = [
  { caseId: 'case-rizal', clientName: 'Muhammad Rizal Saputra', startTime: '08:00', endTime: '12:00' },
  { caseId: 'case-wahyu', clientName: 'Wahyu Hidayat', startTime: '08:00', endTime: '11:00' },
  { caseId: 'case-sitti', clientName: 'Sitti Rahmawati Pallawa', startTime: '13:00', endTime: '16:00' },
] as const;

/** Every Monday, Wednesday and Friday of June 2026 but the holiday (1 June) for the three clients. */
export function juneSlots(): AttendanceSlot[] {
  const slots: AttendanceSlot[] = [];
  for (let date = '2026-06-02'; date <= '2026-06-30'; date = addDays(date, 1)) {
    if (![1, 3, 5].includes(isoWeekday(date))) continue;
    for (const client of CLIENTS) {
      slots.push({
        ...client,
        siteId: 'site-masjid',
        date,
        status: date <= '2026-06-05' ? 'fulfilled' : 'scheduled',
        recordUrl: `https://abdi.example.go.id/cases/${client.caseId}/sessions/${date}`,
      });
    }
  }
  return slots;
}

export const SHEET_ISSUED_ON = '2026-06-04';

export function attendanceInput(overrides: Partial<AttendanceSheetInput> = {}): AttendanceSheetInput {
  return {
    site: {
      id: 'site-masjid',
      name: 'Masjid Al-Ikhlas Bara',
      address: 'Jalan Dr. Ratulangi No. 17, Kel. Balandai, Kec. Bara',
      partnerName: 'Pengurus Masjid Al-Ikhlas Bara',
    },
    from: '2026-06-01',
    until: '2026-06-30',
    slots: [
      // Another site's slot and one after the period: not on this sheet.
      {
        ...CLIENTS[0],
        siteId: 'site-rampoang',
        date: '2026-06-09',
        status: 'scheduled',
        recordUrl: 'https://x/a',
      },
      {
        ...CLIENTS[0],
        siteId: 'site-masjid',
        date: '2026-07-01',
        status: 'scheduled',
        recordUrl: 'https://x/b',
      },
      ...juneSlots().reverse(),
    ],
    sentenceKind: 'kerja_sosial',
    officer: base.officer,
    supervisor: { name: 'H. Baharuddin Tahir' },
    letterhead: base.letterhead,
    number: formatDocumentNumber(PALOPO_REGISTER, {
      kind: 'attendance_sheet',
      seq: 101,
      date: SHEET_ISSUED_ON,
    }),
    issuedOn: SHEET_ISSUED_ON,
    verificationUrl: 'https://abdi.example.go.id/v/01JFX6Z9Y8X7W6V5T4S3R2Q1PN',
    ...overrides,
  };
}
