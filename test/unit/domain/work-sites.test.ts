import { describe, expect, it } from 'vitest';
import {
  agreementStatus,
  busiestWeekday,
  siteCapacityViolations,
  sitePartnerViolations,
  type Occupancy,
} from '../../../functions/domain';

const occupancy = (counts: Partial<Occupancy> = {}): Occupancy => ({
  '1': 0,
  '2': 0,
  '3': 0,
  '4': 0,
  '5': 0,
  '6': 0,
  '7': 0,
  ...counts,
});

describe('partners and work sites', () => {
  it('PKS-STATUS reads an agreement against the office-local day, both ends valid', () => {
    const status = (validFrom: string, validUntil: string) =>
      agreementStatus({ validFrom, validUntil }, '2026-06-01');
    expect(status('2026-06-02', '2027-06-01')).toBe('not_yet_valid');
    expect(status('2026-06-01', '2027-06-01')).toBe('valid');
    expect(status('2026-01-01', '2026-07-02')).toBe('valid');
    expect(status('2026-01-01', '2026-07-01')).toBe('expiring');
    expect(status('2026-01-01', '2026-06-01')).toBe('expiring');
    expect(status('2025-01-01', '2026-05-31')).toBe('expired');
  });

  it('SITE-CAPACITY refuses a capacity below the busiest weekday and accepts it equal', () => {
    const filled = occupancy({ '1': 2, '6': 4 });
    expect(busiestWeekday(filled)).toBe(4);
    expect(siteCapacityViolations(4, filled)).toEqual([]);
    expect(siteCapacityViolations(3, filled)).toEqual([
      {
        rule: 'SITE-CAPACITY',
        path: 'capacity',
        message: 'At least 4: placements fill that many places on one weekday.',
      },
    ]);
    expect(siteCapacityViolations(1, occupancy())).toEqual([]);
  });

  it('SITE-PARTNER refuses a partner the office does not have, on partnerId', () => {
    expect(sitePartnerViolations(true)).toEqual([]);
    expect(sitePartnerViolations(false).map((v) => `${v.rule} ${v.path}`)).toEqual([
      'SITE-PARTNER partnerId',
    ]);
  });
});
