/**
 * The laporan perkembangan (progress report, issue 14): one case over a period, on demand or for a
 * month, sent to the jaksa pengawas (the hakim pengawas for a child). It says what was done in the period
 * and in total, the warnings, whether the rest can still be done in time (the planner's stored verdict,
 * CasePlanSummary) and the next scheduled sessions. Signed by the PK alone: a periodic report is the PK's
 * guidance record, not an act of the office.
 */
import { daysInMonth, formatYmd, isWithin, localDateOf, type LocalDate } from '../calendar';
import { decimal, longDate } from '../indonesian-format';
import type { FeasibilityState } from '../planner';
import type { SlotStatus } from '../scheduled-slots';
import {
  addresseeBlock,
  caseRows,
  numberColumn,
  officerRow,
  officerSigner,
  officialDocument,
  servicePeriodRow,
  sessionCountRows,
  sessionTable,
  signatures,
  supervisorRow,
  warningTable,
} from './document-blocks';
import {
  byDateAndTime,
  clockSpan,
  dateSpan,
  dayAndDate,
  hoursCell,
  hoursOf,
  hoursText,
  recipientOf,
  SENTENCE_NAMES,
  siteLookup,
} from './document-parts';
import type { ReportCase, ReportFrame, ReportSession, ReportSite, ReportWarning } from './document-parts';
import type { DocumentBlock, FieldRow, OfficialDocument } from './official-document';

/** The planner's verdict as the case keeps it (CasePlanSummary). */
export interface ReportPlan {
  readonly state: FeasibilityState;
  readonly latestStart?: LocalDate;
  readonly slackDays?: number;
  readonly possibleMinutes: number;
  readonly remainingMinutes: number;
  readonly deadline: LocalDate;
  /** An instant. */
  readonly plannedAt: string;
}

/** A scheduled slot as the store keeps it (SlotRecord). */
export interface ReportSlot {
  readonly siteId: string;
  readonly date: LocalDate;
  readonly startTime: string;
  readonly endTime: string;
  readonly minutes: number;
  readonly status: SlotStatus;
}

export interface ReportPeriod {
  readonly from: LocalDate;
  /** Inclusive. */
  readonly to: LocalDate;
}

export interface ProgressReportInput extends ReportFrame {
  readonly case: ReportCase & { readonly plan?: ReportPlan };
  readonly period: ReportPeriod;
  /** The case's sessions (any period: the report picks the period's). */
  readonly sessions: readonly ReportSession[];
  /** The case's warnings. */
  readonly warnings: readonly ReportWarning[];
  /** The case's slots; the scheduled ones after the issue date are listed. */
  readonly slots: readonly ReportSlot[];
  readonly sites: readonly ReportSite[];
}

/** How many upcoming slots the report lists: two or three weeks of a usual schedule. */
export const NEXT_SLOTS_LISTED = 8;

/** The calendar month `2026-08` as a period: 1 to 31 August 2026. */
export function monthPeriod(month: string): ReportPeriod {
  const [year, mm] = month.split('-').map(Number) as [number, number];
  return { from: formatYmd(year, mm, 1), to: formatYmd(year, mm, daysInMonth(year, mm)) };
}

/** The planner's states in the dashboard's words (plan_state_*), said in full for a reader outside it. */
const PLAN_STATE_LABELS: Readonly<Record<FeasibilityState, string>> = {
  on_track: 'Sesuai jadwal',
  at_risk: 'Berisiko: sisa waktu cadangan sedikit',
  impossible: 'Tidak mungkin selesai sebelum batas waktu',
};

const periodText = (period: ReportPeriod): string => dateSpan(period.from, period.to);

/** The progress report of a case over a period. */
export function buildProgressReport(input: ProgressReportInput): OfficialDocument {
  const record = input.case;
  const { period } = input;
  if (period.to < period.from) throw new RangeError(`a period that ends before it starts: ${period.from}`);
  const siteOf = siteLookup(input.sites);
  const hours = hoursOf(record);
  const sentenceName = SENTENCE_NAMES[record.sentence.kind];
  const recipient = recipientOf(record);
  const inPeriod = (date: LocalDate) => isWithin(date, period.from, period.to);
  const dateOf = (instant: string): LocalDate => localDateOf(instant, input.timeZone);

  const sessions = input.sessions.filter((s) => inPeriod(s.date)).sort(byDateAndTime);
  const creditedInPeriod = sessions.reduce((sum, s) => sum + s.creditedMinutes, 0);
  const warnings = input.warnings
    .filter((w) => dateOf(w.issuedAt) <= period.to)
    .sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
  const nextSlots = input.slots
    .filter((slot) => slot.status === 'scheduled' && slot.date > input.issuedOn)
    .sort(byDateAndTime)
    .slice(0, NEXT_SLOTS_LISTED);

  const blocks: DocumentBlock[] = [
    addresseeBlock(recipient),
    {
      type: 'paragraph',
      text: `Dengan hormat, bersama ini kami sampaikan perkembangan pelaksanaan ${sentenceName} untuk periode ${periodText(period)}, sebagai berikut:`,
    },
    {
      type: 'fields',
      rows: [
        ...caseRows(record),
        { label: 'Periode laporan', value: periodText(period) },
        servicePeriodRow(record),
        officerRow(input.officer),
        supervisorRow(record, recipient),
      ],
    },
    { type: 'heading', text: 'A. Jam kerja' },
    {
      type: 'fields',
      rows: [
        { label: 'Jam yang wajib dijalani', value: hoursText(hours.owed) },
        { label: 'Jam diakui dalam periode', value: hoursText(creditedInPeriod) },
        {
          label: 'Jam diakui seluruhnya',
          value: `${hoursText(hours.credited)} (${percent(hours.credited, hours.owed)})`,
        },
        { label: 'Sisa jam', value: hoursText(hours.remaining) },
      ],
    },
    { type: 'heading', text: 'B. Sesi dalam periode' },
    ...sessionBlocks(sessions, siteOf),
    { type: 'heading', text: 'C. Peringatan' },
    warnings.length === 0
      ? { type: 'paragraph', text: 'Tidak ada peringatan sampai akhir periode.' }
      : warningTable(warnings, dateOf),
    { type: 'heading', text: 'D. Kelayakan rencana' },
    planBlock(record.plan, dateOf),
    { type: 'heading', text: 'E. Jadwal berikutnya' },
    nextSlots.length === 0
      ? { type: 'paragraph', text: 'Belum ada sesi yang dijadwalkan.' }
      : {
          type: 'table',
          columns: [
            numberColumn(),
            { title: 'Hari, tanggal', width: 130 },
            { title: 'Waktu', width: 58 },
            { title: 'Lokasi', width: 'fill' },
            { title: 'Jam', width: 40, align: 'right' },
          ],
          rows: nextSlots.map((slot, i) => [
            String(i + 1),
            dayAndDate(slot.date),
            clockSpan(slot.startTime, slot.endTime),
            siteOf(slot.siteId).name,
            hoursCell(slot.minutes),
          ]),
        },
    {
      type: 'paragraph',
      text: 'Demikian laporan perkembangan ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.',
    },
    // Signed by the PK alone (see the header).
    signatures(officerSigner(input)),
  ];

  return officialDocument(input, {
    kind: 'progress_report',
    title: 'LAPORAN PERKEMBANGAN',
    subtitle: `PELAKSANAAN ${sentenceName.toUpperCase()}`,
    blocks,
    metadata: {
      title: `Laporan Perkembangan ${input.number}`,
      subject: `Laporan perkembangan ${sentenceName} ${periodText(period)}`,
    },
  });
}

/** `63,8%`. */
const percent = (part: number, whole: number): string =>
  `${decimal(whole === 0 ? 100 : (part / whole) * 100, 1)}%`;

function sessionBlocks(
  sessions: readonly ReportSession[],
  siteOf: (id: string) => ReportSite,
): DocumentBlock[] {
  if (sessions.length === 0) return [{ type: 'paragraph', text: 'Tidak ada sesi dalam periode ini.' }];
  // Only the outcomes that occurred: a month's report lists what happened, the completion record all four.
  const counts = sessionCountRows(sessions).filter((row) => !row.value.startsWith('0 '));
  return [
    sessionTable(sessions, siteOf, { widths: [72, 56, 120, 36], hoursTitle: 'Jam' }),
    { type: 'fields', rows: counts },
  ];
}

/** The planner's summary; a case not yet planned says so rather than guessing. */
function planBlock(plan: ReportPlan | undefined, dateOf: (instant: string) => LocalDate): DocumentBlock {
  if (!plan) return { type: 'paragraph', text: 'Rencana pelaksanaan belum dinilai.' };
  const rows: FieldRow[] = [
    { label: 'Penilaian', value: PLAN_STATE_LABELS[plan.state] },
    {
      label: 'Jam yang masih mungkin dijalani',
      value: `${hoursText(plan.possibleMinutes)} sampai batas waktu ${longDate(plan.deadline)}`,
    },
  ];
  if (plan.latestStart) rows.push({ label: 'Paling lambat mulai', value: longDate(plan.latestStart) });
  if (plan.slackDays !== undefined) rows.push({ label: 'Cadangan waktu', value: `${plan.slackDays} hari` });
  rows.push({ label: 'Dinilai pada', value: longDate(dateOf(plan.plannedAt)) });
  return { type: 'fields', rows };
}
