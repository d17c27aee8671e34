import { describe, expect, it } from 'vitest';
import { peakUse, weekdayUse } from '../../../web/src/lib/occupancy';
import { aSite } from './fixtures';

describe("a site's capacity in use", () => {
  it('compares each weekday with the capacity, marking busy and full days', () => {
    const days = weekdayUse(
      aSite({ capacity: 4, occupancy: { '1': 2, '2': 0, '3': 0, '4': 0, '5': 0, '6': 4, '7': 3 } }),
    );
    expect(days.map((d) => [d.weekday, d.used, d.free, d.level])).toEqual([
      [1, 2, 2, 'free'],
      [2, 0, 4, 'free'],
      [3, 0, 4, 'free'],
      [4, 0, 4, 'free'],
      [5, 0, 4, 'free'],
      [6, 4, 0, 'full'],
      [7, 3, 1, 'busy'],
    ]);
  });

  it('reads a capacity lowered below the placements as full, with nothing free', () => {
    const [monday] = weekdayUse(
      aSite({ capacity: 1, occupancy: { '1': 2, '2': 0, '3': 0, '4': 0, '5': 0, '6': 0, '7': 0 } }),
    );
    expect(monday).toMatchObject({ used: 2, free: 0, level: 'full' });
  });

  it('names the busiest weekday', () => {
    expect(peakUse(aSite())).toMatchObject({ weekday: 6, used: 4 });
  });
});
