import { describe, expect, it } from 'vitest';
import { formatCoordinates, formatDistance, geoUri, mapView } from '../../../web/src/lib/site-map';

const ID = { north: 'LU', south: 'LS', east: 'BT', west: 'BB' };

describe('the site map without tiles', () => {
  it('fits the radius circle inside the drawing with a nice grid step and a scale bar of one step', () => {
    const view = mapView(100, 240);
    expect(view.circleRadius).toBe(75); // 120 units span 160 m
    expect(view.gridMeters).toBe(100); // 160 m / 3 ≈ 53 m → next nice step
    expect(view.scaleMeters).toBe(100);
    expect(view.scaleLength).toBe(75);
    // A line passes through the centre, and the lines are one step apart.
    expect(view.gridLines).toContain(120);
    const gaps = view.gridLines.slice(1).map((x, i) => x - view.gridLines[i]!);
    expect(new Set(gaps)).toEqual(new Set([75]));
  });

  it.each([
    [10, 10],
    [80, 50],
    [250, 200],
    [1500, 1000],
    [5000, 5000],
  ])('picks a grid of a radius of %i m in steps of %i m', (radius, step) => {
    const view = mapView(radius);
    expect(view.gridMeters).toBe(step);
    expect(view.circleRadius).toBeLessThan(view.center);
    expect(view.gridLines.every((x) => x >= 0 && x <= view.size)).toBe(true);
  });

  it('survives a missing or nonsensical radius while the form is being typed', () => {
    expect(mapView(Number.NaN).circleRadius).toBe(75);
    expect(mapView(0).circleRadius).toBe(75);
  });

  it('writes distances and coordinates the way each language reads them', () => {
    expect(formatDistance(50, 'id-ID')).toBe('50 m');
    expect(formatDistance(2500, 'id-ID')).toBe('2,5 km');
    expect(formatDistance(2500, 'en-GB')).toBe('2.5 km');
    expect(formatCoordinates(-2.9712, 120.1788, 'id-ID', ID)).toBe('2,97120° LS, 120,17880° BT');
    expect(
      formatCoordinates(3.5952, 98.6722, 'en-GB', { north: 'N', south: 'S', east: 'E', west: 'W' }),
    ).toBe('3.59520° N, 98.67220° E');
    expect(geoUri(-2.9712, 120.1788, 100)).toBe('geo:-2.971200,120.178800;u=100');
  });
});
