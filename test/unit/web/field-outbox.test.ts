import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../../web/src/lib/api';
import { classify } from '../../../web/src/field/outbox/failures';
import {
  PHOTO_BYTES_LIMIT,
  countItems,
  itemsForCard,
  keptAfterCleanUp,
  photoFits,
  photosOf,
  sendingOrder,
  type OutboxItem,
  type PhotoItem,
  type SessionItem,
} from '../../../web/src/field/outbox/items';
import { readFieldSession } from '../../../web/src/field/shell/field-session';

const session = (id: string, recordedAt: string, extra: Partial<SessionItem> = {}): SessionItem => ({
  kind: 'session',
  id,
  owner: 'pengawas.bara',
  officeId: 'bapas-palopo',
  caseId: 'case-1',
  siteId: 'site-1',
  clientName: 'Andi',
  recordedAt,
  status: 'waiting',
  attempts: 0,
  body: { date: '2026-12-07', startTime: '08:00', endTime: '09:00', siteId: 'site-1', outcome: 'attended' },
  ...extra,
});

const photo = (id: string, recordedAt: string, extra: Partial<PhotoItem> = {}): PhotoItem => ({
  kind: 'photo',
  id,
  owner: 'pengawas.bara',
  officeId: 'bapas-palopo',
  caseId: 'case-1',
  siteId: 'site-1',
  clientName: 'Andi',
  recordedAt,
  status: 'waiting',
  attempts: 0,
  photo: new Blob([]),
  fileName: 'image.jpg',
  contentType: 'image/jpeg',
  sizeBytes: 1000,
  sha256: 'a'.repeat(64),
  ...extra,
});

describe('the field outbox', () => {
  it('sends waiting items oldest first, so a photo never goes before its session', () => {
    const items: OutboxItem[] = [
      photo('p', '2026-12-07T01:05:00.000Z', { sessionItemId: 's' }),
      session('sent', '2026-12-07T00:00:00.000Z', { status: 'sent' }),
      session('s', '2026-12-07T01:00:00.000Z'),
      session('refused', '2026-12-07T00:30:00.000Z', { status: 'refused' }),
    ];
    expect(sendingOrder(items).map((i) => i.id)).toEqual(['s', 'p']);
  });

  it('counts waiting, sent and refused items, and the bytes of photos still on the device', () => {
    const counts = countItems([
      session('a', '1'),
      photo('b', '2', { sizeBytes: 3000 }),
      photo('c', '3', { status: 'sent', sizeBytes: 5000 }),
      session('d', '4', { status: 'refused' }),
    ]);
    expect(counts).toEqual({ waiting: 2, sent: 1, refused: 1, photoBytes: 3000 });
  });

  it('bounds the photos a device keeps', () => {
    const nearlyFull = [photo('a', '1', { sizeBytes: PHOTO_BYTES_LIMIT - 100 })];
    expect(photoFits(nearlyFull, 100)).toBe(true);
    expect(photoFits(nearlyFull, 101)).toBe(false);
    // A sent photo's bytes are gone from the device: they do not count.
    expect(photoFits([photo('b', '1', { status: 'sent', sizeBytes: PHOTO_BYTES_LIMIT })], 1000)).toBe(true);
  });

  it("drops yesterday's sent items and keeps everything waiting or refused, whatever its age", () => {
    const items = [
      session('old-sent', '2026-12-06T01:00:00.000Z', { status: 'sent', sentAt: '2026-12-06T01:00:00.000Z' }),
      // 16:30Z on the 6th is 00:30 on the 7th in Palopo (WITA): sent today, so kept.
      session('late-sent', '2026-12-06T16:30:00.000Z', {
        status: 'sent',
        sentAt: '2026-12-06T16:30:00.000Z',
      }),
      session('old-waiting', '2026-12-05T01:00:00.000Z'),
      session('old-refused', '2026-12-05T01:00:00.000Z', { status: 'refused' }),
    ];
    expect(keptAfterCleanUp(items, '2026-12-07', 'Asia/Makassar').map((i) => i.id)).toEqual([
      'late-sent',
      'old-waiting',
      'old-refused',
    ]);
  });

  it("finds a card's sessions by case, site and date, newest first, and a session's photos", () => {
    const items: OutboxItem[] = [
      session('s1', '2026-12-07T01:00:00.000Z'),
      session('s2', '2026-12-07T02:00:00.000Z', { sessionId: 'api-2' }),
      session('other-case', '2026-12-07T02:00:00.000Z', { caseId: 'case-2' }),
      photo('p1', '2026-12-07T03:00:00.000Z', { sessionItemId: 's1' }),
      photo('p2', '2026-12-07T03:00:00.000Z', { sessionId: 'api-2' }),
    ];
    expect(itemsForCard(items, 'case-1', 'site-1', '2026-12-07').map((i) => i.id)).toEqual(['s2', 's1']);
    expect(itemsForCard(items, 'case-1', 'site-1', '2026-12-08')).toEqual([]);
    expect(photosOf(items, { itemId: 's1' }).map((p) => p.id)).toEqual(['p1']);
    expect(photosOf(items, { itemId: 's2', sessionId: 'api-2' }).map((p) => p.id)).toEqual(['p2']);
  });
});

describe('how the field app reads a failed request', () => {
  const problem = (status: number, detail = '') => new ApiProblem({ type: 'x', title: 't', status, detail });

  it('tries again later without a signal, on server failures and while a copy is in flight', () => {
    for (const status of [0, 408, 429, 500, 503]) expect(classify(problem(status)).kind).toBe('retry');
    expect(classify(problem(409, 'A request with this Idempotency-Key is still being processed')).kind).toBe(
      'retry',
    );
    expect(classify(new TypeError('Failed to fetch')).kind).toBe('retry');
  });

  it('stops on 401 and keeps any other 4xx as a refusal with its reason', () => {
    expect(classify(problem(401)).kind).toBe('signed-out');
    const refused = classify(
      new ApiProblem({
        type: 'https://abdi.id/problems/unprocessable',
        title: 'Unprocessable',
        status: 422,
        detail: 'The case is completed.',
        errors: [{ path: 'date', message: 'Outside the window.' }],
      }),
    );
    expect(refused).toEqual({
      kind: 'refused',
      refusal: {
        status: 422,
        type: 'https://abdi.id/problems/unprocessable',
        title: 'Unprocessable',
        detail: 'The case is completed.',
        fields: ['date'],
      },
    });
    expect(classify(problem(409, 'Version conflict')).kind).toBe('refused');
  });
});

describe('the field app session', () => {
  const storage = (value: unknown) => {
    const map = new Map<string, string>(value === undefined ? [] : [['abdi.session', JSON.stringify(value)]]);
    return { getItem: (k: string) => map.get(k) ?? null } as Storage;
  };

  it('keeps working with an expired token: it knows who signed in, and only sending waits', () => {
    const now = Date.parse('2026-12-07T10:00:00Z');
    expect(readFieldSession(storage({ accessToken: 't', expiresAt: now + 3_600_000 }), now)).toEqual({
      token: 't',
      signedIn: true,
    });
    expect(readFieldSession(storage({ accessToken: 't', expiresAt: now - 1 }), now)).toEqual({
      token: null,
      signedIn: true,
    });
    expect(readFieldSession(storage(undefined), now)).toEqual({ token: null, signedIn: false });
  });
});
