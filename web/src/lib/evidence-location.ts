/** Where the device is when a photo is taken, for the verifier's context check (EV-LOCATION). */

export interface GeoFix {
  readonly lat: number;
  readonly lng: number;
  readonly accuracyMeters?: number;
}

/**
 * The device's position, if the user allows: one fix, at most a minute old, within `timeoutMs`.
 * Never throws: a refusal or a timeout is simply no location.
 */
export function currentPosition(timeoutMs = 15_000): Promise<GeoFix | undefined> {
  if (typeof navigator === 'undefined' || !navigator.geolocation) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (position) =>
        resolve({
          lat: position.coords.latitude,
          lng: position.coords.longitude,
          accuracyMeters: Math.round(position.coords.accuracy),
        }),
      () => resolve(undefined),
      { enableHighAccuracy: true, maximumAge: 60_000, timeout: timeoutMs },
    );
  });
}

/** Asks `locate` once; anything but a fix (a refusal, an error) is `null`, "asked, nothing known". */
export async function locateOnce(locate: () => Promise<GeoFix | undefined>): Promise<GeoFix | null> {
  try {
    return (await locate()) ?? null;
  } catch {
    return null;
  }
}
