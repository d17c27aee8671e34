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
import {
  DEFAULT_PARENT_LINES,
  pageLabelOf,
  type DocumentBlock,
  type OfficialDocument,
  type Signer,
} from '../domain/documents';
import { contentFingerprint } from './fingerprint';
import { chartOf } from './pdf-chart';
import {
  compactVerification,
  qrTableOf,
  rowQrCodes,
  verificationBand,
  verificationOfDocument,
  type QrCodes,
} from './pdf-qr';
import { BODY_SIZE, contentWidthOf, gridLines, marginsOf, noBorders, TABLE_SIZE } from './pdf-style';

export interface RenderOptions {
  /**
   * The folder holding Roboto-{Regular,Medium,Italic,MediumItalic}.ttf. Defaults to pdfmake's own
   * `fonts/Roboto`; a bundled function passes the folder its build copied them to.
   */
  readonly fontDir?: string;
  /** Marks every page DRAF (a preview: unnumbered, never stored). */
  readonly draft?: boolean;
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

function letterheadOf(document: OfficialDocument): Content[] {
  const head = document.letterhead;
  const parents = head.parentLines ?? DEFAULT_PARENT_LINES;
  // An office's kop has the Kanwil above the office's name; a Kanwil's own has its line as the main one.
  const office = 'officeName' in head ? head.officeName : undefined;
  const main = (text: string, fontSize: number): Content => ({
    text,
    fontSize,
    bold: true,
    margin: [0, 1, 0, 2],
  });
  return [
    {
      stack: [
        ...parents.map((line) => ({ text: line.toUpperCase(), fontSize: 11, bold: true })),
        ...(office
          ? [{ text: head.kanwil.toUpperCase(), fontSize: 11, bold: true }, main(office.toUpperCase(), 14)]
          : [main(head.kanwil.toUpperCase(), 13)]),
        ...(head.address ? [{ text: head.address, fontSize: 9 }] : []),
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
      // A document no register records (the Kanwil's roll-up) has no number line.
      ...(document.number
        ? [{ text: `Nomor: ${document.number}`, fontSize: BODY_SIZE, margin: [0, 3, 0, 0] }]
        : []),
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

function blockOf(block: DocumentBlock, qr: QrCodes, width: number): Content {
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
    case 'chart':
      return chartOf(block, width);
  }
}

/**
 * The signatures and the QR code, which close a registered document together (never a signature alone
 * on a page). Takes the signature block off the end of `body` when it is there. A document no register
 * records has no QR code: its signatures (if any) stay where they are.
 */
async function closingOf(
  document: OfficialDocument,
  body: Content[],
  fingerprint: string,
): Promise<Content[]> {
  const verification = verificationOfDocument(document);
  if (!verification) return [];
  const lastBlock = document.blocks.at(-1);
  const last = lastBlock?.type === 'signatures' ? body.pop() : undefined;
  if (lastBlock?.type === 'signatures' && lastBlock.signers.length === 1) {
    // A letter with one signer keeps the QR code in the empty left half beside the signature, as
    // letters signed electronically do: a second band below would push a one-page letter onto two.
    return [
      {
        columns: [
          { width: '*', stack: [await compactVerification(verification, fingerprint)] },
          { width: '*', stack: [signaturesOf(lastBlock.signers, true)] },
        ],
        columnGap: 24,
        unbreakable: true,
      },
    ];
  }
  return [
    {
      stack: [...(last ? [last] : []), await verificationBand(verification, fingerprint)],
      unbreakable: true,
    },
  ];
}

/** The pdfmake definition of a document (exported for tests that inspect the layout, not the bytes). */
export async function definitionOf(document: OfficialDocument): Promise<TDocumentDefinitions> {
  const fingerprint = contentFingerprint(document);
  const qr = await rowQrCodes(document.blocks);
  const body = document.blocks.map((block) => blockOf(block, qr, contentWidthOf(document)));
  const closing = await closingOf(document, body, fingerprint);
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
    content: [...letterheadOf(document), titleOf(document), ...body, ...closing],
    pageBreakBefore: keepWithNext,
    footer: (page: number, pages: number): Content => ({
      columns: [
        // Unnumbered, the title says which document a loose page belongs to.
        { text: document.number ? `Nomor: ${document.number}` : document.metadata.title, alignment: 'left' },
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
  // A preview says so across every page, so a printed draft is never taken for the issued paper.
  if (options.draft) definition.watermark = { text: 'DRAF', opacity: 0.12, bold: true, angle: -45 };
  let pages = 0;
  const footer = definition.footer as (page: number, count: number) => Content;
  definition.footer = (page: number, count: number) => {
    pages = count;
    return footer(page, count);
  };
  const bytes = await pdfMake.createPdf(definition).getBuffer();
  return { bytes, contentSha256: contentFingerprint(document), pages };
}
