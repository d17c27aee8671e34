import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_UPLOAD_BYTES,
  acceptFor,
  checkFile,
  declaredType,
  fileFieldErrors,
  formatBytes,
  isPreviewable,
  tilePicture,
  uploadLimit,
  uploadPercent,
} from '../../../web/src/lib/evidence';
import { hexOf, sha256Hex } from '../../../web/src/lib/evidence-hash';
import { pollDelays } from '../../../web/src/lib/evidence-poll';
import { browserHeaders } from '../../../web/src/lib/evidence-put';
import { ticketExpired } from '../../../web/src/lib/evidence-ticket';
import type { Evidence, EvidenceUploadTicket } from '../../../web/src/lib/api-types';

const MB = 1024 * 1024;
const file = (name: string, type: string, size = 1000) => ({ name, type, size });

describe('the SHA-256 the browser sends', () => {
  it('is lower-case hex, two digits per byte, leading zeros kept', () => {
    expect(hexOf(new Uint8Array([0, 1, 15, 16, 171, 255]))).toBe('00010f10abff');
    expect(hexOf(new Uint8Array([]))).toBe('');
    expect(hexOf(new Uint8Array([0xde, 0xad, 0xbe, 0xef]).buffer)).toBe('deadbeef');
  });

  it('equals what sha256sum (node:crypto) prints for the same bytes', async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
    const expected = createHash('sha256').update(bytes).digest('hex');
    expect(await sha256Hex(new Blob([bytes]))).toBe(expected);
    expect(await sha256Hex(new Blob([]))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the declared type of a chosen file', () => {
  it("keeps the browser's type, naming aliases as the API does", () => {
    expect(declaredType(file('a.jpg', 'image/jpeg'))).toBe('image/jpeg');
    expect(declaredType(file('a.jpg', 'IMAGE/JPG'))).toBe('image/jpeg');
    expect(declaredType(file('a.heif', 'image/heif'))).toBe('image/heic');
    expect(declaredType(file('a.exe', 'application/x-msdownload'))).toBe('application/x-msdownload');
  });

  it('falls back on the extension when the browser gives no type (HEIC on Windows)', () => {
    expect(declaredType(file('IMG_0001.HEIC', ''))).toBe('image/heic');
    expect(declaredType(file('berita-acara.pdf', ''))).toBe('application/pdf');
    expect(declaredType(file('foto.JPEG', ''))).toBe('image/jpeg');
    expect(declaredType(file('catatan', ''))).toBe('application/octet-stream');
    expect(declaredType(file('x.docx', ''))).toBe('application/octet-stream');
  });

  it('offers the picker the types of the kind, HEIC by extension too', () => {
    expect(acceptFor('photo')).not.toContain('application/pdf');
    expect(acceptFor('photo')).toContain('.heic');
    expect(acceptFor('document')).toContain('application/pdf');
    expect(acceptFor(null).split(',')).toEqual(expect.arrayContaining(['image/jpeg', 'application/pdf']));
  });

  it('shows only what a browser can draw', () => {
    expect(isPreviewable('image/jpeg')).toBe(true);
    expect(isPreviewable('image/heic')).toBe(false);
    expect(isPreviewable('application/pdf')).toBe(false);
  });
});

describe("the browser's checks before any request (EV-TYPE, EV-SIZE, as the API)", () => {
  it('passes the five allowed types at any size up to the limit', () => {
    for (const [name, type] of [
      ['a.jpg', 'image/jpeg'],
      ['a.png', 'image/png'],
      ['a.webp', 'image/webp'],
      ['a.heic', 'image/heic'],
      ['a.pdf', 'application/pdf'],
    ] as const) {
      expect(checkFile(file(name, type, 20 * MB), 'document', 20 * MB), name).toEqual([]);
    }
    expect(checkFile(file('a.jpg', 'image/jpeg', 1), 'photo', 20 * MB)).toEqual([]);
  });

  it('refuses other types, and a PDF as a photo', () => {
    expect(checkFile(file('a.gif', 'image/gif'), 'photo', 20 * MB)).toEqual([
      { problem: 'type', contentType: 'image/gif' },
    ]);
    expect(checkFile(file('setup.exe', 'application/x-msdownload'), 'document', 20 * MB)).toEqual([
      { problem: 'type', contentType: 'application/x-msdownload' },
    ]);
    expect(checkFile(file('a.pdf', 'application/pdf'), 'photo', 20 * MB)).toEqual([
      { problem: 'kind', kind: 'photo' },
    ]);
  });

  it('refuses empty files and files over the limit, one byte past it', () => {
    expect(checkFile(file('a.jpg', 'image/jpeg', 0), 'photo', 20 * MB)).toEqual([{ problem: 'empty' }]);
    expect(checkFile(file('a.jpg', 'image/jpeg', 20 * MB + 1), 'photo', 20 * MB)).toEqual([
      { problem: 'size', maxBytes: 20 * MB, sizeBytes: 20 * MB + 1 },
    ]);
    expect(checkFile(file('a.gif', 'image/gif', 0), 'photo', MB)).toHaveLength(2);
  });

  it("uses the deployment's limit from config.json, else 20 MB", () => {
    expect(DEFAULT_MAX_UPLOAD_BYTES).toBe(20 * MB);
    expect(uploadLimit(undefined)).toBe(20 * MB);
    expect(uploadLimit(5 * MB)).toBe(5 * MB);
    expect(uploadLimit(0)).toBe(20 * MB);
    expect(uploadLimit(1.5)).toBe(20 * MB);
  });

  it("puts the API's errors on the declared parts of the file beside the file input", () => {
    expect(
      fileFieldErrors([
        { path: 'contentType', message: 'type', rule: 'EV-TYPE' },
        { path: 'body.sizeBytes', message: 'size', rule: 'EV-SIZE' },
        { path: 'sha256', message: 'hash' },
        { path: 'sessionId', message: 'session' },
        { path: 'kind', message: 'kind' },
      ]).map((e) => e.path),
    ).toEqual(['file', 'file', 'file', 'sessionId', 'kind']);
  });
});

describe('the presigned PUT from a browser', () => {
  it('sends the signed headers except those the browser sets itself', () => {
    expect(
      browserHeaders({
        'content-type': 'image/jpeg',
        'content-length': '1234',
        'x-amz-checksum-sha256': 'abc=',
        Host: 'bucket',
      }),
    ).toEqual([
      ['content-type', 'image/jpeg'],
      ['x-amz-checksum-sha256', 'abc='],
    ]);
  });

  it('asks for a new URL when the old one ends within 30 seconds', () => {
    const ticket = (expiresAt: string): EvidenceUploadTicket => ({
      id: 'E1',
      status: 'pending',
      upload: { url: 'https://s3/x', method: 'PUT', headers: {}, expiresAt },
    });
    const got = Date.parse('2026-03-02T01:00:00Z');
    const min = 60_000;
    const fifteen = ticket('2026-03-02T01:15:00Z');
    expect(ticketExpired(fifteen, got, got)).toBe(false);
    expect(ticketExpired(fifteen, got, got + 14 * min)).toBe(false);
    expect(ticketExpired(fifteen, got, got + 14.5 * min)).toBe(true);
    expect(ticketExpired(ticket('2026-03-02T01:05:00Z'), got, got + 4.5 * min)).toBe(true);
  });

  it("measures a URL's life from its arrival, so a wrong device clock changes nothing", () => {
    const min = 60_000;
    // The API's clock says 01:00 and the URL ends 01:15; the phone's clock is 20 minutes ahead.
    const skewed = Date.parse('2026-03-02T01:20:00Z');
    const fifteen: EvidenceUploadTicket = {
      id: 'E1',
      status: 'pending',
      upload: { url: 'https://s3/x', method: 'PUT', headers: {}, expiresAt: '2026-03-02T01:15:00Z' },
    };
    expect(ticketExpired(fifteen, skewed, skewed)).toBe(false);
    expect(ticketExpired(fifteen, skewed, skewed + 14 * min)).toBe(false);
    expect(ticketExpired(fifteen, skewed, skewed + 15 * min)).toBe(true);
    // Behind by an hour: the lifetime looks like 75 minutes, but no URL lives longer than 15.
    const behind = Date.parse('2026-03-02T00:00:00Z');
    expect(ticketExpired(fifteen, behind, behind + 15 * min)).toBe(true);
    expect(ticketExpired({ ...fifteen, upload: { ...fifteen.upload, expiresAt: 'x' } }, behind, behind)).toBe(
      false,
    );
  });

  it('reports whole percent sent, never past 100', () => {
    expect(uploadPercent(0, 0)).toBe(0);
    expect(uploadPercent(1, 3)).toBe(33);
    expect(uploadPercent(999, 1000)).toBe(99);
    expect(uploadPercent(1200, 1000)).toBe(100);
  });

  it('writes sizes for people', () => {
    expect(formatBytes(900, 'id-ID')).toBe('900 B');
    expect(formatBytes(2048, 'id-ID')).toBe('2 KB');
    expect(formatBytes(1.5 * MB, 'id-ID')).toBe('1,5 MB');
    expect(formatBytes(20 * MB, 'en-GB')).toBe('20 MB');
  });
});

describe('waiting for the verifier', () => {
  it('checks quickly at first, then backs off ×1.5 to 8 s, and stops after a minute', () => {
    const delays = pollDelays();
    expect(delays).toEqual([1000, 1500, 2250, 3375, 5063, 7594, 8000, 8000, 8000, 8000, 7218]);
    expect(delays.reduce((a, b) => a + b, 0)).toBe(60_000);
  });

  it('never waits longer than the cap nor past the total', () => {
    for (const total of [500, 10_000, 45_000, 120_000]) {
      const delays = pollDelays(total);
      expect(delays.reduce((a, b) => a + b, 0)).toBe(total);
      expect(Math.max(...delays)).toBeLessThanOrEqual(8000);
      // Growing, except the last wait, which only fills up to the total.
      const growing = delays.slice(0, -1);
      expect(growing.every((d, i) => i === 0 || d >= growing[i - 1]!)).toBe(true);
    }
    expect(pollDelays(0)).toEqual([]);
  });
});

describe('the picture of a gallery tile', () => {
  const evidence = (overrides: Partial<Evidence>): Evidence => ({
    id: 'E1',
    caseId: 'C1',
    kind: 'photo',
    fileName: 'foto.jpg',
    contentType: 'image/jpeg',
    sizeBytes: 1000,
    sha256: 'a'.repeat(64),
    status: 'verified',
    checks: {},
    warnings: [],
    uploadedBy: 'pk.palopo',
    createdAt: '2026-03-02T01:00:00Z',
    ...overrides,
  });

  it("is the verifier's thumbnail when there is one", () => {
    expect(tilePicture(evidence({ thumbnailUrl: 'https://s3/thumb' }))).toBe('thumbnail');
  });

  it('is the verified image itself without one, never unchecked or undrawable bytes', () => {
    expect(tilePicture(evidence({}))).toBe('download');
    expect(tilePicture(evidence({ status: 'pending' }))).toBe('icon');
    expect(tilePicture(evidence({ status: 'rejected' }))).toBe('icon');
    expect(tilePicture(evidence({ contentType: 'image/heic', thumbnail: 'unavailable' }))).toBe('icon');
    expect(tilePicture(evidence({ contentType: 'application/pdf', kind: 'document' }))).toBe('icon');
  });
});
