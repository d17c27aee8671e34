import { describe, expect, it } from 'vitest';
import { fineSubstituteHours } from '../../../functions/domain';

describe('fine substitute (KUHP 82)', () => {
  it('KS-FINE-SUBSTITUTE gives one hour per Rp50,000 or part of it', () => {
    expect(fineSubstituteHours(1_000_000)).toEqual({ ok: true, value: { fullHours: 20, hours: 20 } });
    expect(fineSubstituteHours(1_000_001)).toEqual({ ok: true, value: { fullHours: 21, hours: 21 } });
    expect(fineSubstituteHours(10_000_000)).toEqual({ ok: true, value: { fullHours: 200, hours: 200 } });
  });

  it('KS-FINE-SUBSTITUTE never goes below 8 hours for a small fine', () => {
    expect(fineSubstituteHours(50_000)).toEqual({ ok: true, value: { fullHours: 8, hours: 8 } });
    expect(fineSubstituteHours(400_001)).toEqual({ ok: true, value: { fullHours: 9, hours: 9 } });
  });

  it('KS-FINE-SUBSTITUTE reduces the hours in proportion to a partial payment, rounding up', () => {
    expect(fineSubstituteHours(1_000_000, 500_000)).toEqual({
      ok: true,
      value: { fullHours: 20, hours: 10 },
    });
    expect(fineSubstituteHours(1_000_000, 510_000)).toEqual({
      ok: true,
      value: { fullHours: 20, hours: 10 },
    });
    expect(fineSubstituteHours(1_000_000, 1_000_000)).toEqual({
      ok: true,
      value: { fullHours: 20, hours: 0 },
    });
  });

  it('KS-FINE-SUBSTITUTE refuses fines above kategori II and impossible payments', () => {
    const r = fineSubstituteHours(10_000_001, -1);
    expect(!r.ok && r.violations.map((v) => v.path)).toEqual(['fineRupiah', 'paidRupiah']);
    expect(fineSubstituteHours(1_000_000, 1_000_001).ok).toBe(false);
    expect(fineSubstituteHours(0).ok).toBe(false);
  });
});
