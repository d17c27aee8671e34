import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, decodeWindows1252, guessDelimiter } from '../../../../functions/domain/imports';

/** Windows-1252 bytes of a text: ASCII as is, and the few letters the tests use. */
const cp1252 = (text: string) =>
  new Uint8Array([...text].map((c) => ({ '–': 0x96, é: 0xe9, '’': 0x92, '€': 0x80 })[c] ?? c.charCodeAt(0)));
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('a CSV file as text', () => {
  it('decodes Windows-1252: "Jalan Cendrawasih No. 5 – Makassar" with its en dash, and é', () => {
    // Prepare: what Excel's plain "CSV" writes on Windows
    const bytes = cp1252('Alamat;Nama\nJalan Cendrawasih No. 5 – Makassar;Café Andi’s €\n');
    // Act
    const r = decodeCsvBytes(bytes);
    // Assess
    expect(r).toEqual({
      ok: true,
      text: 'Alamat;Nama\nJalan Cendrawasih No. 5 – Makassar;Café Andi’s €\n',
      encoding: 'windows-1252',
      bom: false,
    });
  });

  it('maps Windows-1252 0x80–0x9F as the WHATWG standard does, not as Latin-1 controls', () => {
    // Node's own TextDecoder('windows-1252') gets these wrong since v20.18.3 (nodejs/node#56542).
    const high = decodeWindows1252(new Uint8Array([0x80, 0x81, 0x8a, 0x92, 0x93, 0x96, 0x97, 0x99, 0x9f]));
    expect([...high].map((c) => c.codePointAt(0))).toEqual([
      0x20ac, 0x81, 0x160, 0x2019, 0x201c, 0x2013, 0x2014, 0x2122, 0x178,
    ]);
    expect(decodeWindows1252(new Uint8Array([0x41, 0xa0, 0xe9, 0xff]))).toBe('A\u00a0éÿ');
    expect(decodeWindows1252(new Uint8Array(100_000).fill(0x96))).toHaveLength(100_000);
  });

  it('strips the UTF-8 byte order mark of "CSV UTF-8"', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('NIK,Nama\n7373011003851234,Café – Bara\n')]);
    const r = decodeCsvBytes(bytes);
    expect(r).toEqual({
      ok: true,
      text: 'NIK,Nama\n7373011003851234,Café – Bara\n',
      encoding: 'utf-8',
      bom: true,
    });
    expect(r.ok && r.text.charCodeAt(0)).toBe('N'.charCodeAt(0));
  });

  it('reads UTF-8 without a mark as UTF-8, not as Windows-1252', () => {
    expect(decodeCsvBytes(utf8('Nama\nCafé – Bara\n'))).toMatchObject({
      ok: true,
      text: 'Nama\nCafé – Bara\n',
      encoding: 'utf-8',
    });
  });

  it('reads UTF-16 by its mark (Excel "Unicode Text")', () => {
    const le = new Uint8Array([0xff, 0xfe, ...[...'Nama\tCafé'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeCsvBytes(le)).toEqual({ ok: true, text: 'Nama\tCafé', encoding: 'utf-16le', bom: true });
    const be = new Uint8Array([0xfe, 0xff, ...[...'Nama'].flatMap((c) => [0, c.charCodeAt(0)])]);
    expect(decodeCsvBytes(be)).toMatchObject({ ok: true, text: 'Nama', encoding: 'utf-16be' });
  });

  it('refuses a binary file (a renamed PNG), an empty one, and a UTF-8 mark on bytes that are not', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(decodeCsvBytes(png)).toEqual({ ok: false, problem: 'binary' });
    expect(decodeCsvBytes(new Uint8Array([]))).toEqual({ ok: false, problem: 'empty' });
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf]))).toEqual({ ok: false, problem: 'empty' });
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0x96]))).toEqual({
      ok: false,
      problem: 'invalid-utf-8',
    });
  });
});

describe('the delimiter', () => {
  it.each([
    ['NIK;Nama;Alamat\n1;2;3', ';'],
    ['NIK,Nama,Alamat\n1,2,3', ','],
    ['NIK\tNama\tAlamat', '\t'],
    ['"Nama, lengkap";Alamat;Kota\r\n', ';'],
    ['NIK\na,b,c,d', ','],
  ])('of %j is %j (from the header, outside quotes)', (csv, delimiter) => {
    expect(guessDelimiter(csv)).toBe(delimiter);
  });
});
