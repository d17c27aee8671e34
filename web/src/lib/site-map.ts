/**
 * A work site's location drawn without any map tiles: the point, the radius within which attendance
 * counts as on site, a plain grid and a scale bar. This module does the arithmetic (unit-tested in
 * test/unit/web/site-map.test.ts); `SiteMap.svelte` draws it as SVG.
 */

/** Grid steps that read well on a scale bar. */
export const NICE_STEPS_METERS = [5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000];

export interface MapView {
  /** Width and height of the square drawing, in SVG units. */
  readonly size: number;
  readonly center: number;
  readonly unitsPerMeter: number;
  /** The radius circle in SVG units. */
  readonly circleRadius: number;
  /** Grid spacing in meters and the lines' offsets from the left/top edge in SVG units. */
  readonly gridMeters: number;
  readonly gridLines: readonly number[];
  /** The scale bar: one grid step long. */
  readonly scaleMeters: number;
  readonly scaleLength: number;
}

/** The drawing shows this many radii from the centre to each edge. */
const SPAN_RADII = 1.6;

export function mapView(radiusMeters: number, size = 240): MapView {
  const radius = Number.isFinite(radiusMeters) && radiusMeters > 0 ? radiusMeters : 100;
  const center = size / 2;
  const halfSpanMeters = radius * SPAN_RADII;
  const unitsPerMeter = center / halfSpanMeters;
  // About three grid cells from the centre to each edge.
  const wanted = halfSpanMeters / 3;
  const gridMeters = NICE_STEPS_METERS.find((step) => step >= wanted) ?? NICE_STEPS_METERS.at(-1)!;
  const step = gridMeters * unitsPerMeter;
  const gridLines: number[] = [];
  // Lines through the centre and outwards, so the point sits on a crossing.
  for (let offset = center % step; offset <= size + 1e-9; offset += step) gridLines.push(round(offset));
  return {
    size,
    center,
    unitsPerMeter,
    circleRadius: round(radius * unitsPerMeter),
    gridMeters,
    gridLines,
    scaleMeters: gridMeters,
    scaleLength: round(step),
  };
}

const round = (value: number) => Math.round(value * 100) / 100;

/** "50 m", "1 km", "2,5 km" (id) / "2.5 km" (en). */
export function formatDistance(meters: number, intlLocale: string): string {
  if (meters < 1000) return `${new Intl.NumberFormat(intlLocale).format(meters)} m`;
  return `${new Intl.NumberFormat(intlLocale, { maximumFractionDigits: 1 }).format(meters / 1000)} km`;
}

/**
 * A coordinate pair as people read it: "2,97120° LS, 120,17880° BT" with Indonesian hemisphere
 * names (Lintang Selatan/Utara, Bujur Timur/Barat), "2.97120° S, 120.17880° E" in English.
 */
export function formatCoordinates(
  lat: number,
  lng: number,
  intlLocale: string,
  hemispheres: { north: string; south: string; east: string; west: string },
): string {
  const number = new Intl.NumberFormat(intlLocale, { minimumFractionDigits: 5, maximumFractionDigits: 5 });
  const latText = `${number.format(Math.abs(lat))}° ${lat < 0 ? hemispheres.south : hemispheres.north}`;
  const lngText = `${number.format(Math.abs(lng))}° ${lng < 0 ? hemispheres.west : hemispheres.east}`;
  return `${latText}, ${lngText}`;
}

/** A `geo:` URI (RFC 5870) that a phone opens in its own map app; no tile server is contacted here. */
export function geoUri(lat: number, lng: number, radiusMeters: number): string {
  return `geo:${lat.toFixed(6)},${lng.toFixed(6)};u=${Math.round(radiusMeters)}`;
}
