/**
 * A CSV's bytes as text (issue 22). Offices save CSV from Excel in three ways: "CSV UTF-8" (with a byte
 * order mark), "CSV" (Windows-1252 on an Indonesian or English Windows: `é` is one byte E9, an en dash
 * 96), and from other tools UTF-8 without a mark. UTF-8 is strict enough to tell apart: Windows-1252
 * text with any letter beyond ASCII is almost never valid UTF-8, so a file that fails to decode as UTF-8
 * is read as Windows-1252. Excel's "Unicode Text" (UTF-16 with its mark) is read too, rather than shown
 * as mojibake.
 *
 * Splitting the text into rows is not here: see docs/adr/0026 (exceljs's CSV reader with its value
 * mapping switched off, or a parser added to package.json).
 */

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Why bytes are not a CSV's text: nothing in them, a NUL (a binary file renamed), a mark that lies. */
export type CsvTextProblem = 'empty' | 'binary' | 'invalid-utf-8';

export type CsvText =
  | { readonly ok: true; readonly text: string; readonly encoding: CsvEncoding; readonly bom: boolean }
  | { readonly ok: false; readonly problem: CsvTextProblem };

const startsWith = (bytes: Uint8Array, mark: readonly number[]) => mark.every((b, i) => bytes[i] === b);

const decode = (encoding: Exclude<CsvEncoding, 'windows-1252'>, bytes: Uint8Array, fatal = false) =>
  new TextDecoder(encoding, { fatal, ignoreBOM: true }).decode(bytes);

/**
 * Windows-1252's bytes 0x80–0x9F (WHATWG Encoding Standard, index-windows-1252); every other byte is its
 * own code point. Written out because Node's `TextDecoder('windows-1252')` decodes these 32 bytes as
 * Latin-1 control characters since v20.18.3 / v22.13.0 (nodejs/node#56542, #60888): an en dash (0x96)
 * would arrive as U+0096 and vanish from every screen.
 */
// prettier-ignore
const CP1252_80_9F = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
] as const;

/** Any bytes as Windows-1252, which gives every byte a character. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  bytes.forEach((b, i) => {
    units[i] = b >= 0x80 && b < 0xa0 ? CP1252_80_9F[b - 0x80]! : b;
  });
  // In slices: one String.fromCharCode call per file would overflow the argument stack at 20 MB.
  let text = '';
  for (let i = 0; i < units.length; i += 8192) text += String.fromCharCode(...units.subarray(i, i + 8192));
  return text;
}

function text(decoded: string, encoding: CsvEncoding, bom: boolean): CsvText {
  if (decoded.trim() === '') return { ok: false, problem: 'empty' };
  if (decoded.includes('\u0000')) return { ok: false, problem: 'binary' };
  return { ok: true, text: decoded, encoding, bom };
}

/**
 * The text of a CSV file: UTF-8 with its byte order mark taken off, UTF-16 by its mark, UTF-8 without a
 * mark when it decodes as UTF-8, else Windows-1252 (which decodes any byte). A file that marks itself
 * UTF-8 and is not is refused rather than read half one way and half the other.
 * @example decodeCsvBytes(new Uint8Array([0x96])) // { ok: true, text: '–', encoding: 'windows-1252', bom: false }
 */
export function decodeCsvBytes(bytes: Uint8Array): CsvText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    try {
      return text(decode('utf-8', bytes.subarray(3), true), 'utf-8', true);
    } catch {
      return { ok: false, problem: 'invalid-utf-8' };
    }
  }
  if (startsWith(bytes, [0xff, 0xfe])) return text(decode('utf-16le', bytes.subarray(2)), 'utf-16le', true);
  if (startsWith(bytes, [0xfe, 0xff])) return text(decode('utf-16be', bytes.subarray(2)), 'utf-16be', true);
  // A NUL byte is in no text file of ours, and it is in every image and zip (a renamed one, too).
  if (bytes.includes(0)) return { ok: false, problem: 'binary' };
  try {
    return text(decode('utf-8', bytes, true), 'utf-8', false);
  } catch {
    return text(decodeWindows1252(bytes), 'windows-1252', false);
  }
}

export type CsvDelimiter = ',' | ';' | '\t';

/**
 * The delimiter of a CSV, from its first record (the header): Excel writes `;` where the decimal mark is
 * a comma (Indonesian Windows), `,` elsewhere, and a tab in "Unicode Text". The mark seen most often
 * outside quotes; `,` when none is.
 */
export function guessDelimiter(csv: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of csv) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char in counts) counts[char as CsvDelimiter] += 1;
  }
  const best = (Object.keys(counts) as CsvDelimiter[]).reduce((a, b) => (counts[b] > counts[a] ? b : a));
  return best;
}
