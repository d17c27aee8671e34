/**
 * Fixed inputs for the referral and progress reports (issue 14): the adult of completion-fixture.ts
 * part-way through his 130 hours (26 sessions to 31 July 2026), with three unexcused absences, two
 * warnings and three pieces of evidence (one rejected); and a child's case for the variant addressed to the hakim pengawas. Names are invented.
 */
import { createHash } from 'node:crypto';
import type { ProgressReportInput, ReportSlot } from '../../../functions/domain/documents/progress-report';
import type {
  ReferralReportInput,
  ReportEvidence,
} from '../../../functions/domain/documents/referral-report';
import type { ReportCase, ReportSession } from '../../../functions/domain/documents/document-parts';
import {
  formatDocumentNumber,
  type DocumentBlock,
  type OfficialDocument,
} from '../../../functions/domain/documents';
import { completionInput, fortySessions, PALOPO_REGISTER } from './completion-fixture';

export const REPORT_ISSUED_ON = '2026-08-03';

/** The first 26 of the forty sessions (to 31 July 2026), sessions 23 and 24 missed as well as 26. */
export function reportSessions(): ReportSession[] {
  return fortySessions()
    .slice(0, 26)
    .map((session, i): ReportSession => {
      const id = `case-1-s${String(i + 1).padStart(2, '0')}`;
      if (i === 10) return { ...session, id, notes: 'Sakit, surat keterangan dokter dari Puskesmas Bara' };
      if (i === 25) return { ...session, id };
      if (i === 22 || i === 23)
        return {
          ...session,
          id,
          outcome: 'unexcused_absence',
          creditedMinutes: 0,
          notes: i === 23 ? 'Tidak dapat dihubungi; keluarga menyatakan sedang ke Makassar' : undefined,
        };
      if (i === 20)
        return { ...session, id, misconduct: true, notes: 'Meninggalkan lokasi sebelum waktunya' };
      return { ...session, id };
    });
}

const credited = (sessions: readonly ReportSession[]) =>
  sessions.reduce((sum, s) => sum + s.creditedMinutes, 0);

export function adultCase(sessions = reportSessions()): ReportCase {
  const base = completionInput().case;
  return {
    ...base,
    decision: {
      ...base.decision,
      imposed: { prisonMonths: 4 },
      replaces: 'prison',
      nonComplianceSanction: 'serve_prison',
    },
    creditedMinutes: credited(sessions),
  };
}

export function childCase(sessions = reportSessions()): ReportCase {
  return {
    clientName: 'Andi Baso Pallawa',
    origin: 'decision',
    decision: {
      number: '12/Pid.Sus-Anak/2026/PN Plp',
      court: 'PN Palopo',
      date: '2026-05-18',
      nonComplianceSanction: 'repeat',
    },
    sentence: {
      kind: 'pelayanan_masyarakat',
      hours: 120,
      maxHoursPerDay: 4,
      daysPerWeek: 3,
      startDate: '2026-06-01',
      deadline: '2027-05-31',
    },
    creditedMinutes: credited(sessions),
    prosecutor: { name: 'Andi Fitriani, S.H.', office: 'Kejaksaan Negeri Palopo' },
  };
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

export const EVIDENCE: readonly ReportEvidence[] = [
  {
    id: 'ev-3',
    kind: 'document',
    fileName: 'surat-panggilan-kedua.pdf',
    sha256: sha('surat panggilan kedua'),
    status: 'verified',
    createdAt: '2026-07-30T01:15:00Z',
  },
  {
    id: 'ev-1',
    kind: 'attendance_sheet',
    sessionId: 'case-1-s23',
    fileName: 'daftar-hadir-masjid-24-juli.jpg',
    sha256: sha('daftar hadir 24 juli'),
    status: 'verified',
    capturedAt: '2026-07-24T04:00:00Z',
    createdAt: '2026-07-24T05:00:00Z',
  },
  {
    id: 'ev-2',
    kind: 'photo',
    sessionId: 'case-1-s24',
    fileName: 'lokasi-kosong.jpg',
    sha256: sha('rejected photo'),
    status: 'rejected',
    createdAt: '2026-07-10T05:00:00Z',
  },
];

export const WARNINGS = [
  {
    id: 'w-1',
    level: 1,
    reason: 'Tidak hadir tanpa alasan yang sah pada 24 Juli 2026',
    sessionIds: ['case-1-s23'],
    status: 'open',
    // 23:30 UTC is already 25 July in Palopo (WITA, UTC+8).
    issuedAt: '2026-07-24T23:30:00Z',
  },
  {
    id: 'w-2',
    level: 2,
    reason: 'Dua kali lagi tidak hadir tanpa alasan yang sah setelah peringatan pertama',
    sessionIds: ['case-1-s24', 'case-1-s26'],
    status: 'open',
    issuedAt: '2026-07-31T02:00:00Z',
  },
] as const satisfies ReferralReportInput['warnings'];

const frame = (kind: 'referral_report' | 'progress_report', seq: number) => {
  const { officer, letterhead, verificationUrl } = completionInput();
  return {
    officer,
    letterhead,
    number: formatDocumentNumber(PALOPO_REGISTER, { kind, seq, date: REPORT_ISSUED_ON }),
    issuedOn: REPORT_ISSUED_ON,
    timeZone: 'Asia/Makassar' as const,
    verificationUrl: verificationUrl.replace(/.{4}$/, kind === 'referral_report' ? 'RF01' : 'PG01'),
  };
};

export function referralInput(overrides: Partial<ReferralReportInput> = {}): ReferralReportInput {
  const sessions = reportSessions();
  const { sites, head } = completionInput();
  return {
    ...frame('referral_report', 131),
    case: adultCase(sessions),
    reason: 'Tiga kali tidak hadir tanpa alasan yang sah dan tidak memenuhi dua peringatan tertulis.',
    warnings: WARNINGS,
    sessions,
    evidence: EVIDENCE,
    sites,
    head,
    ...overrides,
  };
}

/** Monday, Wednesday and Friday from 5 August 2026, 08:00-11:30 at the mosque. */
export function nextSlots(): ReportSlot[] {
  return ['2026-07-31', '2026-08-05', '2026-08-07', '2026-08-10', '2026-08-12'].map((date, i) => ({
    siteId: 'site-masjid',
    date,
    startTime: '08:00',
    endTime: '11:30',
    minutes: 210,
    status: i === 0 ? 'fulfilled' : 'scheduled',
  }));
}

export function progressInput(overrides: Partial<ProgressReportInput> = {}): ProgressReportInput {
  const sessions = reportSessions();
  const { sites } = completionInput();
  return {
    ...frame('progress_report', 132),
    case: {
      ...adultCase(sessions),
      plan: {
        state: 'at_risk',
        latestStart: '2026-08-12',
        slackDays: 9,
        possibleMinutes: 9_030,
        remainingMinutes: 130 * 60 - credited(sessions),
        deadline: '2026-11-27',
        plannedAt: '2026-08-02T17:00:00Z',
      },
    },
    period: { from: '2026-07-01', to: '2026-07-31' },
    sessions,
    warnings: WARNINGS,
    slots: nextSlots(),
    sites,
    ...overrides,
  };
}

/** A report's field rows by label, across all its `fields` blocks. */
export const fieldsOf = (document: OfficialDocument): Record<string, string> =>
  Object.fromEntries(
    document.blocks
      .filter((b): b is Extract<DocumentBlock, { type: 'fields' }> => b.type === 'fields')
      .flatMap((b) => b.rows.map((row) => [row.label, row.value])),
  );

/** A report's paragraphs and headings, one a line. */
export const textOf = (document: OfficialDocument): string =>
  document.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');

export type Table = Extract<DocumentBlock, { type: 'table' }>;
