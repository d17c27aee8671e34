/**
 * The context of verified evidence: which location and capture time a photo is checked by, and the
 * warnings those checks (EV-LOCATION, EV-LOCATION-MISMATCH, EV-TIME, EV-DUPLICATE) add. Context never rejects: bytes that are
 * the declared file are evidence, wherever and whenever it was taken; the officer weighs the warnings.
 *
 * Pure: the verifier reads the session, the site, the office's zone and the EXIF tags, and hands them in.
 */
import { toLocalDateTime, type OfficeTimeZone } from './calendar';
import { Rule } from './rules';
import {
  checkCaptureTime,
  checkLocation,
  distanceMeters,
  duplicateWarning,
  type EvidenceKind,
  type EvidenceWarning,
  type GeoPoint,
  type LocalMoment,
  type LocationCheck,
  type TimeCheck,
} from './evidence';

/**
 * EV-LOCATION-MISMATCH: how far a declared location may lie from the photo's EXIF GPS position before it
 * is a warning. 100 m: a phone's GPS fix outdoors is good to 5–20 m, and the two positions are separate
 * fixes (the camera's when the picture was taken, the browser's when it was uploaded), so honest pairs
 * differ by a few tens of metres, walking about the site included; a declaration made somewhere else (at
 * the office, in another village) lies hundreds of metres or kilometres away.
 */
export const LOCATION_MISMATCH_TOLERANCE_METERS = 100;

export interface DeclaredLocationCheck {
  /** Metres between the declared position and the EXIF GPS position. */
  readonly distanceMeters: number;
  readonly toleranceMeters: number;
  /** The accuracy the device reported with its declaration, recorded beside it, not added to it. */
  readonly accuracyMeters?: number;
  readonly agrees: boolean;
}

/**
 * EV-LOCATION-MISMATCH: a photo's declared location against the GPS position in its EXIF (the one the
 * site is checked by, EV-LOCATION). Further apart than the tolerance is a warning of its own.
 */
export const checkDeclaredLocation = (
  declared: GeoPoint & { readonly accuracyMeters?: number },
  exif: GeoPoint,
  toleranceMeters = LOCATION_MISMATCH_TOLERANCE_METERS,
): { check: DeclaredLocationCheck; warning?: EvidenceWarning } => {
  const distance = Math.round(distanceMeters(declared, exif));
  const check: DeclaredLocationCheck = {
    distanceMeters: distance,
    toleranceMeters,
    ...(declared.accuracyMeters !== undefined ? { accuracyMeters: declared.accuracyMeters } : {}),
    agrees: distance <= toleranceMeters,
  };
  if (check.agrees) return { check };
  return {
    check,
    warning: {
      rule: Rule.EV_LOCATION_MISMATCH,
      message: `The location declared at upload is ${distance} m from the GPS position in the photo's EXIF (more than ${toleranceMeters} m); the EXIF position is the one checked.`,
    },
  };
};

/** What the camera wrote into the file, as far as it could be read. */
export interface ExifContext {
  readonly latitude?: number;
  readonly longitude?: number;
  /** `DateTimeOriginal`, already in the office's zone. */
  readonly moment?: LocalMoment;
}

export type PhotoPoint = GeoPoint & {
  readonly accuracyMeters?: number;
  readonly source: 'declared' | 'exif';
};
export type CaptureMoment = LocalMoment & { readonly source: 'exif' | 'declared' };

/**
 * EV-LOCATION: the point a photo is checked by. The GPS tags in its EXIF come first: the camera wrote
 * them when the picture was taken, while a declared location is only where the device was at upload (and
 * is whatever the client sends). Else the location declared at upload, with its accuracy. Other kinds of
 * evidence are not checked for location. When both exist, EV-LOCATION-MISMATCH compares them.
 */
export const photoPoint = (
  kind: EvidenceKind,
  declared: (GeoPoint & { readonly accuracyMeters?: number }) | undefined,
  exif: ExifContext | undefined,
): PhotoPoint | undefined => {
  if (kind !== 'photo') return undefined;
  if (exif?.latitude !== undefined && exif.longitude !== undefined) {
    return { lat: exif.latitude, lng: exif.longitude, source: 'exif' };
  }
  return declared ? { ...declared, source: 'declared' } : undefined;
};

/**
 * EV-TIME: the moment evidence is checked by. The camera's EXIF time comes first (set when the picture
 * was taken); else the instant declared at upload, in the office's zone.
 */
export const captureMoment = (
  exif: ExifContext | undefined,
  declaredAt: string | undefined,
  zone: OfficeTimeZone,
): CaptureMoment | undefined => {
  if (exif?.moment) return { ...exif.moment, source: 'exif' };
  return declaredAt ? { ...toLocalDateTime(declaredAt, zone), source: 'declared' } : undefined;
};

export interface ContextChecks {
  readonly location?: LocationCheck;
  /** EV-LOCATION-MISMATCH: the declared location against the EXIF GPS position, when a photo has both. */
  readonly declaredLocation?: DeclaredLocationCheck;
  readonly time?: TimeCheck;
  readonly duplicateOf?: string;
}

/**
 * The context checks of evidence about to be verified, and their warnings (location, declared location,
 * time, duplicate, in that order). `declared`: the location declared at upload, compared with `point`
 * when that came from EXIF. `firstWithBytes`: the evidence of the case first verified with the same
 * bytes, if any.
 */
export const contextOfEvidence = (input: {
  readonly evidenceId: string;
  readonly point?: PhotoPoint;
  readonly declared?: GeoPoint & { readonly accuracyMeters?: number };
  readonly site?: GeoPoint & { readonly radiusMeters: number };
  readonly moment?: CaptureMoment;
  readonly session?: { readonly date: string; readonly startTime: string; readonly endTime: string };
  readonly firstWithBytes?: string;
}): { checks: ContextChecks; warnings: EvidenceWarning[] } => {
  const warnings: EvidenceWarning[] = [];
  const location = input.point && input.site ? checkLocation(input.point, input.site) : undefined;
  const declared =
    input.declared && input.point?.source === 'exif'
      ? checkDeclaredLocation(input.declared, input.point)
      : undefined;
  const time = input.moment && input.session ? checkCaptureTime(input.moment, input.session) : undefined;
  const duplicateOf =
    input.firstWithBytes !== undefined && input.firstWithBytes !== input.evidenceId
      ? input.firstWithBytes
      : undefined;
  if (location?.warning) warnings.push(location.warning);
  if (declared?.warning) warnings.push(declared.warning);
  if (time?.warning) warnings.push(time.warning);
  if (duplicateOf) warnings.push(duplicateWarning(duplicateOf));
  return {
    checks: {
      ...(location ? { location: location.check } : {}),
      ...(declared ? { declaredLocation: declared.check } : {}),
      ...(time ? { time: time.check } : {}),
      ...(duplicateOf ? { duplicateOf } : {}),
    },
    warnings,
  };
};
