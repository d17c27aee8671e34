/**
 * The natural keys that make an import idempotent (issue 22): a client by NIK, a case by court and
 * decision number, a partner by agreement number, a site by partner and name. Importing a file twice
 * finds every row's key already there and creates nothing; a key twice in one file is an error on its
 * later row (IMPORT-DUPLICATE), so which row wins is never a question.
 *
 * Keys compare text the way people mean it: Unicode NFC (an `é` typed as one character or as `e` and a
 * combining accent is one letter), letter case and runs of spaces ignored, ends trimmed. A decision
 * number is compared in its canonical spelling (domain/decision-number.ts), so `231/pid.b/2026/PN MKS`
 * and `231/Pid.B/2026/PN Mks` are one case.
 *
 * A client's key holds the NIK: personal data. A job that keeps keys (a checkpoint, a report) keeps them
 * hashed, as the store keeps its NIK guard (store/client-store.ts `nikHash`), never in a log.
 */
import { formatDecisionNumber, parseDecisionNumber } from '../decision-number';
import { Rule } from '../rules';
import type { Column, RowError } from './cells';

export type NaturalKeyKind = 'client' | 'case' | 'partner' | 'site';

export interface NaturalKey {
  readonly kind: NaturalKeyKind;
  /** The folded parts, joined by a character no folded text holds. */
  readonly value: string;
}

/** NFC, lower case, spaces collapsed and trimmed. */
export const foldKeyText = (text: string): string =>
  text.normalize('NFC').toLowerCase().normalize('NFC').replace(/\s+/g, ' ').trim();

/** The unit separator (U+001F): it cannot be typed into a cell, so no two parts run into one another. */
const SEPARATOR = '\u001f';
const key = (kind: NaturalKeyKind, ...parts: string[]): NaturalKey => ({
  kind,
  value: parts.map(foldKeyText).join(SEPARATOR),
});

/** A client by NIK (16 digits as readNik returns them). */
export const clientKey = (nik: string): NaturalKey => key('client', nik);

/** A court's name as offices write it in full or short: "Pengadilan Negeri Palopo" is "PN Palopo". */
const COURT_ABBREVIATIONS: readonly (readonly [RegExp, string])[] = [
  [/^pengadilan\s+negeri\b/i, 'PN'],
  [/^pengadilan\s+tinggi\b/i, 'PT'],
  [/^mahkamah\s+agung\b/i, 'MA'],
];

/** The court as a key compares it: the short form, so a second file that spells it out matches. */
export const courtKeyText = (court: string): string =>
  COURT_ABBREVIATIONS.reduce((name, [full, short]) => name.replace(full, short), court.trim());

/**
 * A case by court and decision number. A number domain/decision-number.ts reads is compared in its
 * canonical spelling; any other (a diversion's penetapan number) as folded text.
 */
export function caseKey(court: string, decisionNumber: string): NaturalKey {
  const compact = decisionNumber
    .trim()
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s+/g, ' ');
  const parsed = parseDecisionNumber(compact);
  return key('case', courtKeyText(court), parsed.ok ? formatDecisionNumber(parsed.value) : compact);
}

/** A partner by the number of its agreement (PKS). */
export const partnerKey = (agreementNumber: string): NaturalKey => key('partner', agreementNumber);

/** A site by its partner (the partner's agreement number, as the row names it) and its name. */
export const siteKey = (partner: string, name: string): NaturalKey => key('site', partner, name);

/** One key as a string, for a Map or a set: `case␟pn palopo␟231/pid.b/2026/pn plp`. */
export const keyString = (k: NaturalKey): string => `${k.kind}${SEPARATOR}${k.value}`;

/** A row of a file with its key; `key` undefined when the row had no readable key (it has its own error). */
export interface KeyedRow {
  readonly row: number;
  readonly key: NaturalKey | undefined;
}

const WHAT: Readonly<Record<NaturalKeyKind, readonly [string, string]>> = {
  client: ['NIK yang sama', 'the same NIK'],
  case: ['pengadilan dan nomor putusan yang sama', 'the same court and decision number'],
  partner: ['nomor perjanjian yang sama', 'the same agreement number'],
  site: ['mitra dan nama lokasi yang sama', 'the same partner and site name'],
};

/**
 * IMPORT-DUPLICATE: every row whose key an earlier row of the same file already has, as an error on that
 * later row naming the first one. Rows are taken in row order whatever order they come in; the message
 * names the row, never the key (a NIK stays out of the report).
 * @param column the column the error is shown under (the NIK's, the decision number's, …).
 */
export function duplicatesWithin(rows: readonly KeyedRow[], column: Column | string): RowError[] {
  const first = new Map<string, number>();
  const errors: RowError[] = [];
  for (const { row, key: k } of [...rows].sort((a, b) => a.row - b.row)) {
    if (!k) continue;
    const seen = first.get(keyString(k));
    if (seen === undefined) {
      first.set(keyString(k), row);
      continue;
    }
    const [id, en] = WHAT[k.kind];
    errors.push({
      row,
      rule: Rule.IMPORT_DUPLICATE,
      column: typeof column === 'string' ? column : column.name,
      message: `Baris ini memuat ${id} dengan baris ${seen}; setiap data hanya boleh ada sekali dalam satu berkas.`,
      detail: `This row has ${en} as row ${seen}; each record appears once in a file.`,
    });
  }
  return errors;
}
