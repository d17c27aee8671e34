import { describe, expect, it } from 'vitest';
import { clockTime, decimal, longDate, numericDate, shortDate } from '../../../functions/domain';

describe('Indonesian formatting', () => {
  it('writes dates as letters and forms do', () => {
    expect(longDate('2026-12-05')).toBe('5 Desember 2026');
    expect(shortDate('2026-08-17')).toBe('17 Agu 2026');
    expect(numericDate('2026-01-02')).toBe('02/01/2026');
    expect(() => longDate('2026-02-30')).toThrow(RangeError);
  });

  it('writes times on the 24-hour clock with a point, and numbers with a decimal comma', () => {
    expect(clockTime('14:30')).toBe('14.30');
    expect(decimal(75.5)).toBe('75,5');
    expect(decimal(1234567.891)).toBe('1.234.567,89');
    expect(decimal(60)).toBe('60');
    // A whole number keeps its zeros, with or without fraction digits; a fraction loses its trailing ones.
    expect(decimal(1200, 0)).toBe('1.200');
    expect(decimal(1200)).toBe('1.200');
    expect(decimal(3.5, 2)).toBe('3,5');
    expect(decimal(10.05, 2)).toBe('10,05');
    expect(decimal(-0.25)).toBe('-0,25');
  });
});
