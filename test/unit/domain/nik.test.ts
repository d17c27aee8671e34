import { describe, expect, it } from 'vitest';
import { checkNikMatchesClient, isValidNik, parseNik, Rule } from '../../../functions/domain';

const TODAY = '2026-03-01';

describe('NIK', () => {
  it('ID-NIK reads a woman born 5 January 2005 in Makassar (day + 40)', () => {
    // Prepare
    const nik = '7371014501050003';
    // Act
    const r = parseNik(nik, TODAY);
    // Assess
    expect(r).toEqual({
      ok: true,
      value: {
        provinceCode: '73',
        regencyCode: '71',
        districtCode: '01',
        birthDate: '2005-01-05',
        sex: 'F',
        serial: '0003',
      },
    });
  });

  it('ID-NIK reads a man born 31 December 1999 and infers the 1900s', () => {
    const r = parseNik('7371013112990001', TODAY);
    expect(r.ok && r.value).toMatchObject({ birthDate: '1999-12-31', sex: 'M' });
  });

  it('ID-NIK infers the century relative to the reference date, not a fixed pivot', () => {
    // "260301" on 2026-03-01 is today; on 2026-02-28 it would be in the future, so 1926.
    const nik = '7371010103260001';
    const same = parseNik(nik, '2026-03-01');
    expect(same.ok && same.value.birthDate).toBe('2026-03-01');
    const earlier = parseNik(nik, '2026-02-28');
    expect(earlier.ok && earlier.value.birthDate).toBe('1926-03-01');
  });

  it('ID-NIK accepts day 71 (a woman born on the 31st) and refuses day 72 and day 32', () => {
    expect(isValidNik('7371017101050001', TODAY)).toBe(true);
    expect(isValidNik('7371017201050001', TODAY)).toBe(false);
    expect(isValidNik('7371013201050001', TODAY)).toBe(false);
  });

  it('ID-NIK refuses day 00 and day 40 (neither a man nor a woman can be born on day 0)', () => {
    expect(isValidNik('7371010001050001', TODAY)).toBe(false);
    expect(isValidNik('7371014001050001', TODAY)).toBe(false);
  });

  it('ID-NIK refuses 29 February in a common year and accepts it in a leap year', () => {
    expect(isValidNik('7371012902050001', TODAY)).toBe(false);
    expect(isValidNik('7371012902040001', TODAY)).toBe(true);
    expect(isValidNik('7371016902040001', TODAY)).toBe(true);
  });

  it('ID-NIK refuses wrong length, letters, unknown province, zero codes and zero serial', () => {
    for (const bad of [
      '737101450105000',
      '73710145010500031',
      '73710145010500O3',
      '0071014501050003',
      '7300014501050003',
      '7371004501050003',
      '7371014501050000',
    ]) {
      const r = parseNik(bad, TODAY);
      expect(r.ok, bad).toBe(false);
      expect(!r.ok && r.violations.every((v) => v.rule === Rule.ID_NIK && v.path === 'nik'), bad).toBe(true);
    }
  });

  it('ID-NIK reports on the path it is given', () => {
    const r = parseNik('123', TODAY, 'client.nik');
    expect(!r.ok && r.violations[0]?.path).toBe('client.nik');
  });

  it('ID-NIK-MATCH flags a birth date or sex that disagrees with the NIK', () => {
    // Prepare
    const nik = '7371014501050003';
    // Act
    const good = checkNikMatchesClient(nik, { birthDate: '2005-01-05', sex: 'F' }, TODAY);
    const bad = checkNikMatchesClient(nik, { birthDate: '2005-01-06', sex: 'M' }, TODAY);
    // Assess
    expect(good.ok).toBe(true);
    expect(!bad.ok && bad.violations.map((v) => [v.rule, v.path])).toEqual([
      ['ID-NIK-MATCH', 'birthDate'],
      ['ID-NIK-MATCH', 'sex'],
    ]);
  });
});
