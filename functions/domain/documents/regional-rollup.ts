/**
 * The rekapitulasi wilayah (regional roll-up, issue 14): a Kanwil's month across the Bapas of its
 * region, from the server's regional summary (the same figures per office as the office monthly report,
 * and their totals). Made by Abdi for the Kanwil to read or attach to its own letter: a Kanwil's letters
 * are not in Abdi and Abdi keeps registers per Bapas only, so it carries no number and no QR code, and
 * no signature. Landscape: the table of statuses has a column per status.
 */
import type { LocalDate } from '../calendar';
import { longDate } from '../indonesian-format';
import { CASE_STATUSES, OPEN_STATUSES, type CaseStatus } from '../lifecycle';
import { numberColumn } from './document-blocks';
import { hoursCell } from './document-parts';
import {
  asOfNote,
  CASE_STATUS_LABELS,
  countCell,
  countText,
  hoursChart,
  monthInWords,
  monthSpan,
  stateRows,
  statusChart,
  totalCases,
  workRows,
  type OfficeFigures,
} from './office-figures';
import type { DocumentBlock, KanwilLetterhead, OfficialDocument, TableColumn } from './official-document';

/** One Bapas's row of the regional summary. */
export interface RegionalOfficeFigures extends OfficeFigures {
  readonly officeId: string;
  /** e.g. `Balai Pemasyarakatan Kelas II Palopo`. */
  readonly name: string;
}

export interface RegionalRollupInput {
  /** The Kanwil's kop: its line names the region (kanwilLetterhead writes the usual one). */
  readonly letterhead: KanwilLetterhead;
  /** e.g. `Sulawesi Selatan`. */
  readonly regionName: string;
  /** `YYYY-MM`. */
  readonly month: string;
  /** The day the statuses, warnings and deadlines were counted. */
  readonly asOf: LocalDate;
  /** The day Abdi made the roll-up (the PDF's date). */
  readonly generatedOn: LocalDate;
  /** The region's offices, in the order the summary gives them. */
  readonly offices: readonly RegionalOfficeFigures[];
  /** The region's totals, as the summary counted them. */
  readonly totals: OfficeFigures;
}

/** The usual kop of a Kanwil of Pemasyarakatan, for a region that has set none: `Kantor Wilayah … Sulawesi Selatan`. */
export const kanwilLetterhead = (
  regionName: string,
  details: Partial<KanwilLetterhead> = {},
): KanwilLetterhead => ({
  kanwil: `Kantor Wilayah Direktorat Jenderal Pemasyarakatan ${regionName}`,
  ...details,
});

/** `Bapas Kelas II Palopo`: the short name a chart's narrow label column has room for. */
const shortOfficeName = (name: string): string => name.replace(/^Balai Pemasyarakatan\b/i, 'Bapas');

/** A right-aligned column of counts. */
const countColumn = (title: string, width: number): TableColumn => ({ title, width, align: 'right' });

/**
 * Cases by status per office, for some of the statuses and their sum (and, given `all`, every case).
 * Eleven statuses do not fit one landscape table in words a reader can read, so the open ones and the
 * final ones are two tables, as the lifecycle divides them.
 */
function statusTable(
  offices: readonly RegionalOfficeFigures[],
  statuses: readonly CaseStatus[],
  sumTitle: string,
  all?: string,
): DocumentBlock {
  const count = (office: RegionalOfficeFigures, status: CaseStatus) => office.casesByStatus[status] ?? 0;
  return {
    type: 'table',
    columns: [
      numberColumn(),
      { title: 'Balai Pemasyarakatan', width: 'fill' },
      ...statuses.map((status) => countColumn(CASE_STATUS_LABELS[status], 64)),
      countColumn(sumTitle, 64),
      ...(all ? [countColumn(all, 64)] : []),
    ],
    rows: offices.map((office, i) => [
      String(i + 1),
      office.name,
      ...statuses.map((status) => countCell(count(office, status))),
      countCell(statuses.reduce((sum, status) => sum + count(office, status), 0)),
      ...(all ? [countCell(totalCases(office.casesByStatus))] : []),
    ]),
  };
}

/** The Kanwil's roll-up of its region's month. */
export function buildRegionalRollup(input: RegionalRollupInput): OfficialDocument {
  const { offices, totals } = input;
  const monthName = monthInWords(input.month);
  const asOf = longDate(input.asOf);
  const finalStatuses = CASE_STATUSES.filter((status) => !OPEN_STATUSES.includes(status));

  const officeBlocks: DocumentBlock[] =
    offices.length === 0
      ? [{ type: 'paragraph', text: 'Belum ada Balai Pemasyarakatan di wilayah ini yang tercatat di Abdi.' }]
      : [
          { type: 'heading', text: 'B. Per Balai Pemasyarakatan' },
          {
            type: 'table',
            columns: [
              numberColumn(),
              { title: 'Balai Pemasyarakatan', width: 'fill' },
              countColumn('Jam diakui dalam bulan', 70),
              countColumn('Sesi dalam bulan', 64),
              countColumn('Kasus berjalan', 64),
              countColumn('Peringatan aktif', 64),
              countColumn('Tenggat ≤ 30 hari', 64),
              countColumn('Tertinggal', 64),
            ],
            rows: offices.map((office, i) => [
              String(i + 1),
              office.name,
              hoursCell(office.creditedMinutesInMonth),
              countCell(office.sessionsInMonth),
              countCell(office.openCases),
              countCell(office.openWarnings),
              countCell(office.casesDueSoon),
              countCell(office.casesOffTrack),
            ]),
          },
          hoursChart(
            {
              title: `Jam diakui per Balai Pemasyarakatan, ${monthName}`,
              orientation: 'horizontal',
              categories: offices.map((office) => shortOfficeName(office.name)),
              axisLabel: `Jam diakui dalam bulan ${monthName} (jam)`,
            },
            offices.map((office) => office.creditedMinutesInMonth),
          ),
          { type: 'heading', text: `C. Kasus berjalan menurut status per ${asOf}` },
          statusTable(offices, OPEN_STATUSES, 'Jumlah berjalan'),
          { type: 'heading', text: `D. Kasus yang telah berakhir menurut status per ${asOf}` },
          statusTable(offices, finalStatuses, 'Jumlah berakhir', 'Jumlah seluruh kasus'),
        ];

  const blocks: DocumentBlock[] = [
    {
      type: 'paragraph',
      text: `Rekapitulasi pelaksanaan pidana kerja sosial dan pidana pelayanan masyarakat pada Balai Pemasyarakatan di wilayah ${input.regionName} untuk bulan ${monthName}, disusun dari data yang dicatat di Abdi.`,
    },
    {
      type: 'fields',
      rows: [
        { label: 'Wilayah', value: input.regionName },
        { label: 'Periode', value: monthSpan(input.month) },
        { label: 'Keadaan kasus per', value: asOf },
        { label: 'Jumlah Balai Pemasyarakatan', value: countText(offices.length, 'kantor') },
        { label: 'Disusun pada', value: longDate(input.generatedOn) },
      ],
    },
    { type: 'heading', text: 'A. Jumlah wilayah' },
    {
      type: 'fields',
      rows: [
        ...workRows(totals),
        ...stateRows(totals),
        { label: 'Jumlah seluruh kasus', value: countText(totalCases(totals.casesByStatus), 'kasus') },
      ],
    },
    ...officeBlocks,
    statusChart(totals.casesByStatus, `Kasus menurut status, wilayah ${input.regionName}`, input.asOf),
    asOfNote(
      input.month,
      input.asOf,
      `Rekapitulasi ini dibuat oleh Abdi pada ${longDate(input.generatedOn)} dan tidak bernomor: register surat di Abdi adalah milik masing-masing Balai Pemasyarakatan.`,
    ),
  ];

  return {
    kind: 'regional_rollup',
    letterhead: input.letterhead,
    title: 'REKAPITULASI WILAYAH',
    subtitle: `BULAN ${monthName.toUpperCase()}`,
    issuedOn: input.generatedOn,
    orientation: 'landscape',
    blocks,
    pageLabel: 'Halaman {page} dari {pages}',
    metadata: {
      title: `Rekapitulasi Wilayah ${input.regionName} ${monthName}`,
      subject: `Rekapitulasi pelaksanaan pidana kerja sosial dan pelayanan masyarakat ${monthName}`,
      author: input.letterhead.kanwil,
    },
  };
}
