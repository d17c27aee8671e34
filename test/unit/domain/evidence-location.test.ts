import { describe, expect, it } from 'vitest';
import {
  checkDeclaredLocation,
  contextOfEvidence,
  distanceMeters,
  LOCATION_MISMATCH_TOLERANCE_METERS,
  photoPoint,
} from '../../../functions/domain';

/** A photo's EXIF GPS against the location declared beside it at upload (issue 11, item 7). */
describe('a photo with both an EXIF GPS position and a declared location', () => {
  // Masjid Agung Bara, Palopo, and points north of it (0.001° of latitude ≈ 111 m).
  const site = { lat: -2.9712, lng: 120.1788, radiusMeters: 100 };
  const exifAtSite = { latitude: -2.9712, longitude: 120.1788 };
  const north = (metres: number) => ({ lat: site.lat + metres / 111_195, lng: site.lng });

  it('EV-LOCATION-MISMATCH: the tolerance is 100 m; within it no warning, beyond it one naming the distance', () => {
    expect(LOCATION_MISMATCH_TOLERANCE_METERS).toBe(100);
    const near = checkDeclaredLocation({ ...north(80), accuracyMeters: 15 }, site);
    expect(near).toEqual({
      check: { distanceMeters: 80, toleranceMeters: 100, accuracyMeters: 15, agrees: true },
    });
    const far = checkDeclaredLocation(north(2_500), site);
    expect(far.check).toMatchObject({ distanceMeters: 2500, agrees: false });
    expect(far.warning?.rule).toBe('EV-LOCATION-MISMATCH');
    expect(far.warning?.message).toContain('2500 m');
    expect(Math.round(distanceMeters(north(101), site))).toBe(101);
    expect(checkDeclaredLocation(north(101), site).warning?.rule).toBe('EV-LOCATION-MISMATCH');
  });

  it('EV-LOCATION-MISMATCH: the EXIF position wins, so a declaration at the site cannot hide a photo taken elsewhere', () => {
    // The camera says 3 km away; the upload claims the site itself.
    const exifElsewhere = { latitude: site.lat + 3_000 / 111_195, longitude: site.lng };
    const declared = { lat: site.lat, lng: site.lng, accuracyMeters: 5 };
    const point = photoPoint('photo', declared, exifElsewhere);
    const context = contextOfEvidence({ evidenceId: 'E1', point, declared, site });
    expect(point?.source).toBe('exif');
    expect(context.warnings.map((w) => w.rule)).toEqual(['EV-LOCATION', 'EV-LOCATION-MISMATCH']);
    expect(context.checks.location).toMatchObject({ source: 'exif', insideRadius: false });
    expect(context.checks.declaredLocation).toMatchObject({ distanceMeters: 3000, agrees: false });
  });

  it('EV-LOCATION-MISMATCH: agreeing positions, or only one of them, add no warning and no mismatch check', () => {
    const agreeing = contextOfEvidence({
      evidenceId: 'E1',
      point: photoPoint('photo', north(30), exifAtSite),
      declared: north(30),
      site,
    });
    expect(agreeing.warnings).toEqual([]);
    expect(agreeing.checks.declaredLocation).toMatchObject({ distanceMeters: 30, agrees: true });
    // Declared only: the declaration is the point checked, and there is nothing to compare it with.
    const declaredOnly = contextOfEvidence({
      evidenceId: 'E1',
      point: photoPoint('photo', north(30), undefined),
      declared: north(30),
      site,
    });
    expect(declaredOnly.checks.declaredLocation).toBeUndefined();
    expect(declaredOnly.checks.location).toMatchObject({ source: 'declared', insideRadius: true });
  });
});
