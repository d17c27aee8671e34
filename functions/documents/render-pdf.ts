/**
 * Lays an official document (domain/documents) out as an A4 PDF with pdfmake (ADR 0015): the kop surat,
 * the title and number, the body blocks, the signature blocks with the QR code that opens the
 * verification page, and "Halaman 1 dari 3" on every page.
 *
 * Deterministic: the same model gives the same bytes. pdfkit would stamp the current time as the
 * creation date and derive the file ID from it; both are fixed to the issue date here, and the QR code
 * is vector SVG, so nothing else varies. That is what lets a re-download be byte-identical to the copy
 * stored under Object Lock, and the content fingerprint on the paper stand for the file.
 *
 * Fonts are Roboto from the pdfmake package, read from disk; no URL is ever fetched and no other file
 * is read (both access policies say so), so a document cannot pull anything in from outside.
 */
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import pdfMake from 'pdfmake';
import type { Content, Node, NodeQueries, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import QRCode from 'qrcode';
import {
  DEFAULT_PARENT_LINES,
  pageLabelOf,
  type DocumentBlock,
  type OfficialDocument,
  type Signer,
} from '../domain/documents';
import { contentFingerprint, shortFingerprint } from './fingerprint';

export interface RenderOptions {
  /**
   * The folder holding Roboto-{Regular,Medium,Italic,MediumItalic}.ttf. Defaults to pdfmake's own
   * `fonts/Roboto`; a bundled function passes the folder its build copied them to.
   */
  readonly fontDir?: string;
}

export interface RenderedDocument {
  readonly bytes: Buffer;
  /** SHA-256 (hex) of the model's canonical JSON; its first 16 digits are printed beside the QR code. */
  readonly contentSha256: string;
  readonly pages: number;
}

const FONT_FILES = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
} as const;

const defaultFontDir = () =>
  join(dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')), 'fonts', 'Roboto');

/** A4 with margins of about 2 cm (points: left, top, right, bottom); the footer sits in the bottom one. */
const PAGE_MARGINS: [number, number, number, number] = [57, 45, 57, 56];
/** Landscape forms keep about 1.4 cm at the sides: the columns to write in need the width. */
const LANDSCAPE_MARGINS: [number, number, number, number] = [40, 36, 40, 50];
const A4_WIDTH = 595.28;
const A4_HEIGHT = 841.89;
/** The side of a row's QR code on a form: big enough for a phone camera at arm's length, printed. */
const ROW_QR_SIZE = 44;
/** The grey of a form row not to be filled in: light enough to photocopy as white, dark enough to see. */
const MUTED_FILL = '#eeeeee';

const marginsOf = (document: OfficialDocument) =>
  document.orientation === 'landscape' ? LANDSCAPE_MARGINS : PAGE_MARGINS;
const contentWidthOf = (document: OfficialDocument) => {
  const margins = marginsOf(document);
  return (document.orientation === 'landscape' ? A4_HEIGHT : A4_WIDTH) - margins[0] - margins[2];
};
const BODY_SIZE = 10.5;
const TABLE_SIZE = 9;

function letterheadOf(document: OfficialDocument): Content[] {
  const head = document.letterhead;
  const parents = head.parentLines ?? DEFAULT_PARENT_LINES;
  return [
    {
      stack: [
        ...parents.map((line) => ({ text: line.toUpperCase(), fontSize: 11, bold: true })),
        { text: head.kanwil.toUpperCase(), fontSize: 11, bold: true },
        { text: head.officeName.toUpperCase(), fontSize: 14, bold: true, margin: [0, 1, 0, 2] },
        { text: head.address, fontSize: 9 },
        ...(head.contact ? [{ text: head.contact, fontSize: 9 }] : []),
      ],
      alignment: 'center',
      lineHeight: 1.1,
    },
    {
      canvas: [
        { type: 'line', x1: 0, y1: 5, x2: contentWidthOf(document), y2: 5, lineWidth: 2 },
        { type: 'line', x1: 0, y1: 8, x2: contentWidthOf(document), y2: 8, lineWidth: 0.6 },
      ],
      margin: [0, 0, 0, 14],
    },
  ];
}

function titleOf(document: OfficialDocument): Content {
  return {
    stack: [
      { text: document.title, fontSize: 13, bold: true, decoration: 'underline' },
      ...(document.subtitle
        ? [{ text: document.subtitle, fontSize: 11, bold: true, margin: [0, 2, 0, 0] }]
        : []),
      { text: `Nomor: ${document.number}`, fontSize: BODY_SIZE, margin: [0, 3, 0, 0] },
    ],
    alignment: 'center',
    margin: [0, 0, 0, 14],
  } as Content;
}

/** The mark (pdfmake's headlineLevel) of a heading, read by `keepWithNext`. */
const KEEP_WITH_NEXT = 1;

/**
 * No heading ends a page alone: at least a header and a first row of a table (12 cells), or four rows
 * of fields, must follow it on the page, or it moves to the next. (Only top-level blocks are moved:
 * pdfmake breaks a table cell, not its row, so rows are never marked.)
 */
const keepWithNext = (node: Node, queries: NodeQueries): boolean =>
  node.headlineLevel === KEEP_WITH_NEXT && queries.getFollowingNodesOnPage().length < 12;

/**
 * Words kept on one line: a `/` or a no-break space (numbers), and a hyphen between letters, where
 * pdfmake would break `Al-Ikhlas` and, in a justified paragraph, widen the break into a gap (`Al- Ikhlas`).
 */
const KEEP_WHOLE = /[/\u00a0]|\p{L}-\p{L}/u;

/**
 * Text as pdfmake inlines, with every word KEEP_WHOLE matches set `noWrap`: pdfmake would otherwise
 * break `231/Pid.B/2026/PN Plp` after a slash, and a number split over two lines is misread and mistyped.
 */
function unbreakableNumbers(text: string): Content {
  if (!KEEP_WHOLE.test(text)) return text;
  return {
    text: text.split(/( )/).map((word) => (KEEP_WHOLE.test(word) ? { text: word, noWrap: true } : word)),
  };
}

const noBorders = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: () => 0,
  paddingRight: () => 4,
  paddingTop: () => 1.5,
  paddingBottom: () => 1.5,
};

const gridLines = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#555555',
  vLineColor: () => '#555555',
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 2.5,
  paddingBottom: () => 2.5,
  fillColor: (row: number) => (row === 0 ? '#e6e6e6' : null),
};

function signaturesOf(signers: readonly Signer[], inHalfColumn = false): Content {
  const blocks = signers.map((signer) => ({
    width: '*',
    alignment: 'center',
    stack: [
      { text: signer.above },
      { text: `${signer.role},`, margin: [0, 0, 0, 58] },
      { text: signer.name, bold: true, decoration: 'underline' },
      ...(signer.nip ? [{ text: `NIP. ${signer.nip}` }] : []),
    ],
  }));
  return {
    // One signer signs on the right half, as a letter's sender does; the left stays empty.
    columns: blocks.length === 1 && !inHalfColumn ? [{ width: '*', text: '' }, ...blocks] : blocks,
    columnGap: 24,
    margin: [0, 18, 0, 0],
  } as Content;
}

/** Row QR codes as SVG, by URL: made before the layout, which is synchronous. */
type QrCodes = ReadonlyMap<string, string>;

const qrSvg = (url: string, quietModules = 0): Promise<string> =>
  QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: quietModules });

async function rowQrCodes(blocks: readonly DocumentBlock[]): Promise<QrCodes> {
  const urls = [...new Set(blocks.flatMap((b) => (b.type === 'qrTable' ? b.rows.map((r) => r.url) : [])))];
  // Two modules of white round each row's code: the table's rules sit close and a scanner needs a margin.
  return new Map(await Promise.all(urls.map(async (url) => [url, await qrSvg(url, 2)] as const)));
}

/** A form's table: text columns, then each row's QR code; rows tall enough to sign in, never split. */
function qrTableOf(block: Extract<DocumentBlock, { type: 'qrTable' }>, qr: QrCodes): Content {
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

function blockOf(block: DocumentBlock, qr: QrCodes): Content {
  switch (block.type) {
    case 'paragraph':
      return {
        text: [unbreakableNumbers(block.text)],
        alignment: 'justify',
        margin: [0, 0, 0, 10],
      } as Content;
    case 'heading':
      return {
        text: block.text,
        bold: true,
        fontSize: 11,
        margin: [0, 6, 0, 6],
        headlineLevel: KEEP_WITH_NEXT,
      };
    case 'fields':
      return {
        table: {
          widths: [175, 8, '*'],
          body: block.rows.map((row) => [row.label, ':', unbreakableNumbers(row.value)]),
        },
        layout: noBorders,
        margin: [12, 0, 0, 12],
      };
    case 'table': {
      const align = block.columns.map((c) => c.align ?? 'left');
      const row = (cells: readonly string[]): TableCell[] =>
        cells.map((text, i) => ({ text, alignment: align[i] }));
      return {
        table: {
          headerRows: 1,
          keepWithHeaderRows: 1,
          dontBreakRows: true,
          widths: block.columns.map((c) => (c.width === 'fill' ? '*' : c.width)),
          body: [
            block.columns.map((c, i) => ({ text: c.title, bold: true, alignment: align[i] })),
            ...block.rows.map(row),
          ],
        },
        layout: gridLines,
        fontSize: TABLE_SIZE,
        margin: [0, 0, 0, 12],
      };
    }
    case 'signatures':
      return signaturesOf(block.signers);
    case 'qrTable':
      return qrTableOf(block, qr);
  }
}

async function verificationOf(document: OfficialDocument, fingerprint: string): Promise<Content> {
  const svg = await QRCode.toString(document.verificationUrl, {
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
          { text: document.verificationCaption, bold: true },
          { text: `Nomor: ${document.number}` },
          { text: `Sidik dokumen (SHA-256): ${shortFingerprint(fingerprint)}` },
          { text: document.verificationUrl, color: '#333333' },
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
async function compactVerificationOf(document: OfficialDocument, fingerprint: string): Promise<Content> {
  return {
    stack: [
      { svg: await qrSvg(document.verificationUrl), width: 72, height: 72, margin: [0, 0, 0, 4] },
      { text: document.verificationCaption, bold: true },
      { text: `Sidik dokumen (SHA-256): ${shortFingerprint(fingerprint)}` },
      { text: document.verificationUrl, color: '#333333' },
    ],
    fontSize: 7.5,
    margin: [0, 30, 0, 0],
  } as Content;
}

/** The pdfmake definition of a document (exported for tests that inspect the layout, not the bytes). */
export async function definitionOf(document: OfficialDocument): Promise<TDocumentDefinitions> {
  const fingerprint = contentFingerprint(document);
  const qr = await rowQrCodes(document.blocks);
  const body = document.blocks.map((block) => blockOf(block, qr));
  // The signatures and the QR code close the document together: never a signature alone on a page.
  const lastBlock = document.blocks.at(-1);
  const last = lastBlock?.type === 'signatures' ? body.pop() : undefined;
  const closing: Content =
    lastBlock?.type === 'signatures' && lastBlock.signers.length === 1
      ? // A letter with one signer keeps the QR code in the empty left half beside the signature, as
        // letters signed electronically do: a second band below would push a one-page letter onto two.
        {
          columns: [
            { width: '*', stack: [await compactVerificationOf(document, fingerprint)] },
            { width: '*', stack: [signaturesOf(lastBlock.signers, true)] },
          ],
          columnGap: 24,
          unbreakable: true,
        }
      : { stack: [...(last ? [last] : []), await verificationOf(document, fingerprint)], unbreakable: true };
  const issued = new Date(`${document.issuedOn}T00:00:00Z`);
  return {
    pageSize: 'A4',
    pageOrientation: document.orientation ?? 'portrait',
    pageMargins: marginsOf(document),
    language: 'id-ID',
    info: {
      ...document.metadata,
      creator: 'Abdi',
      producer: 'Abdi (pdfmake)',
      creationDate: issued,
      modDate: issued,
    },
    defaultStyle: { font: 'Roboto', fontSize: BODY_SIZE, lineHeight: 1.15 },
    content: [...letterheadOf(document), titleOf(document), ...body, closing],
    pageBreakBefore: keepWithNext,
    footer: (page: number, pages: number): Content => ({
      columns: [
        { text: `Nomor: ${document.number}`, alignment: 'left' },
        { text: pageLabelOf(document.pageLabel, page, pages), alignment: 'right' },
      ],
      fontSize: 8,
      color: '#444444',
      margin: [marginsOf(document)[0], 22, marginsOf(document)[2], 0],
    }),
  };
}

/**
 * The PDF of a document.
 *
 * @example const { bytes, contentSha256 } = await renderPdf(buildCompletionRecord(input).value)
 */
export async function renderPdf(
  document: OfficialDocument,
  options: RenderOptions = {},
): Promise<RenderedDocument> {
  const fontDir = resolve(options.fontDir ?? defaultFontDir());
  const fontPaths = Object.fromEntries(
    Object.entries(FONT_FILES).map(([style, file]) => [style, join(fontDir, file)]),
  ) as Record<keyof typeof FONT_FILES, string>;
  const allowed = new Set(Object.values(fontPaths));
  pdfMake.setFonts({ Roboto: { ...fontPaths } });
  pdfMake.setUrlAccessPolicy(() => false);
  pdfMake.setLocalAccessPolicy((path) => allowed.has(resolve(path)));
  const definition = await definitionOf(document);
  let pages = 0;
  const footer = definition.footer as (page: number, count: number) => Content;
  definition.footer = (page: number, count: number) => {
    pages = count;
    return footer(page, count);
  };
  const bytes = await pdfMake.createPdf(definition).getBuffer();
  return { bytes, contentSha256: contentFingerprint(document), pages };
}
