import { describe, expect, it } from 'vitest';
import {
  childProtectionOf,
  committedAsChild,
  DEFAULT_LAWFUL_BASIS,
  initialsOf,
  lawfulBasisOf,
  validateClientRegistration,
} from '../../../functions/domain';

const adultTrack = (offenceDate?: string) => ({
  sentence: { kind: 'kerja_sosial' as const },
  decision: offenceDate ? { offenceDate } : {},
});

describe('children by the age at the offence', () => {
  it('PDP-CHILD-AT-OFFENCE: a case on the children track, or for an offence before 18, marks the client', () => {
    expect(committedAsChild('2008-02-20', { sentence: { kind: 'pelayanan_masyarakat' } })).toBe(true);
    expect(committedAsChild('2008-02-20', adultTrack('2026-02-19'))).toBe(true);
    expect(committedAsChild('2008-02-20', adultTrack('2026-02-20'))).toBe(false);
    expect(committedAsChild('2008-02-20', adultTrack())).toBe(false);
  });

  it('PDP-CHILD-AT-OFFENCE: protections stay after the 18th birthday once marked, and hold for a child today', () => {
    const grownUp = { birthDate: '2008-02-20' };
    expect(childProtectionOf({ ...grownUp, childAtOffence: { caseId: 'X' } }, '2030-01-01')).toBe(
      'age-at-offence',
    );
    expect(childProtectionOf(grownUp, '2026-02-19')).toBe('age-today');
    expect(childProtectionOf(grownUp, '2026-02-20')).toBeUndefined();
  });

  it('PDP-CHILD-AT-OFFENCE: a marked client keeps needing a guardian (CL-GUARDIAN) as an adult', () => {
    const client = { nik: '7373012002080011', birthDate: '2008-02-20', sex: 'M' as const };
    expect(validateClientRegistration(client, '2027-01-01').ok).toBe(true);
    const marked = validateClientRegistration({ ...client, childAtOffence: { caseId: 'X' } }, '2027-01-01');
    expect(marked.ok).toBe(false);
  });

  it('PDP-CHILD-AT-OFFENCE: partner systems see initials only', () => {
    expect(initialsOf('  andi   baso pawelloi ')).toBe('A. B. P.');
  });

  it('records the legal obligation (Pasal 20(2)(c)) when no basis was stated', () => {
    expect(lawfulBasisOf({})).toBe(DEFAULT_LAWFUL_BASIS);
    expect(DEFAULT_LAWFUL_BASIS.article).toContain('Pasal 20 ayat (2) huruf c');
    const stated = { basis: 'public_task' as const, article: 'UU 27/2022 Pasal 20 ayat (2) huruf e' };
    expect(lawfulBasisOf({ lawfulBasis: stated })).toBe(stated);
  });
});
