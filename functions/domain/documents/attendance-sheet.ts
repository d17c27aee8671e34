/**
 * The daftar hadir (attendance sheet, issue 14) for one work site and period: the planner's scheduled
 * slots there (ADR 0014; clarifications: "15 before 14"), one row each, with the arrival and leaving
 * times and the supervisor's and client's initials left empty to be filled in by hand at the site, and
 * a QR code per row that opens that day's session record in Abdi, so the PK records from the paper.
 *
 * Which slots get a row:
 * - `scheduled` slots, past or future: a past one not yet recorded is exactly what the paper is for
 *   (the site fills it in, the PK records it later); its row is printed like any other.
 * - `fulfilled` slots (a session already recorded) keep their row, so a sheet printed again mid-period
 *   lines up with the copy on the site's wall, but the row says `Sudah dicatat` in its remark: the
 *   supervisor does not sign a day twice.
 * - A released slot (re-planned, case closed) no longer exists as a record (slot-store deletes it), so it
 *   has no row; there is no cancelled status to print.
 * Slots at other sites or outside the period are left out, so a use case may pass the office days it read.
 *
 * Landscape A4: nine columns of a signing form do not fit upright with room to write.
 */
import { compareDates, isWithin, type LocalDate, type LocalTime } from '../calendar';
import type { SlotStatus } from '../scheduled-slots';
import type { SentenceKind } from '../sentence';
import { officerRow, officerSigner, officialDocument, signatures, signerOf } from './document-blocks';
import { dateSpan, dayAndDate, timeSpan, type Official } from './document-parts';
import type { DocumentBlock, Letterhead, OfficialDocument, QrTableRow } from './official-document';

/** A scheduled slot as the sheet needs it: the store's SlotRecord fields plus the client's name and the URL. */
export interface AttendanceSlot {
  readonly caseId: string;
  readonly siteId: string;
  readonly date: LocalDate;
  readonly startTime: LocalTime;
  readonly endTime: LocalTime;
  readonly status: SlotStatus;
  readonly clientName: string;
  /** The page the row's QR code opens: the session record of that case on that day. */
  readonly recordUrl: string;
}

export interface AttendanceSheetInput {
  readonly site: {
    readonly id: string;
    readonly name: string;
    readonly address?: string;
    readonly partnerName: string;
  };
  readonly from: LocalDate;
  readonly until: LocalDate;
  readonly slots: readonly AttendanceSlot[];
  /** Kerja sosial for adults, pelayanan masyarakat for children: the title says which. */
  readonly sentenceKind: SentenceKind;
  readonly officer: Official;
  /** The supervisor at the site, when the partner has named one; otherwise a line to write on. */
  readonly supervisor?: Official;
  readonly letterhead: Letterhead;
  readonly number: string;
  readonly issuedOn: LocalDate;
  readonly verificationUrl: string;
}

/** What a fulfilled slot's row says instead of waiting for signatures. */
export const RECORDED_REMARK = 'Sudah dicatat';

/** A line to sign on where no supervisor is named. */
const BLANK_NAME = '(..................................)';

/** The rows of the sheet: the site's slots in the period, by date, start time and client name. */
export function attendanceRows(input: AttendanceSheetInput): QrTableRow[] {
  return input.slots
    .filter((slot) => slot.siteId === input.site.id && isWithin(slot.date, input.from, input.until))
    .sort(
      (a, b) =>
        compareDates(a.date, b.date) ||
        a.startTime.localeCompare(b.startTime) ||
        a.clientName.localeCompare(b.clientName, 'id') ||
        a.caseId.localeCompare(b.caseId),
    )
    .map((slot, i) => ({
      cells: [
        String(i + 1),
        dayAndDate(slot.date),
        timeSpan(slot.startTime, slot.endTime),
        slot.clientName,
        '',
        '',
        '',
        '',
        slot.status === 'fulfilled' ? RECORDED_REMARK : '',
      ],
      url: slot.recordUrl,
      ...(slot.status === 'fulfilled' ? { muted: true } : {}),
    }));
}

/** The daftar hadir of a site for a period. */
export function buildAttendanceSheet(input: AttendanceSheetInput): OfficialDocument {
  const rows = attendanceRows(input);
  const kindName = input.sentenceKind === 'pelayanan_masyarakat' ? 'PELAYANAN MASYARAKAT' : 'KERJA SOSIAL';
  const clients = new Set(
    input.slots
      .filter((slot) => slot.siteId === input.site.id && isWithin(slot.date, input.from, input.until))
      .map((slot) => slot.caseId),
  ).size;
  const blocks: DocumentBlock[] = [
    {
      type: 'fields',
      rows: [
        { label: 'Lokasi', value: [input.site.name, input.site.address].filter(Boolean).join(', ') },
        { label: 'Mitra', value: input.site.partnerName },
        { label: 'Periode', value: dateSpan(input.from, input.until) },
        { label: 'Jumlah jadwal', value: `${rows.length} jadwal, ${clients} klien` },
        officerRow(input.officer),
      ],
    },
    {
      type: 'qrTable',
      columns: [
        { title: 'No.', width: 22, align: 'right' },
        { title: 'Hari, tanggal', width: 112 },
        { title: 'Jadwal', width: 62, align: 'center' },
        { title: 'Nama klien', width: 'fill' },
        { title: 'Jam datang', width: 50, align: 'center' },
        { title: 'Jam pulang', width: 50, align: 'center' },
        { title: 'Paraf pengawas', width: 66, align: 'center' },
        { title: 'Paraf klien', width: 66, align: 'center' },
        { title: 'Keterangan', width: 74 },
      ],
      qrTitle: 'Kode sesi',
      rows,
    },
    {
      type: 'paragraph',
      text: 'Jam datang, jam pulang, dan paraf diisi oleh pengawas di lokasi pada hari kerja yang bersangkutan. Bila klien tidak hadir, tulis \u201ctidak hadir\u201d pada kolom keterangan. Pembimbing Kemasyarakatan memindai kode sesi pada setiap baris untuk mencatat kehadiran di Abdi.',
    },
    signatures(
      signerOf('Pengawas di lokasi,', input.site.partnerName, input.supervisor ?? { name: BLANK_NAME }),
      officerSigner(input),
    ),
  ];

  return officialDocument(input, {
    kind: 'attendance_sheet',
    title: 'DAFTAR HADIR',
    subtitle: `PELAKSANAAN PIDANA ${kindName}`,
    orientation: 'landscape',
    blocks,
    // Its own caption: what the QR code beside the number checks is the sheet, not a letter.
    caption: 'Pindai kode ini untuk memeriksa keaslian daftar hadir.',
    metadata: {
      title: `Daftar Hadir ${input.number}`,
      subject: `Daftar hadir pelaksanaan pidana ${kindName.toLowerCase()}`,
    },
  });
}
