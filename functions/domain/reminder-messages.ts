/**
 * The staff's reminder emails (issue 15), in Bahasa Indonesia: the supervisor's list for tomorrow, the
 * PK's unrecorded sessions at the end of a day, the at-risk / impossible alert, and the PK's weekly
 * digest. Staff may read a client's name (they see it on the case already); no email carries a NIK.
 * Plain text: every mail client shows it the same, and the local outbox shows exactly what was sent.
 */
import type { LocalDate } from './calendar';
import { minutesToHours } from './hours';
import { decimal, longDate } from './indonesian-format';
import { dayDate, timeRange } from './reminders';

/** One email: its subject and its plain-text body. */
export interface EmailText {
  readonly subject: string;
  readonly text: string;
}

/** A slot as a staff email lists it. */
export interface SlotLine {
  readonly clientName: string;
  readonly startTime: string;
  readonly endTime: string;
}

const hours = (minutes: number) => `${decimal(minutesToHours(minutes))} jam`;

const FOOTER = 'Pesan ini dikirim otomatis oleh Abdi. Mohon tidak membalas email ini.';

const lines = (...parts: (string | false | undefined)[]) =>
  parts.filter((p): p is string => typeof p === 'string').join('\n');

const byTime = <T extends SlotLine>(slots: readonly T[]) =>
  [...slots].sort(
    (a, b) => a.startTime.localeCompare(b.startTime) || a.clientName.localeCompare(b.clientName),
  );

/** The day-before email to a site supervisor: who comes to their site tomorrow, and when. */
export function supervisorDayEmail(facts: {
  readonly officeName: string;
  readonly siteName: string;
  readonly date: LocalDate;
  readonly slots: readonly SlotLine[];
}): EmailText {
  const slots = byTime(facts.slots);
  return {
    subject: `Jadwal besok di ${facts.siteName}: ${slots.length} klien (${dayDate(facts.date)})`,
    text: lines(
      'Yth. Pembimbing lapangan,',
      '',
      `Berikut klien ${facts.officeName} yang dijadwalkan bekerja di ${facts.siteName} ` +
        `besok, ${dayDate(facts.date)}:`,
      '',
      ...slots.map((s, i) => `${i + 1}. ${timeRange(s.startTime, s.endTime)}  ${s.clientName}`),
      '',
      'Mohon catat kehadiran setiap klien di Abdi pada hari yang sama.',
      '',
      FOOTER,
    ),
  };
}

/** The end-of-day email to a PK: sessions scheduled today that nobody recorded. */
export function unrecordedDayEmail(facts: {
  readonly officeName: string;
  readonly date: LocalDate;
  readonly slots: readonly (SlotLine & { readonly siteName: string; readonly caseId: string })[];
}): EmailText {
  const slots = byTime(facts.slots);
  return {
    subject: `${slots.length} sesi belum dicatat (${dayDate(facts.date)})`,
    text: lines(
      'Yth. Pembimbing Kemasyarakatan,',
      '',
      `Sesi berikut dijadwalkan ${dayDate(facts.date)} tetapi belum dicatat:`,
      '',
      ...slots.map(
        (s, i) =>
          `${i + 1}. ${timeRange(s.startTime, s.endTime)}  ${s.clientName}, ${s.siteName} (kasus ${s.caseId})`,
      ),
      '',
      'Mohon catat kehadiran atau ketidakhadiran klien, atau hubungi pembimbing lapangan.',
      '',
      `${facts.officeName}`,
      FOOTER,
    ),
  };
}

/** What the feasibility alert states: the planner's numbers for one case (PLAN-FEASIBILITY). */
export interface FeasibilityAlertFacts {
  readonly officeName: string;
  readonly clientName: string;
  readonly caseId: string;
  readonly state: 'at_risk' | 'impossible';
  readonly remainingMinutes: number;
  readonly possibleMinutes: number;
  readonly deadline: LocalDate;
  readonly latestStart?: LocalDate;
  readonly slackDays?: number;
}

/**
 * The reason in one sentence, as the PK forwards it to the jaksa: "76 jam tersisa, paling banyak 60 jam
 * mungkin sebelum 20 Desember 2026". At risk adds the latest start and the slack.
 */
export function feasibilityReasonText(facts: FeasibilityAlertFacts): string {
  const numbers =
    `${hours(facts.remainingMinutes)} tersisa, paling banyak ${hours(facts.possibleMinutes)} ` +
    `mungkin sebelum ${longDate(facts.deadline)}`;
  if (facts.state === 'impossible' || !facts.latestStart) return numbers;
  const slack = facts.slackDays === undefined ? '' : ` (cadangan ${facts.slackDays} hari)`;
  return `${numbers}; pekerjaan harus dimulai paling lambat ${longDate(facts.latestStart)}${slack}`;
}

/** The alert to the PK and the office's admins when a case turns at risk or impossible. */
export function feasibilityAlertEmail(facts: FeasibilityAlertFacts): EmailText {
  const impossible = facts.state === 'impossible';
  return {
    subject: impossible
      ? `Tidak mungkin selesai tepat waktu: ${facts.clientName}`
      : `Berisiko tidak selesai tepat waktu: ${facts.clientName}`,
    text: lines(
      'Yth. Pembimbing Kemasyarakatan dan Admin Bapas,',
      '',
      impossible
        ? `Sisa jam kerja ${facts.clientName} (kasus ${facts.caseId}) tidak lagi dapat diselesaikan ` +
            'sebelum batas waktu.'
        : `Sisa jam kerja ${facts.clientName} (kasus ${facts.caseId}) berisiko tidak selesai sebelum ` +
            'batas waktu.',
      '',
      `Alasan: ${feasibilityReasonText(facts)}.`,
      '',
      impossible
        ? 'Mohon segera mintakan keputusan kepada jaksa sebelum batas waktu berakhir.'
        : 'Mohon periksa jadwal dan penempatan klien agar jam kerja dapat diselesaikan tepat waktu.',
      '',
      facts.officeName,
      FOOTER,
    ),
  };
}

/** A case as the weekly digest names it. */
export interface DigestCase {
  readonly caseId: string;
  readonly clientName: string;
  readonly deadline: LocalDate;
}

export interface WeeklyDigestFacts {
  readonly officeName: string;
  /** The Monday of the week the digest opens. */
  readonly weekOf: LocalDate;
  readonly openCases: number;
  readonly impossible: readonly DigestCase[];
  readonly atRisk: readonly DigestCase[];
  /** Cases with sessions scheduled last week that were never recorded, with how many. */
  readonly missed: readonly (DigestCase & { readonly missedSlots: number })[];
  /** Cases with hours left whose accepted schedule ends within 7 days (or that have none). */
  readonly runningOut: readonly (DigestCase & { readonly lastSlot?: LocalDate })[];
}

const digestLine = (c: DigestCase, extra = '') =>
  `- ${c.clientName} (kasus ${c.caseId}), batas waktu ${longDate(c.deadline)}${extra}`;

const section = (title: string, items: readonly string[]) => [
  `${title}: ${items.length}`,
  ...(items.length > 0 ? items : ['- tidak ada']),
  '',
];

/** The weekly digest to one PK: their open cases that need a look this week. */
export function weeklyDigestEmail(facts: WeeklyDigestFacts): EmailText {
  const needsAction = facts.impossible.length + facts.atRisk.length + facts.missed.length;
  return {
    subject: `Ringkasan mingguan ${longDate(facts.weekOf)}: ${needsAction} kasus perlu perhatian`,
    text: lines(
      'Yth. Pembimbing Kemasyarakatan,',
      '',
      `Ringkasan kasus terbuka Anda di ${facts.officeName} untuk minggu ${dayDate(facts.weekOf)} ` +
        `(${facts.openCases} kasus terbuka):`,
      '',
      ...section(
        'Tidak mungkin selesai tepat waktu',
        facts.impossible.map((c) => digestLine(c)),
      ),
      ...section(
        'Berisiko tidak selesai tepat waktu',
        facts.atRisk.map((c) => digestLine(c)),
      ),
      ...section(
        'Sesi minggu lalu yang tidak dicatat',
        facts.missed.map((c) => digestLine(c, `: ${c.missedSlots} sesi`)),
      ),
      ...section(
        'Jadwal habis dalam 7 hari',
        facts.runningOut.map((c) =>
          digestLine(c, c.lastSlot ? `; sesi terakhir ${longDate(c.lastSlot)}` : '; belum ada jadwal'),
        ),
      ),
      FOOTER,
    ),
  };
}
