/**
 * Spreadsheet files for the import's tests (issue 22): a cases row as an office would fill it (in the
 * template's Indonesian headers and formats), and a file of such rows as CSV bytes or an XLSX workbook.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import {
  IMPORT_COLUMNS,
  PARTNER_KIND_CHOICES,
  SANCTION_CHOICES,
  SENTENCE_KIND_CHOICES,
  type ImportKind,
} from '../../functions/domain/imports';
import type { apiCaller } from './api';

type Call = ReturnType<typeof apiCaller>;

/** Values by column key, as typed into the cells. */
export type RowCells = Record<string, string | number | Date | null>;

const label = <T extends { value: string; id: string }>(choices: readonly T[], value: string) =>
  choices.find((c) => c.value === value)!.id;

/** A lawful adult kerja sosial case, placed at `site`, with 12 hours served on paper. */
export function caseRow(
  nikSerial: number,
  officer: string,
  site: { agreement: string; name: string },
): RowCells {
  return {
    'client.nik': `73730115019${String(nikSerial).padStart(5, '0')}`,
    'client.fullName': `Klien Impor ${nikSerial}`,
    'client.birthDate': '15/01/1990',
    'client.sex': 'Laki-laki',
    'client.address': 'Jl. Ahmad Yani, Kota Palopo',
    'case.officerUsername': officer,
    'case.prosecutor.name': 'Rahmawati Said',
    'case.prosecutor.office': 'Kejaksaan Negeri Palopo',
    'case.decision.number': `${nikSerial}/Pid.B/2026/PN Plp`,
    'case.decision.court': 'PN Palopo',
    'case.decision.date': '20/02/2026',
    'case.decision.offenceArticles': 'Pasal 476 KUHP',
    'case.decision.threatenedMaxMonths': 48,
    'case.decision.imposed.prisonMonths': 3,
    'case.decision.nonComplianceSanction': label(SANCTION_CHOICES, 'serve_prison'),
    'case.sentence.kind': label(SENTENCE_KIND_CHOICES, 'kerja_sosial'),
    'case.sentence.hours': 40,
    'case.sentence.maxHoursPerDay': 4,
    'case.sentence.startDate': '01/03/2026',
    'case.sentence.deadline': '30/06/2026',
    'case.consent.given': 'Ya',
    'case.consent.recordedOn': '25/02/2026',
    'assessment.litmas.number': `LITMAS-${nikSerial}`,
    'assessment.litmas.date': '26/02/2026',
    'placement.site.partner': site.agreement,
    'placement.site.name': site.name,
    'placement.weekdays': 'Senin; Rabu',
    'placement.startTime': '08.00',
    'placement.endTime': '12.00',
    'placement.from': '02/03/2026',
    'placement.until': '30/06/2026',
    'paper.credit.hours': 12,
    'paper.credit.documentNumber': `BA/${nikSerial}/BAPAS-PLP/2026`,
    'paper.credit.date': '27/03/2026',
    'paper.credit.signedBy': 'Rahmawati, PK Ahli Pertama',
  };
}

/** A government partner with a PKS valid 2026–2028, as a partners file names it. */
export function partnerRow(agreementNumber: string, name = `Kelurahan ${agreementNumber}`): RowCells {
  return {
    'partner.agreement.number': agreementNumber,
    'partner.name': name,
    'partner.kind': label(PARTNER_KIND_CHOICES, 'government'),
    'partner.nonCommercial': 'Ya',
    'partner.contact.name': 'Bagian Hukum Setda',
    'partner.contact.phone': '0471 000 0001',
    'partner.agreement.signedOn': '12/01/2026',
    'partner.agreement.validFrom': '12/01/2026',
    'partner.agreement.validUntil': '11/01/2028',
  };
}

const headersOf = (kind: ImportKind, rows: readonly RowCells[]) =>
  IMPORT_COLUMNS[kind].filter((c) => rows.some((r) => c.key in r));

const csvField = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",;\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The rows as a CSV in the template's Indonesian headers, `;`-separated as Indonesian Excel saves it. */
export function csvOf(kind: ImportKind, rows: readonly RowCells[], options: { bom?: boolean } = {}): string {
  const columns = headersOf(kind, rows);
  const lines = [
    columns.map((c) => csvField(c.header.id)).join(';'),
    ...rows.map((r) => columns.map((c) => csvField(r[c.key])).join(';')),
  ];
  return `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}

/** The rows as an XLSX workbook: text cells stay text, numbers and Dates stay what they are. */
export async function xlsxOf(kind: ImportKind, rows: readonly RowCells[]): Promise<Buffer> {
  const columns = headersOf(kind, rows);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Data');
  sheet.addRow(columns.map((c) => c.header.id));
  for (const row of rows) sheet.addRow(columns.map((c) => row[c.key] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Creates an import through the API and PUTs the bytes to the presigned URL, as the dashboard does.
 * Returns the import's id and the answer to the creation.
 */
export async function uploadImport(
  call: Call,
  office: string,
  claims: Record<string, unknown>,
  kind: ImportKind,
  bytes: Uint8Array,
  fileName: string,
) {
  const contentType = fileName.endsWith('.csv')
    ? 'text/csv'
    : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const created = await call('POST', `${office}/imports`, {
    claims,
    headers: { 'idempotency-key': `imp-${sha256(bytes).slice(0, 16)}-${Math.random()}` },
    body: { kind, fileName, contentType, sizeBytes: bytes.byteLength, sha256: sha256(bytes) },
  });
  if (created.status !== 201)
    throw new Error(`create import: ${created.status} ${JSON.stringify(created.body)}`);
  const { url, headers } = created.body.upload as { url: string; headers: Record<string, string> };
  const put = await fetch(url, { method: 'PUT', headers, body: new Blob([new Uint8Array(bytes)]) });
  if (!put.ok) throw new Error(`upload: ${put.status} ${await put.text()}`);
  return { importId: created.body.id as string, created };
}
