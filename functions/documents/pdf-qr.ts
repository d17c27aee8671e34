/**
 * The QR codes of a document's PDF (render-pdf.ts): the verification band that closes a registered
 * document (its QR code, number and content fingerprint), and the form table with a QR code per row
 * (the daftar hadir). Codes are vector SVG from `qrcode`, so they add nothing that varies between renders.
 */
import type { Content, TableCell } from 'pdfmake/interfaces';
import QRCode from 'qrcode';
import type { DocumentBlock, OfficialDocument } from '../domain/documents';
import { shortFingerprint } from './fingerprint';
import { gridLines, TABLE_SIZE } from './pdf-style';

/** The side of a row's QR code on a form: big enough for a phone camera at arm's length, printed. */
const ROW_QR_SIZE = 44;
/** The grey of a form row not to be filled in: light enough to photocopy as white, dark enough to see. */
const MUTED_FILL = '#eeeeee';

/** Row QR codes as SVG, by URL: made before the layout, which is synchronous. */
export type QrCodes = ReadonlyMap<string, string>;

export const qrSvg = (url: string, quietModules = 0): Promise<string> =>
  QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: quietModules });

export async function rowQrCodes(blocks: readonly DocumentBlock[]): Promise<QrCodes> {
  const urls = [...new Set(blocks.flatMap((b) => (b.type === 'qrTable' ? b.rows.map((r) => r.url) : [])))];
  // Two modules of white round each row's code: the table's rules sit close and a scanner needs a margin.
  return new Map(await Promise.all(urls.map(async (url) => [url, await qrSvg(url, 2)] as const)));
}

/** A form's table: text columns, then each row's QR code; rows tall enough to sign in, never split. */
export function qrTableOf(block: Extract<DocumentBlock, { type: 'qrTable' }>, qr: QrCodes): Content {
  const align = block.columns.map((c) => c.align ?? 'left');
  return {
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths: [...block.columns.map((c) => (c.width === 'fill' ? '*' : c.width)), ROW_QR_SIZE],
      body: [
        [
          ...block.columns.map((c, i) => ({ text: c.title, bold: true, alignment: align[i] })),
          { text: block.qrTitle, bold: true, alignment: 'center' },
        ],
        ...block.rows.map((row): TableCell[] => [
          // Text sits level with the middle of the QR code (pdfmake has no vertical alignment in cells).
          ...row.cells.map((text, i): TableCell => ({
            text,
            alignment: align[i],
            margin: [0, 16, 0, 0] as const,
            ...(row.muted ? { fillColor: MUTED_FILL } : {}),
          })),
          { svg: qr.get(row.url) ?? '', width: ROW_QR_SIZE, height: ROW_QR_SIZE },
        ]),
      ],
    },
    layout: { ...gridLines, paddingTop: () => 3, paddingBottom: () => 3 },
    fontSize: TABLE_SIZE,
    margin: [0, 0, 0, 12],
  } as Content;
}

/** What the verification band prints: a registered document's URL, caption and number. */
export interface Verification {
  readonly url: string;
  readonly caption: string;
  readonly number: string;
}

/** The verification of a document from a register, or undefined for one no register records. */
export const verificationOfDocument = (document: OfficialDocument): Verification | undefined =>
  document.verificationUrl && document.number
    ? {
        url: document.verificationUrl,
        caption: document.verificationCaption ?? '',
        number: document.number,
      }
    : undefined;

/** The QR code with the number and fingerprint beside it: a band under the signatures. */
export async function verificationBand(verification: Verification, fingerprint: string): Promise<Content> {
  const svg = await QRCode.toString(verification.url, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 0,
  });
  return {
    columns: [
      { svg, width: 78, height: 78 },
      {
        width: '*',
        stack: [
          { text: verification.caption, bold: true },
          { text: `Nomor: ${verification.number}` },
          { text: `Sidik dokumen (SHA-256): ${shortFingerprint(fingerprint)}` },
          { text: verification.url, color: '#333333' },
        ],
        fontSize: 8.5,
        margin: [0, 8, 0, 0],
      },
    ],
    columnGap: 10,
    margin: [0, 24, 0, 0],
  } as Content;
}

/** The QR code with its caption under it, for the left half beside a single signature. */
export async function compactVerification(verification: Verification, fingerprint: string): Promise<Content> {
  return {
    stack: [
      { svg: await qrSvg(verification.url), width: 72, height: 72, margin: [0, 0, 0, 4] },
      { text: verification.caption, bold: true },
      { text: `Sidik dokumen (SHA-256): ${shortFingerprint(fingerprint)}` },
      { text: verification.url, color: '#333333' },
    ],
    fontSize: 7.5,
    margin: [0, 30, 0, 0],
  } as Content;
}
