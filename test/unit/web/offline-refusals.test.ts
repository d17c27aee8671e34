import { describe, expect, it } from 'vitest';
import type { OfflineRefusal } from '../../../web/src/lib/api-types';
import { refusalCause } from '../../../web/src/lib/refusal-cause';
import { claimedHours } from '../../../web/src/screens/home/offline-refusal-facts';

/** The home page's "field records refused" card (issue 20, ADR 0024): why, and the hours claimed. */
const answer = (status: number, rules?: string[]): OfflineRefusal['refusal'] => ({
  status,
  type: 'https://abdi.id/problems/x',
  title: 'x',
  ...(rules ? { rules } : {}),
});

describe('why a field record was refused', () => {
  it('a conflict or a stale version is the case having changed meanwhile', () => {
    for (const status of [409, 412, 428]) expect(refusalCause(answer(status))).toBe('case-changed');
  });

  it('404 is a case the sender no longer sees; 403 a role that no longer allows it', () => {
    expect(refusalCause(answer(404))).toBe('case-hidden');
    expect(refusalCause(answer(403))).toBe('not-allowed');
  });

  it('400 and 422 name rules when the answer did, else only fields', () => {
    expect(refusalCause(answer(400, ['CR-DAYS-PER-WEEK']))).toBe('rule');
    expect(refusalCause(answer(422, ['CR-WINDOW']))).toBe('rule');
    expect(refusalCause(answer(400, []))).toBe('invalid');
    expect(refusalCause(answer(400))).toBe('invalid');
  });

  it('anything else is the server refusing, said as such', () => {
    expect(refusalCause(answer(413))).toBe('other');
    expect(refusalCause(answer(429))).toBe('other');
  });
});

describe('the hours a refused session claimed', () => {
  it('is its end less its start, in hours', () => {
    expect(claimedHours({ startTime: '08:00', endTime: '11:30' })).toBe(3.5);
    expect(claimedHours({ startTime: '08:00', endTime: '08:20' })).toBe(0.33);
  });

  it('is unknown without both times, or when they are backwards', () => {
    expect(claimedHours({ startTime: '08:00' })).toBeUndefined();
    expect(claimedHours({ fileName: 'IMG_1.jpg' })).toBeUndefined();
    expect(claimedHours({ startTime: '11:00', endTime: '08:00' })).toBeUndefined();
  });
});
