/**
 * The content of an official document as plain data (issue 14): what a Bapas letter says, in the order
 * it says it, with every date, number and label already written in Bahasa Indonesia. Each kind of
 * document has a pure builder (completion-record.ts is the first); one renderer at the edge
 * (functions/documents/render-pdf.ts) lays any of them out on A4. So the wording is tested without a
 * PDF, and the layout once for every kind.
 */
import type { LocalDate } from '../calendar';
import type { DocumentKind } from './document-number';

/**
 * The kop surat of a Kanwil writing as itself (the regional roll-up): the ministry lines and the Kanwil
 * line (which names its region) as the main line; no office under it. Abdi may not know a Kanwil's
 * address, so the lines under it are optional here.
 */
export interface KanwilLetterhead {
  /** The lines above the Kanwil, largest first (DEFAULT_PARENT_LINES unless the office sets its own). */
  readonly parentLines?: readonly string[];
  /** e.g. `KANTOR WILAYAH DIREKTORAT JENDERAL PEMASYARAKATAN SULAWESI SELATAN`. */
  readonly kanwil: string;
  readonly address?: string;
  /** Telephone, email, website: one line, optional. */
  readonly contact?: string;
  readonly city?: string;
}

/**
 * The kop surat from the office's settings: the ministry and directorate lines, the Kanwil, the office
 * and its address, set in capitals and centred above a double rule, as Pemasyarakatan letters are.
 */
export interface Letterhead extends KanwilLetterhead {
  /** e.g. `Balai Pemasyarakatan Kelas II Palopo` (printed in capitals). */
  readonly officeName: string;
  readonly address: string;
  /** Where the office signs, for "Palopo, 5 Desember 2026". */
  readonly city: string;
}

/** The ministry lines of a letterhead whose office set none (Pemasyarakatan's ministry since 2024). */
export const DEFAULT_PARENT_LINES: readonly string[] = [
  'KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA',
];

export interface FieldRow {
  readonly label: string;
  readonly value: string;
}

export interface TableColumn {
  readonly title: string;
  /** A width in points, or `fill` for the column that takes what is left. */
  readonly width: number | 'fill';
  readonly align?: 'left' | 'center' | 'right';
}

export interface Signer {
  /** The line above the role, e.g. `Mengetahui,` or `Palopo, 5 Desember 2026`. */
  readonly above: string;
  /** e.g. `Pembimbing Kemasyarakatan`. */
  readonly role: string;
  readonly name: string;
  /** The civil servant's NIP, printed `NIP. …` under the name when known. */
  readonly nip?: string;
}

/** One series of a bar chart: a value per category, and each value as the chart prints it. */
export interface ChartSeries {
  /** The legend's words (shown when a chart has more than one series). */
  readonly name: string;
  readonly values: readonly number[];
  /** The values written the Indonesian way (`12,5`), printed at the end of each bar. */
  readonly labels: readonly string[];
}

/**
 * A bar chart as data, drawn as SVG at the edge (functions/documents/chart-svg.ts) for the PDF and as a
 * PNG of the same SVG for a spreadsheet. `horizontal` is the dashboard's cases-by-status chart (a bar
 * per category, labels on the left); `vertical` its hours-per-week chart (a column per category).
 */
export interface ChartBlock {
  readonly type: 'chart';
  readonly title: string;
  readonly orientation: 'horizontal' | 'vertical';
  readonly categories: readonly string[];
  /** One or more series, each with a value per category; several are drawn side by side. */
  readonly series: readonly ChartSeries[];
  /** What the values count, under the chart: `Jam diakui (jam)`. */
  readonly axisLabel: string;
}

/** One part of a document's body, laid out top to bottom. */
export type DocumentBlock =
  | { readonly type: 'paragraph'; readonly text: string }
  | { readonly type: 'heading'; readonly text: string }
  | { readonly type: 'fields'; readonly rows: readonly FieldRow[] }
  | {
      readonly type: 'table';
      readonly columns: readonly TableColumn[];
      /** Rows of text; the header row repeats on every page the table runs onto. */
      readonly rows: readonly (readonly string[])[];
    }
  | { readonly type: 'signatures'; readonly signers: readonly Signer[] }
  | {
      readonly type: 'qrTable';
      /** The text columns; the QR code is one more column, last, titled `qrTitle`. */
      readonly columns: readonly TableColumn[];
      readonly qrTitle: string;
      /**
       * One row per line of a form: its cells (empty ones are left to be filled by hand, so the rows
       * are tall enough to sign in) and the URL its QR code opens.
       */
      readonly rows: readonly QrTableRow[];
    }
  | ChartBlock;

/** A row of a `qrTable`: text cells in the order of the columns, and the URL its QR code opens. */
export interface QrTableRow {
  readonly cells: readonly string[];
  readonly url: string;
  /** Shaded grey: a row printed for reference that is not to be filled in (a day already recorded). */
  readonly muted?: boolean;
}

export interface OfficialDocument {
  /** `subject_export`: a subject's copy of their data (issue 17), laid out like a letter, never registered. */
  readonly kind: DocumentKind | 'subject_export';
  /** An office's kop surat, or a Kanwil's for a document it makes as itself (the regional roll-up). */
  readonly letterhead: Letterhead | KanwilLetterhead;
  readonly title: string;
  readonly subtitle?: string;
  /**
   * The register number (document-number.ts), printed under the title and beside the QR code. Absent
   * for a document no register records (a Kanwil's roll-up: Abdi keeps registers per Bapas only), which
   * then prints no number line.
   */
  readonly number?: string;
  readonly issuedOn: LocalDate;
  /** A4 upright unless the document says otherwise: a form with many columns is printed landscape. */
  readonly orientation?: 'portrait' | 'landscape';
  readonly blocks: readonly DocumentBlock[];
  /**
   * The verification page the QR code opens; it shows number, hash, status and the client's initials.
   * Absent with the number: an unregistered document has no record to verify, and prints no QR code.
   */
  readonly verificationUrl?: string;
  /** The words beside the QR code, before the number and the short hash. */
  readonly verificationCaption?: string;
  /** Page numbers: `Halaman {page} dari {pages}`. */
  readonly pageLabel: string;
  /** The PDF's Title, Subject and Author (no personal data: the file's properties travel further). */
  readonly metadata: { readonly title: string; readonly subject: string; readonly author: string };
}

/** A document from an office's register: numbered, with the QR code of its verification page. */
export type RegisteredDocument = OfficialDocument & {
  readonly number: string;
  readonly verificationUrl: string;
  readonly verificationCaption: string;
};

/** `Halaman {page} dari {pages}` filled in; the renderer calls it for every page. */
export const pageLabelOf = (template: string, page: number, pages: number): string =>
  template.replace('{page}', String(page)).replace('{pages}', String(pages));

/**
 * A client's initials, the only personal data the public verification page shows (issue 14):
 * `Muhammad Rizal Saputra` → `M.R.S.`; `Andi Baso' Pallawa` → `A.B.P.`.
 */
export const initialsOf = (name: string): string =>
  name
    .split(/[\s-]+/)
    .map((word) => /\p{L}/u.exec(word)?.[0])
    .filter((letter): letter is string => letter !== undefined)
    .map((letter) => `${letter.toUpperCase()}.`)
    .join('');
