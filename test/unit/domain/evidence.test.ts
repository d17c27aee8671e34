import { describe, expect, it } from 'vitest';
import {
  awaitsVerdict,
  captureMoment,
  checkCaptureTime,
  checkEvidenceSession,
  checkLocation,
  contextOfEvidence,
  EVIDENCE_STATUSES,
  isOffered,
  pendingExpiryCutoff,
  photoPoint,
  distanceMeters,
  duplicateWarning,
  exifMoment,
  judgeBytes,
  sameMediaType,
  validateEvidenceRequest,
  type DeclaredFile,
} from '../../../functions/domain';
import { rules } from './violations';

const MB = 1024 * 1024;
const limits = { maxUploadBytes: 20 * MB };

const declared: DeclaredFile = { sizeBytes: 1000, sha256: 'ab'.repeat(32), contentType: 'image/jpeg' };

describe('upload requests', () => {
  it('EV-TYPE accepts JPEG, PNG, WebP, HEIC and PDF, case-insensitively', () => {
    for (const contentType of ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'APPLICATION/PDF']) {
      expect(validateEvidenceRequest({ kind: 'document', contentType, sizeBytes: 10 }, limits).ok).toBe(true);
    }
  });

  it('EV-TYPE refuses other types, and a PDF as a photo', () => {
    // Act
    const exe = validateEvidenceRequest(
      { kind: 'document', contentType: 'application/x-msdownload', sizeBytes: 10 },
      limits,
    );
    const pdfPhoto = validateEvidenceRequest(
      { kind: 'photo', contentType: 'application/pdf', sizeBytes: 10 },
      limits,
    );
    // Assess
    expect(rules(exe)).toEqual(['EV-TYPE contentType']);
    expect(rules(pdfPhoto)).toEqual(['EV-TYPE contentType']);
    expect(
      validateEvidenceRequest(
        { kind: 'attendance_sheet', contentType: 'application/pdf', sizeBytes: 1 },
        limits,
      ).ok,
    ).toBe(true);
  });

  it('EV-SIZE allows up to the limit and refuses one byte more, zero and fractions', () => {
    expect(
      validateEvidenceRequest({ kind: 'photo', contentType: 'image/png', sizeBytes: 20 * MB }, limits).ok,
    ).toBe(true);
    const over = validateEvidenceRequest(
      { kind: 'photo', contentType: 'image/png', sizeBytes: 20 * MB + 1 },
      limits,
    );
    expect(rules(over)).toEqual(['EV-SIZE sizeBytes']);
    expect(over.ok ? '' : over.violations[0]?.message).toContain('20 MB');
    for (const sizeBytes of [0, -1, 1.5]) {
      expect(
        rules(validateEvidenceRequest({ kind: 'photo', contentType: 'image/png', sizeBytes }, limits)),
      ).toEqual(['EV-SIZE sizeBytes']);
    }
  });
});

describe('judging stored bytes', () => {
  it('EV-CHECKSUM: the declared size, hash and type verify (the hash compared case-insensitively)', () => {
    expect(
      judgeBytes(
        { ...declared, sha256: declared.sha256.toUpperCase() },
        { sizeBytes: 1000, sha256: declared.sha256, detectedType: 'image/jpeg' },
        limits,
      ),
    ).toEqual({ status: 'verified' });
  });

  it('EV-CHECKSUM: other bytes of the same size, or fewer bytes, are a checksum_mismatch', () => {
    const other = judgeBytes(
      declared,
      { sizeBytes: 1000, sha256: 'cd'.repeat(32), detectedType: 'image/jpeg' },
      limits,
    );
    const shorter = judgeBytes(
      declared,
      { sizeBytes: 999, sha256: declared.sha256, detectedType: 'image/jpeg' },
      limits,
    );
    expect(other).toMatchObject({ status: 'rejected', reason: 'checksum_mismatch', rule: 'EV-CHECKSUM' });
    expect(shorter).toMatchObject({ status: 'rejected', reason: 'checksum_mismatch' });
  });

  it('EV-SIZE: more bytes than declared, or than the limit, are too_large, whatever the hash', () => {
    expect(
      judgeBytes(declared, { sizeBytes: 1001, sha256: 'x', detectedType: 'image/jpeg' }, limits),
    ).toMatchObject({
      status: 'rejected',
      reason: 'too_large',
      rule: 'EV-SIZE',
    });
    expect(
      judgeBytes(
        declared,
        { sizeBytes: 1000, sha256: declared.sha256, detectedType: 'image/jpeg' },
        { maxUploadBytes: 999 },
      ),
    ).toMatchObject({ reason: 'too_large' });
  });

  it('EV-TYPE: bytes of another type, or of none recognised, are a type_mismatch', () => {
    const exe = judgeBytes(
      declared,
      { sizeBytes: 1000, sha256: declared.sha256, detectedType: 'application/x-msdownload' },
      limits,
    );
    const unknown = judgeBytes(
      declared,
      { sizeBytes: 1000, sha256: declared.sha256, detectedType: undefined },
      limits,
    );
    expect(exe).toMatchObject({ status: 'rejected', reason: 'type_mismatch', rule: 'EV-TYPE' });
    expect(unknown).toMatchObject({ reason: 'type_mismatch' });
  });

  it('EV-TYPE: HEIF and HEIC are one container', () => {
    expect(sameMediaType('image/heic', 'image/heif')).toBe(true);
    expect(sameMediaType('image/heic', 'image/heic')).toBe(true);
    expect(sameMediaType('image/png', 'image/jpeg')).toBe(false);
  });
});

describe('context checks (warnings only)', () => {
  const site = { lat: -2.9712, lng: 120.1788, radiusMeters: 100 };

  it('EV-LOCATION: distances by haversine match known values', () => {
    // One degree of latitude is about 111.2 km; Palopo to Makassar about 300 km.
    expect(distanceMeters({ lat: 0, lng: 120 }, { lat: 1, lng: 120 })).toBeCloseTo(111_195, -2);
    expect(
      distanceMeters({ lat: -2.9925, lng: 120.1969 }, { lat: -5.1477, lng: 119.4327 }) / 1000,
    ).toBeCloseTo(254, -1);
    expect(distanceMeters(site, site)).toBe(0);
  });

  it('EV-LOCATION: inside the radius is no warning, outside is one that names the distance', () => {
    // Act: ~55 m north, then ~550 m north
    const near = checkLocation({ lat: -2.971, lng: 120.1788, source: 'declared', accuracyMeters: 8 }, site);
    const far = checkLocation({ lat: -2.9662, lng: 120.1788, source: 'exif' }, site);
    // Assess
    expect(near.check).toMatchObject({ insideRadius: true, radiusMeters: 100, accuracyMeters: 8 });
    expect(near.warning).toBeUndefined();
    expect(far.check).toMatchObject({ insideRadius: false, source: 'exif' });
    expect(far.check.distanceMeters).toBeGreaterThan(500);
    expect(far.warning?.rule).toBe('EV-LOCATION');
  });

  it('EV-TIME: EXIF wall-clock time is office time unless an offset says otherwise', () => {
    expect(exifMoment('2026:03:02 09:15:30', undefined, 'Asia/Makassar')).toEqual({
      date: '2026-03-02',
      time: '09:15',
    });
    // 08:15 in Jakarta (WIB, +07:00) is 09:15 in Palopo (WITA).
    expect(exifMoment('2026:03:02 08:15:00', '+07:00', 'Asia/Makassar')).toEqual({
      date: '2026-03-02',
      time: '09:15',
    });
    expect(exifMoment('2026:03:02 23:30:00', '+00:00', 'Asia/Makassar')).toEqual({
      date: '2026-03-03',
      time: '07:30',
    });
    expect(exifMoment('garbage', undefined, 'Asia/Makassar')).toBeUndefined();
    expect(exifMoment('2026:02:30 10:00:00', undefined, 'Asia/Makassar')).toBeUndefined();
  });

  it('EV-TIME: within the session ±30 minutes is no warning; outside says by how much', () => {
    const session = { date: '2026-03-02', startTime: '08:00', endTime: '11:00' };
    const early = checkCaptureTime({ date: '2026-03-02', time: '07:30', source: 'exif' }, session);
    const late = checkCaptureTime({ date: '2026-03-02', time: '12:00', source: 'exif' }, session);
    const otherDay = checkCaptureTime({ date: '2026-03-01', time: '09:00', source: 'declared' }, session);
    expect(early.check).toMatchObject({
      withinSession: true,
      minutesOutside: 0,
      capturedAtLocal: '2026-03-02T07:30',
    });
    expect(early.warning).toBeUndefined();
    expect(late.check).toMatchObject({ withinSession: false, minutesOutside: 30 });
    expect(late.warning?.rule).toBe('EV-TIME');
    expect(otherDay.check.minutesOutside).toBe(24 * 60 - 90); // 09:00 the day before, to 07:30
  });

  it('EV-DUPLICATE names the evidence that had the bytes first', () => {
    expect(duplicateWarning('01ABC')).toEqual({
      rule: 'EV-DUPLICATE',
      message: expect.stringContaining('01ABC'),
    });
  });
});

describe('evidence lifecycle and context', () => {
  it('EV-SESSION: a session of the case is required of a supervisor, and must be at their site', () => {
    const session = { siteId: 'site-a' };
    expect(checkEvidenceSession({})).toEqual([]);
    expect(checkEvidenceSession({ sessionId: 's1', session })).toEqual([]);
    expect(checkEvidenceSession({ sessionId: 's1', session, supervisorSiteIds: ['site-a'] })).toEqual([]);
    const rulesOf = (v: { rule: string; path: string }[]) => v.map((x) => `${x.rule} ${x.path}`);
    expect(rulesOf(checkEvidenceSession({ supervisorSiteIds: ['site-a'] }))).toEqual([
      'EV-SESSION sessionId',
    ]);
    expect(rulesOf(checkEvidenceSession({ sessionId: 's1' }))).toEqual(['EV-SESSION sessionId']);
    expect(
      rulesOf(checkEvidenceSession({ sessionId: 's1', session, supervisorSiteIds: ['site-b'] })),
    ).toEqual(['EV-SESSION sessionId']);
  });

  it('EV-VERDICT: pending and expired evidence still takes a verdict; verified and rejected are final', () => {
    expect(EVIDENCE_STATUSES.filter(awaitsVerdict)).toEqual(['pending', 'expired']);
  });

  it('EV-DOWNLOAD: only verified evidence is offered', () => {
    expect(EVIDENCE_STATUSES.filter(isOffered)).toEqual(['verified']);
  });

  it('EV-EXPIRY: uploads requested before now minus the expiry minutes are expired', () => {
    expect(pendingExpiryCutoff(new Date('2026-03-02T04:00:00Z'), 60)).toBe('2026-03-02T03:00:00.000Z');
  });

  it('EV-LOCATION: a photo is checked by its EXIF GPS first, then by its declared position; other kinds not at all', () => {
    const declared = { lat: -2.97, lng: 120.18, accuracyMeters: 12 };
    const exif = { latitude: -3, longitude: 120 };
    expect(photoPoint('photo', declared, exif)).toEqual({ lat: -3, lng: 120, source: 'exif' });
    expect(photoPoint('photo', declared, { latitude: -3 })).toEqual({ ...declared, source: 'declared' });
    expect(photoPoint('photo', undefined, exif)).toEqual({ lat: -3, lng: 120, source: 'exif' });
    expect(photoPoint('photo', undefined, { latitude: -3 })).toBeUndefined();
    expect(photoPoint('document', declared, exif)).toBeUndefined();
  });

  it('EV-TIME: the EXIF capture time comes first, else the declared instant in the office zone', () => {
    const moment = { date: '2026-03-02', time: '09:15' };
    expect(captureMoment({ moment }, '2026-03-02T00:00:00Z', 'Asia/Makassar')).toEqual({
      ...moment,
      source: 'exif',
    });
    expect(captureMoment(undefined, '2026-03-02T01:15:00Z', 'Asia/Makassar')).toEqual({
      date: '2026-03-02',
      time: '09:15',
      source: 'declared',
    });
    expect(captureMoment(undefined, undefined, 'Asia/Makassar')).toBeUndefined();
  });

  it('EV-DUPLICATE: context warns of location, time and identical bytes, in that order; never of itself', () => {
    const session = { date: '2026-03-02', startTime: '08:00', endTime: '12:00' };
    const context = contextOfEvidence({
      evidenceId: 'E2',
      point: { lat: -2.9, lng: 120.1, source: 'exif' },
      site: { lat: -2.9712, lng: 120.1788, radiusMeters: 100 },
      moment: { date: '2026-03-02', time: '18:00', source: 'exif' },
      session,
      firstWithBytes: 'E1',
    });
    expect(context.warnings.map((w) => w.rule)).toEqual(['EV-LOCATION', 'EV-TIME', 'EV-DUPLICATE']);
    expect(context.checks).toMatchObject({ duplicateOf: 'E1', location: { insideRadius: false } });
    expect(contextOfEvidence({ evidenceId: 'E1', firstWithBytes: 'E1' })).toEqual({
      checks: {},
      warnings: [],
    });
  });
});
