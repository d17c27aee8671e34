import { describe, expect, it } from 'vitest';
import type { ChartBlock } from '../../../functions/domain/documents';
import { chartSvg, SERIES_COLOURS } from '../../../functions/documents/chart-svg';

const chart = (overrides: Partial<ChartBlock> = {}): ChartBlock => ({
  type: 'chart',
  title: 'Kasus menurut status',
  orientation: 'horizontal',
  categories: ['Aktif', 'Dirujuk ke jaksa', 'Ditutup'],
  series: [{ name: 'Jumlah kasus', values: [40, 10, 0], labels: ['40', '10', '0'] }],
  axisLabel: 'Jumlah kasus per 4 Januari 2027',
  ...overrides,
});

/** The widths (horizontal) or heights (vertical) of the rectangles filled with `colour`. */
const barsOf = (svg: string, colour: string, measure: 'width' | 'height'): number[] =>
  [...svg.matchAll(new RegExp(`<rect [^>]*${measure}="([\\d.]+)"[^>]*fill="${colour}"`, 'g'))].map((m) =>
    Number(m[1]),
  );

describe('chartSvg: a document chart as SVG (issue 14)', () => {
  it('draws horizontal bars in proportion, in the dashboard blue, with every label and value', () => {
    const { svg, width } = chartSvg(chart(), 481);
    expect(width).toBe(481);
    const [forty, ten, zero] = barsOf(svg, '#0f5c8c', 'width');
    expect(forty).toBeGreaterThan(0);
    expect(ten! / forty!).toBeCloseTo(0.25, 2);
    expect(zero).toBe(0);
    // The tracks behind the bars, one per category, all the same length.
    expect(new Set(barsOf(svg, '#eef1f4', 'width')).size).toBe(1);
    for (const text of [
      'Kasus menurut status',
      'Aktif',
      'Dirujuk ke jaksa',
      '>40<',
      'Jumlah kasus per 4 Januari 2027',
    ]) {
      expect(svg).toContain(text);
    }
  });

  it('draws vertical columns whose heights follow the values', () => {
    const { svg } = chartSvg(
      chart({
        orientation: 'vertical',
        categories: ['30 Nov 2026', '7 Des 2026'],
        series: [{ name: 'Jam diakui', values: [220, 110], labels: ['220', '110'] }],
      }),
      481,
    );
    const [first, second] = barsOf(svg, '#0f5c8c', 'height');
    expect(second! / first!).toBeCloseTo(0.5, 2);
    expect(svg).toContain('>30 Nov 2026<');
  });

  it('sets every word in Roboto, escapes text, and is the same string every time', () => {
    const odd = chart({ categories: ['A & B <C>', 'x', 'y'] });
    const { svg } = chartSvg(odd, 400);
    expect(svg).toContain('A &amp; B &lt;C&gt;');
    const texts = svg.match(/<text /g) ?? [];
    expect(texts.length).toBeGreaterThan(5);
    expect((svg.match(/font-family="Roboto"/g) ?? []).length).toBe(texts.length);
    expect(chartSvg(odd, 400).svg).toBe(svg);
  });

  it('keeps a long label inside its column, cut with an ellipsis', () => {
    const long = 'Balai Pemasyarakatan Kelas II Watampone dan Sekitarnya Sampai Jauh Sekali';
    const { svg } = chartSvg(chart({ categories: [long, 'b', 'c'] }), 300);
    expect(svg).not.toContain(long);
    expect(svg).toMatch(/>Balai Pemasyarakatan[^<]*…</);
  });

  it('draws several series side by side with a legend, and grows with the categories', () => {
    const two = chart({
      series: [
        { name: 'Bulan ini', values: [4, 2, 1], labels: ['4', '2', '1'] },
        { name: 'Bulan lalu', values: [3, 3, 0], labels: ['3', '3', '0'] },
      ],
    });
    const { svg, height } = chartSvg(two, 481);
    // Three bars each, and each series' square in the legend.
    expect(barsOf(svg, SERIES_COLOURS[0], 'width')).toHaveLength(4);
    expect(barsOf(svg, SERIES_COLOURS[1], 'width')).toHaveLength(4);
    expect(svg).toContain('>Bulan lalu<');
    const more = chartSvg(
      chart({
        categories: ['a', 'b', 'c', 'd'],
        series: [{ name: 's', values: [1, 2, 3, 4], labels: ['1', '2', '3', '4'] }],
      }),
      481,
    );
    expect(more.height).toBeGreaterThan(chartSvg(chart(), 481).height);
    expect(height).toBeGreaterThan(chartSvg(chart(), 481).height);
  });

  it('draws empty tracks for a month with nothing, and refuses a series without a value per category', () => {
    const { svg } = chartSvg(
      chart({ series: [{ name: 's', values: [0, 0, 0], labels: ['0', '0', '0'] }] }),
      481,
    );
    expect(barsOf(svg, '#0f5c8c', 'width')).toEqual([0, 0, 0]);
    expect(() => chartSvg(chart({ series: [{ name: 's', values: [1], labels: ['1'] }] }), 481)).toThrow(
      RangeError,
    );
  });
});
