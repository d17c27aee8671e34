/**
 * Fixed figures for the office monthly report and the Kanwil's regional roll-up (issue 14): Bapas
 * Palopo's December 2026, counted on 4 January 2027, and the month of four Bapas of Sulawesi Selatan
 * (one of them new, with nothing yet). Office-level counts only; names of officials are invented.
 */
import type { CaseStatus } from '../../../functions/domain';
import {
  formatDocumentNumber,
  kanwilLetterhead,
  type OfficeFigures,
  type OfficeMonthlyReportInput,
  type RegionalOfficeFigures,
  type RegionalRollupInput,
} from '../../../functions/domain/documents';
import { completionInput, PALOPO_REGISTER } from './completion-fixture';

export const MONTHLY_ISSUED_ON = '2027-01-04';

const byStatus = (counts: Partial<Record<CaseStatus, number>>): Record<CaseStatus, number> => ({
  received: 0,
  assessed: 0,
  placed: 0,
  active: 0,
  warned: 0,
  referred: 0,
  repeated: 0,
  completed: 0,
  converted: 0,
  terminated: 0,
  closed: 0,
  ...counts,
});

/** Palopo: 59 open cases of 103, 1.234,5 hours in December. */
export const PALOPO_STATUSES = byStatus({
  received: 4,
  assessed: 3,
  placed: 5,
  active: 38,
  warned: 6,
  referred: 2,
  repeated: 1,
  completed: 27,
  converted: 1,
  terminated: 2,
  closed: 14,
});

export function monthlyInput(overrides: Partial<OfficeMonthlyReportInput> = {}): OfficeMonthlyReportInput {
  const base = completionInput();
  return {
    letterhead: base.letterhead,
    number: formatDocumentNumber(PALOPO_REGISTER, {
      seq: 140,
      date: MONTHLY_ISSUED_ON,
      kind: 'monthly_report',
    }),
    issuedOn: MONTHLY_ISSUED_ON,
    verificationUrl: 'https://abdi.example.go.id/v/01JH2M6Q8R9S0T1V2W3X4Y5Z6A',
    head: base.head,
    figures: {
      month: '2026-12',
      asOf: MONTHLY_ISSUED_ON,
      casesByStatus: PALOPO_STATUSES,
      openCases: 59,
      creditedMinutesInMonth: 74_070,
      sessionsInMonth: 312,
      openWarnings: 7,
      casesDueSoon: 5,
      casesOffTrack: 3,
      // The five ISO weeks touching December 2026: 30 November to 3 January 2027.
      weeks: [
        { monday: '2026-11-30', creditedMinutes: 13_200, sessions: 58 },
        { monday: '2026-12-07', creditedMinutes: 19_050, sessions: 80 },
        { monday: '2026-12-14', creditedMinutes: 18_630, sessions: 79 },
        { monday: '2026-12-21', creditedMinutes: 15_480, sessions: 66 },
        { monday: '2026-12-28', creditedMinutes: 9_030, sessions: 38 },
      ],
    },
    ...overrides,
  };
}

const office = (officeId: string, name: string, figures: OfficeFigures): RegionalOfficeFigures => ({
  officeId,
  name,
  ...figures,
});

export function regionalOffices(): RegionalOfficeFigures[] {
  return [
    office('office-makassar', 'Balai Pemasyarakatan Kelas I Makassar', {
      casesByStatus: byStatus({
        received: 9,
        assessed: 6,
        placed: 8,
        active: 71,
        warned: 11,
        referred: 4,
        repeated: 2,
        completed: 58,
        converted: 3,
        terminated: 4,
        closed: 31,
      }),
      openCases: 111,
      creditedMinutesInMonth: 141_330,
      sessionsInMonth: 604,
      openWarnings: 13,
      casesDueSoon: 9,
      casesOffTrack: 6,
    }),
    office('office-palopo', 'Balai Pemasyarakatan Kelas II Palopo', {
      casesByStatus: PALOPO_STATUSES,
      openCases: 59,
      creditedMinutesInMonth: 74_070,
      sessionsInMonth: 312,
      openWarnings: 7,
      casesDueSoon: 5,
      casesOffTrack: 3,
    }),
    office('office-watampone', 'Balai Pemasyarakatan Kelas II Watampone', {
      casesByStatus: byStatus({
        received: 2,
        assessed: 2,
        placed: 3,
        active: 17,
        warned: 1,
        completed: 9,
        closed: 4,
      }),
      openCases: 25,
      creditedMinutesInMonth: 30_150,
      sessionsInMonth: 131,
      openWarnings: 1,
      casesDueSoon: 2,
      casesOffTrack: 0,
    }),
    // Opened in December: registered in Abdi, nothing recorded yet.
    office('office-parepare', 'Balai Pemasyarakatan Kelas II Parepare', {
      casesByStatus: byStatus({}),
      openCases: 0,
      creditedMinutesInMonth: 0,
      sessionsInMonth: 0,
      openWarnings: 0,
      casesDueSoon: 0,
      casesOffTrack: 0,
    }),
  ];
}

/** The offices' figures added up, as the regional summary counts its totals. */
export function totalsOf(offices: readonly OfficeFigures[]): OfficeFigures {
  const sum = (pick: (f: OfficeFigures) => number) => offices.reduce((total, f) => total + pick(f), 0);
  const statuses = Object.keys(PALOPO_STATUSES) as CaseStatus[];
  return {
    casesByStatus: Object.fromEntries(statuses.map((s) => [s, sum((f) => f.casesByStatus[s])])) as Record<
      CaseStatus,
      number
    >,
    openCases: sum((f) => f.openCases),
    creditedMinutesInMonth: sum((f) => f.creditedMinutesInMonth),
    sessionsInMonth: sum((f) => f.sessionsInMonth),
    openWarnings: sum((f) => f.openWarnings),
    casesDueSoon: sum((f) => f.casesDueSoon),
    casesOffTrack: sum((f) => f.casesOffTrack),
  };
}

export function rollupInput(overrides: Partial<RegionalRollupInput> = {}): RegionalRollupInput {
  const offices = regionalOffices();
  return {
    letterhead: kanwilLetterhead('Sulawesi Selatan', {
      address: 'Jalan Jenderal Sudirman Nomor 1, Makassar 90115',
      city: 'Makassar',
    }),
    regionName: 'Sulawesi Selatan',
    month: '2026-12',
    asOf: MONTHLY_ISSUED_ON,
    generatedOn: MONTHLY_ISSUED_ON,
    offices,
    totals: totalsOf(offices),
    ...overrides,
  };
}
