/**
 * The reports as workbooks (issue 14): an issued monthly report's XLSX, built from the very model its
 * PDF was (so the figures and the number agree), and the Kanwil's regional roll-up, as PDF or XLSX,
 * from the server-side regional summary, every page of it. The roll-up is not a registered document:
 * Abdi keeps registers per Bapas, and a Kanwil's own letters are numbered in its own agenda.
 */
import { officeToday } from '../../domain';
import { buildRegionalRollup, kanwilLetterhead } from '../../domain/documents';
import type { OfficeGrant, RegionGrant } from '../../identity/grant';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { wholeRegionalSummary } from '../summary/regional-summary';
import { rendererOf } from './issue-document';

export type DocumentFile = { readonly bytes: Uint8Array; readonly fileName: string };

/** The workbook of an issued monthly report. Refuses not-found, and conflict for other kinds. */
export async function documentSpreadsheet(
  ports: Pick<Ports, 'documents' | 'documentRenderer'>,
  grant: OfficeGrant,
  documentId: string,
): Promise<DocumentFile> {
  const record = await ports.documents.get(grant.office.id, documentId);
  if (!record) throw refuse.notFound('No such document in this office.');
  if (!record.model) {
    throw refuse.conflict('Only a monthly report has a workbook; other documents are their PDF.', [
      { path: 'documentId', message: `A ${record.kind} has no workbook.` },
    ]);
  }
  return {
    bytes: await rendererOf(ports).spreadsheet(record.model),
    fileName: `${record.number}.xlsx`,
  };
}

/** `SULAWESI SELATAN` → `Sulawesi Selatan`: the region as the roll-up's title names it. */
const titleCase = (text: string) =>
  text.toLowerCase().replace(/(^|\s)\p{L}/gu, (start) => start.toUpperCase());

/**
 * The Kanwil's roll-up of its region's offices for a month. Its letterhead is the Kanwil line its
 * offices print on their own documents (they set it), else the usual one with the region's id.
 */
export async function regionalReport(
  ports: Pick<Ports, 'directory' | 'summary' | 'documentRenderer' | 'now'>,
  grant: RegionGrant,
  input: { readonly month?: string; readonly format: 'pdf' | 'xlsx' },
): Promise<DocumentFile> {
  const renderer = rendererOf(ports);
  // Every page of the region's offices, read here: the roll-up is one file of the whole region.
  const summary = await wholeRegionalSummary(ports, grant, { month: input.month });
  const offices = summary.records;
  const kanwil = offices.find((office) => office.documentSettings)?.documentSettings?.letterhead.kanwil;
  const regionName = kanwil ? titleCase(kanwil.replace(/^.*PEMASYARAKATAN\s+/i, '')) : grant.regionId;
  const asOf = summary.offices
    .map((office) => office.asOf)
    .sort()
    .at(-1);
  const today = offices[0] ? officeToday(offices[0], ports.now()) : ports.now().toISOString().slice(0, 10);
  const model = buildRegionalRollup({
    letterhead: kanwilLetterhead(regionName, kanwil ? { kanwil } : {}),
    regionName,
    month: summary.month,
    asOf: asOf ?? today,
    generatedOn: today,
    offices: summary.offices,
    totals: summary.totals,
  });
  const fileName = `rekap-${grant.regionId}-${summary.month}.${input.format}`;
  const bytes =
    input.format === 'pdf' ? (await renderer.render(model)).bytes : await renderer.spreadsheet(model);
  return { bytes, fileName };
}
