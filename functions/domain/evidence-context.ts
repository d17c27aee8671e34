/**
 * The context of verified evidence: which location and capture time a photo is checked by, and the
 * warnings those checks (EV-LOCATION, EV-TIME, EV-DUPLICATE) add. Context never rejects: bytes that are
 * the declared file are evidence, wherever and whenever it was taken; the officer weighs the warnings.
 *
 * Pure: the verifier reads the session, the site, the office's zone and the EXIF tags, and hands them in.
 */
import { toLocalDateTime, type OfficeTimeZone } from './calendar';
import {
  checkCaptureTime,
  checkLocation,
  duplicateWarning,
  type EvidenceKind,
  type EvidenceWarning,
  type GeoPoint,
  type LocalMoment,
  type LocationCheck,
  type TimeCheck,
} from './evidence';

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
 * EV-LOCATION: the point a photo is checked by. The device's GPS as declared at upload comes first (it
 * carries its accuracy); else the EXIF GPS tags. Other kinds of evidence are not checked for location.
 */
export const photoPoint = (
  kind: EvidenceKind,
  declared: (GeoPoint & { readonly accuracyMeters?: number }) | undefined,
  exif: ExifContext | undefined,
): PhotoPoint | undefined => {
  if (kind !== 'photo') return undefined;
  if (declared) return { ...declared, source: 'declared' };
  return exif?.latitude !== undefined && exif.longitude !== undefined
    ? { lat: exif.latitude, lng: exif.longitude, source: 'exif' }
    : undefined;
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
  readonly time?: TimeCheck;
  readonly duplicateOf?: string;
}

/**
 * The context checks of evidence about to be verified, and their warnings (location, time, duplicate,
 * in that order). `firstWithBytes`: the evidence of the case first verified with the same bytes, if any.
 */
export const contextOfEvidence = (input: {
  readonly evidenceId: string;
  readonly point?: PhotoPoint;
  readonly site?: GeoPoint & { readonly radiusMeters: number };
  readonly moment?: CaptureMoment;
  readonly session?: { readonly date: string; readonly startTime: string; readonly endTime: string };
  readonly firstWithBytes?: string;
}): { checks: ContextChecks; warnings: EvidenceWarning[] } => {
  const warnings: EvidenceWarning[] = [];
  const location = input.point && input.site ? checkLocation(input.point, input.site) : undefined;
  const time = input.moment && input.session ? checkCaptureTime(input.moment, input.session) : undefined;
  const duplicateOf =
    input.firstWithBytes !== undefined && input.firstWithBytes !== input.evidenceId
      ? input.firstWithBytes
      : undefined;
  if (location?.warning) warnings.push(location.warning);
  if (time?.warning) warnings.push(time.warning);
  if (duplicateOf) warnings.push(duplicateWarning(duplicateOf));
  return {
    checks: {
      ...(location ? { location: location.check } : {}),
      ...(time ? { time: time.check } : {}),
      ...(duplicateOf ? { duplicateOf } : {}),
    },
    warnings,
  };
};
