/**
 * A fixed completion record for the document tests: an adult's 130 hours of kerja sosial at two sites in
 * Kecamatan Bara, Palopo, served in 40 sessions (36 attended, 2 partial, 2 absences), three days a week.
 * Names and numbers are invented.
 */
import { addDays, isoWeekday } from '../../../functions/domain';
import {
  formatDocumentNumber,
  type CompletionRecordInput,
  type CompletionSession,
  type DocumentRegister,
} from '../../../functions/domain/documents';

export const PALOPO_REGISTER: DocumentRegister = {
  pattern: 'W23.PAS.PAS3-PK.01.05-{seq}',
  restart: 'never',
  sequencePer: 'office',
};

/** The 2026 national holidays between June and September (SKB 2026): no session falls on one. */
const HOLIDAYS = new Set(['2026-06-01', '2026-06-16', '2026-08-17', '2026-08-25']);

/** Monday, Wednesday and Friday from 3 June 2026, holidays left out, as many as asked for. */
function workdays(count: number): string[] {
  const days: string[] = [];
  for (let day = '2026-06-03'; days.length < count; day = addDays(day, 1)) {
    if ([1, 3, 5].includes(isoWeekday(day)) && !HOLIDAYS.has(day)) days.push(day);
  }
  return days;
}

export function fortySessions(): CompletionSession[] {
  return workdays(40).map((date, i): CompletionSession => {
    const siteId = i % 3 === 2 ? 'site-rampoang' : 'site-masjid';
    if (i === 10)
      return {
        siteId,
        date,
        startTime: '08:00',
        endTime: '11:30',
        outcome: 'excused_absence',
        creditedMinutes: 0,
      };
    if (i === 25)
      return {
        siteId,
        date,
        startTime: '08:00',
        endTime: '11:30',
        outcome: 'unexcused_absence',
        creditedMinutes: 0,
      };
    if (i === 5 || i === 30)
      return { siteId, date, startTime: '08:00', endTime: '10:00', outcome: 'partial', creditedMinutes: 120 };
    return { siteId, date, startTime: '08:00', endTime: '11:30', outcome: 'attended', creditedMinutes: 210 };
  });
}

export const ISSUED_ON = '2026-09-07';

export function completionInput(overrides: Partial<CompletionRecordInput> = {}): CompletionRecordInput {
  const sessions = fortySessions();
  return {
    case: {
      clientName: 'Muhammad Rizal Saputra',
      origin: 'decision',
      decision: { number: '231/Pid.B/2026/PN Plp', court: 'PN Palopo', date: '2026-05-20' },
      sentence: {
        kind: 'kerja_sosial',
        hours: 130,
        maxHoursPerDay: 4,
        daysPerWeek: 3,
        startDate: '2026-06-01',
        deadline: '2026-11-27',
      },
      creditedMinutes: sessions.reduce((sum, s) => sum + s.creditedMinutes, 0),
      prosecutor: { name: 'Andi Fitriani, S.H.', office: 'Kejaksaan Negeri Palopo' },
    },
    sessions,
    sites: [
      {
        id: 'site-masjid',
        name: 'Masjid Al-Ikhlas Bara',
        kelurahan: 'Balandai',
        kecamatan: 'Bara',
        kabupatenKota: 'Kota Palopo',
      },
      {
        id: 'site-rampoang',
        name: 'Kantor Kelurahan Rampoang',
        kelurahan: 'Rampoang',
        kecamatan: 'Bara',
        kabupatenKota: 'Kota Palopo',
      },
    ],
    officer: { name: 'Nurhayati Syam, S.Sos.', nip: '19850312 201001 2 015' },
    head: { name: 'Drs. Abdul Rahman Lateko, M.Si.', nip: '19700817 199403 1 002' },
    letterhead: {
      kanwil: 'Kantor Wilayah Direktorat Jenderal Pemasyarakatan Sulawesi Selatan',
      officeName: 'Balai Pemasyarakatan Kelas II Palopo',
      address: 'Jalan Andi Djemma No. 1, Kelurahan Amassangan, Kecamatan Wara, Kota Palopo 91911',
      contact: 'Telepon (0471) 21000 · bapaspalopo@example.go.id',
      city: 'Palopo',
    },
    number: formatDocumentNumber(PALOPO_REGISTER, { kind: 'completion_record', seq: 123, date: ISSUED_ON }),
    issuedOn: ISSUED_ON,
    completedOn: sessions.at(-1)?.date ?? ISSUED_ON,
    verificationUrl: 'https://abdi.example.go.id/v/01JFX7Q0Z8K3M4N5P6R7S8T9VW',
    ...overrides,
  };
}
