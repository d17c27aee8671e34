/**
 * The columns of a cases file that carry what happened before Abdi: the placement, the hours already
 * served on paper (one opening credit per case, with its source: document number, date, who signed),
 * the warnings already issued on paper (their dates, so escalation continues where it stood) and the
 * status the case reached (clarifications.md "Spreadsheet import": the row goes through registration,
 * placement, the opening credit, the paper warnings and the status, in that order, with these dates).
 * Whether the credit exceeds the order, or the status fits the rest of the row, is the use cases' to say.
 */
import { CASE_STATUS_LABELS } from '../documents/office-figures';
import { CASE_STATUSES, type CaseStatus } from '../lifecycle';
import type { EnumChoice } from './cells';
import { column, WEEKDAY_CHOICES, type ImportColumn } from './column-model';

const date = { type: 'date' } as const;
const time = { type: 'time' } as const;
const withSite = { requiredWith: ['placement.site.name'] } as const;
const withCredit = { requiredWith: ['paper.credit.hours'] } as const;

/**
 * The statuses a case can be imported in: those a row can carry the records of. `assessed` needs a
 * Litmas, `repeated` and `converted` a referral's outcome, `terminated` a reason and `closed` its
 * berita acara, none of which a row holds; such a case is imported in the status before and moved on
 * in Abdi.
 */
export const IMPORTABLE_STATUSES = CASE_STATUSES.filter((s) =>
  (['received', 'placed', 'active', 'warned', 'referred', 'completed'] as const).some((x) => x === s),
);

/** English as the dashboard's web/messages/en.json `status_*` (a test holds both languages equal). */
const STATUS_EN: Readonly<Record<CaseStatus, string>> = {
  received: 'Received',
  assessed: 'Assessed',
  placed: 'Placed',
  active: 'Active',
  warned: 'Warned',
  referred: 'Referred to the jaksa',
  repeated: 'To be repeated',
  completed: 'Completed',
  converted: 'Converted',
  terminated: 'Terminated',
  closed: 'Closed',
};

const ALIASES: Partial<Record<CaseStatus, readonly string[]>> = { referred: ['Dirujuk', 'Referred'] };

export const STATUS_CHOICES: readonly EnumChoice<CaseStatus>[] = IMPORTABLE_STATUSES.map((value) => ({
  value,
  id: CASE_STATUS_LABELS[value],
  en: STATUS_EN[value],
  ...(ALIASES[value] ? { aliases: ALIASES[value] } : {}),
}));

export const PLACEMENT_COLUMNS: readonly ImportColumn[] = [
  column(
    'assessment.litmas.number',
    ['Nomor Litmas', 'Litmas number'],
    { type: 'text', maxLength: 80 },
    [
      'Nomor Litmas (penelitian kemasyarakatan) yang mendasari penempatan; wajib bila ditempatkan.',
      'The Litmas (social inquiry report) the placement rests on; required when placed.',
    ],
    'W22.PAS.PAS23-PK.01.05-012',
    withSite,
  ),
  column(
    'assessment.litmas.date',
    ['Tanggal Litmas', 'Litmas date'],
    date,
    ['Tanggal Litmas.', 'The date of the Litmas.'],
    '15/01/2026',
    withSite,
  ),
  column(
    'placement.site.partner',
    ['Nomor PKS lokasi', 'Site agreement number'],
    { type: 'text', maxLength: 100 },
    [
      'Nomor PKS mitra pemilik lokasi penempatan.',
      'The agreement number of the partner whose site the client is placed at.',
    ],
    'PKS/01/BAPAS-PLP/I/2026',
    { ...withSite, lookup: true },
  ),
  column(
    'placement.site.name',
    ['Lokasi penempatan', 'Placement site'],
    { type: 'text', maxLength: 200 },
    [
      'Nama lokasi kerja di kantor ini; kosong bila belum ditempatkan.',
      'The name of a work site of this office; empty when not placed yet.',
    ],
    'Masjid Agung Luwu – halaman',
    { lookup: true },
  ),
  column(
    'placement.weekdays',
    ['Hari kerja', 'Weekdays'],
    { type: 'choice-list', choices: WEEKDAY_CHOICES },
    ['Hari kerja di lokasi, dipisah titik koma.', 'The working days at the site, separated by semicolons.'],
    'Senin; Rabu; Jumat',
    withSite,
  ),
  column(
    'placement.startTime',
    ['Jam mulai', 'Start time'],
    time,
    ['Jam mulai setiap hari kerja.', 'When each working day starts.'],
    '08.00',
    withSite,
  ),
  column(
    'placement.endTime',
    ['Jam selesai', 'End time'],
    time,
    ['Jam selesai setiap hari kerja.', 'When each working day ends.'],
    '12.00',
    withSite,
  ),
  column(
    'placement.from',
    ['Penempatan mulai', 'Placement from'],
    date,
    ['Hari pertama penempatan.', 'The placement’s first day.'],
    '19/01/2026',
    withSite,
  ),
  column(
    'placement.until',
    ['Penempatan sampai', 'Placement until'],
    date,
    ['Hari terakhir penempatan (termasuk).', 'The placement’s last day (inclusive).'],
    '17/07/2026',
    withSite,
  ),
];

export const PAPER_COLUMNS: readonly ImportColumn[] = [
  column(
    'paper.credit.hours',
    ['Jam sudah dijalani', 'Hours already served'],
    { type: 'number', options: { min: 0, decimals: 2 } },
    [
      'Jam yang sudah dijalani sebelum Abdi, menurut dokumen kertas; dihitung sekali, tidak melebihi putusan.',
      'Hours served before Abdi, per the paper records; counted once, never more than ordered.',
    ],
    '24',
  ),
  column(
    'paper.credit.documentNumber',
    ['Nomor dokumen jam', 'Hours document number'],
    { type: 'text', maxLength: 100 },
    ['Nomor berita acara atau register jam.', 'The number of the record of the hours.'],
    'BA/015/BAPAS-PLP/II/2026',
    withCredit,
  ),
  column(
    'paper.credit.date',
    ['Tanggal dokumen jam', 'Hours document date'],
    date,
    ['Tanggal dokumen tersebut.', 'The date of that record.'],
    '27/02/2026',
    withCredit,
  ),
  column(
    'paper.credit.signedBy',
    ['Ditandatangani oleh', 'Signed by'],
    { type: 'text', maxLength: 200 },
    ['Nama dan jabatan penanda tangan dokumen.', 'The name and position of who signed it.'],
    'Rahmawati, PK Ahli Pertama',
    withCredit,
  ),
  column(
    'paper.warnings.dates',
    ['Tanggal teguran', 'Warning dates'],
    { type: 'date-list', maxItems: 20 },
    [
      'Tanggal setiap teguran yang sudah diberikan di kertas, dipisah titik koma.',
      'The date of each warning already issued on paper, separated by semicolons.',
    ],
    '02/02/2026; 16/02/2026',
  ),
  column(
    'paper.status',
    ['Status terakhir', 'Status reached'],
    { type: 'choice', choices: STATUS_CHOICES },
    [
      'Status perkara saat dipindahkan; kosong berarti Diterima (atau Ditempatkan bila ada lokasi).',
      'The case’s status when moved in; empty means Received (or Placed with a site).',
    ],
    'Diperingatkan',
  ),
  column(
    'paper.statusDate',
    ['Tanggal status', 'Status date'],
    date,
    [
      'Tanggal status itu tercapai (mis. tanggal rujukan ke jaksa atau selesai).',
      'When that status was reached (e.g. the referral to the jaksa, or completion).',
    ],
    '16/02/2026',
    { requiredWith: ['paper.status'] },
  ),
];
