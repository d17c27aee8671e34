import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DOCUMENT_REGISTER,
  formatDocumentNumber,
  sequenceScope,
  validateDocumentRegister,
  type DocumentRegister,
} from '../../../functions/domain/documents';

const palopo: DocumentRegister = {
  pattern: 'W23.PAS.PAS3-PK.01.05-{seq}',
  restart: 'never',
  sequencePer: 'office',
};

/** The refused fields and rules of a register, or [] when it is valid. */
function refusals(register: DocumentRegister): string[] {
  const result = validateDocumentRegister(register, 'documentRegister');
  return result.ok ? [] : result.violations.map((v) => `${v.rule} ${v.path}`);
}

describe('document numbers (issue 14)', () => {
  it('DOC-NUMBER-PATTERN: accepts the Bapas agenda pattern and the default register', () => {
    expect(refusals(palopo)).toEqual([]);
    expect(refusals(DEFAULT_DOCUMENT_REGISTER)).toEqual([]);
    expect(refusals({ pattern: 'W23-{kind}-{seq:5}/{yy}', restart: 'yearly', sequencePer: 'kind' })).toEqual(
      [],
    );
  });

  it('DOC-NUMBER-PATTERN: refuses unknown tokens, stray braces and unsafe characters, naming the field', () => {
    const bad = (pattern: string) => refusals({ ...palopo, pattern });
    expect(bad('W23-{nomor}')).toEqual(['DOC-NUMBER-PATTERN documentRegister.pattern']);
    expect(bad('W23-{seq')).toContain('DOC-NUMBER-PATTERN documentRegister.pattern');
    expect(bad('W23}-{seq}')).toEqual(['DOC-NUMBER-PATTERN documentRegister.pattern']);
    expect(bad('W23 PAS-{seq}')).toEqual(['DOC-NUMBER-PATTERN documentRegister.pattern']);
    expect(bad('W23#{seq}')).toEqual(['DOC-NUMBER-PATTERN documentRegister.pattern']);
    expect(bad('{seq:0}')).toEqual(['DOC-NUMBER-PATTERN documentRegister.pattern']);
    expect(bad('')).toEqual(['DOC-NUMBER-PATTERN documentRegister.pattern']);
    expect(bad(`${'A'.repeat(80)}-{seq}`)).toEqual(['DOC-NUMBER-PATTERN documentRegister.pattern']);
  });

  it('DOC-NUMBER-PATTERN: needs exactly one {seq}, and each other token once at most', () => {
    expect(refusals({ ...palopo, pattern: 'W23.PAS' })).toHaveLength(1);
    expect(refusals({ ...palopo, pattern: '{seq}-{seq:4}' })).toHaveLength(1);
    expect(refusals({ ...palopo, pattern: '{yyyy}-{seq}-{yyyy}' })).toHaveLength(1);
  });

  it('DOC-NUMBER-PATTERN: a yearly sequence writes the year, a sequence per kind writes the kind', () => {
    expect(refusals({ ...palopo, restart: 'yearly' })).toEqual([
      'DOC-NUMBER-PATTERN documentRegister.pattern',
    ]);
    expect(refusals({ ...palopo, pattern: 'W23-{seq}/{yy}', restart: 'yearly' })).toEqual([]);
    expect(refusals({ ...palopo, sequencePer: 'kind' })).toEqual([
      'DOC-NUMBER-PATTERN documentRegister.pattern',
    ]);
    expect(refusals({ ...palopo, restart: 'monthly' as 'yearly' })).toEqual([
      'DOC-NUMBER-PATTERN documentRegister.restart',
    ]);
    expect(refusals({ ...palopo, sequencePer: 'site' as 'kind' })).toEqual([
      'DOC-NUMBER-PATTERN documentRegister.sequencePer',
    ]);
  });

  it('DOC-NUMBER-PATTERN: varying parts are set off by separators, so two numbers cannot run together', () => {
    // {seq}{kind}: seq 11 of kind `A` and seq 1 of kind `1A` would both read `11A`.
    expect(refusals({ ...palopo, pattern: '{seq}{kind}' })).toHaveLength(1);
    expect(refusals({ ...palopo, pattern: 'W23{seq}' })).toHaveLength(1);
    expect(refusals({ ...palopo, pattern: '{mm:roman}{seq}' })).toHaveLength(1);
    expect(refusals({ ...palopo, pattern: '{yyyy}-{seq}-{mm}' })).toEqual([]);
    expect(refusals({ ...palopo, pattern: '{seq}' })).toEqual([]);
  });

  it('DOC-NUMBER-PATTERN: kind codes are safe and, where the number writes them, do not overlap', () => {
    const withKind = { pattern: '{kind}-{seq}', restart: 'never', sequencePer: 'kind' } as const;
    expect(refusals({ ...withKind, kindCodes: { completion_record: 'BA PNY' } })).toEqual([
      'DOC-NUMBER-PATTERN documentRegister.kindCodes.completion_record',
    ]);
    expect(
      refusals({ ...withKind, kindCodes: { completion_record: 'BAP', referral_report: 'BAP.X' } }),
    ).toEqual(['DOC-NUMBER-PATTERN documentRegister.kindCodes.referral_report']);
    expect(refusals({ ...withKind, kindCodes: { progress_report: 'dh' } })).toEqual([
      'DOC-NUMBER-PATTERN documentRegister.kindCodes.attendance_sheet',
    ]);
    // Codes the number never writes cannot clash.
    expect(refusals({ ...palopo, kindCodes: { completion_record: 'X', referral_report: 'X' } })).toEqual([]);
    expect(refusals({ ...palopo, kindCodes: { invoice: 'INV' } as never })).toEqual([
      'DOC-NUMBER-PATTERN documentRegister.kindCodes.invoice',
    ]);
  });

  it('writes a number from the sequence and the issue date', () => {
    const at = (register: DocumentRegister, seq: number, date = '2026-12-05') =>
      formatDocumentNumber(register, { kind: 'completion_record', seq, date });
    expect(at(palopo, 123)).toBe('W23.PAS.PAS3-PK.01.05-123');
    expect(at(DEFAULT_DOCUMENT_REGISTER, 7)).toBe('BA.PNY-0007/XII/2026');
    expect(at(DEFAULT_DOCUMENT_REGISTER, 12345, '2027-04-01')).toBe('BA.PNY-12345/IV/2027');
    const own = { pattern: '{kind}-{seq:3}/{mm}/{yy}', restart: 'yearly', sequencePer: 'kind' } as const;
    expect(at({ ...own, kindCodes: { completion_record: 'BAP' } }, 9, '2026-01-31')).toBe('BAP-009/01/26');
  });

  it('refuses to write a number from an invalid register, sequence or date', () => {
    const input = { kind: 'completion_record', seq: 1, date: '2026-12-05' } as const;
    expect(() => formatDocumentNumber({ ...palopo, pattern: '{x}' }, input)).toThrow(RangeError);
    expect(() => formatDocumentNumber(palopo, { ...input, seq: 0 })).toThrow(RangeError);
    expect(() => formatDocumentNumber(palopo, { ...input, seq: 1.5 })).toThrow(RangeError);
    expect(() => formatDocumentNumber(palopo, { ...input, date: '2026-13-01' })).toThrow(RangeError);
  });

  it('draws each document from the counter its register restarts and splits by', () => {
    expect(sequenceScope(palopo, 'completion_record', '2026-12-05')).toBe('all');
    expect(sequenceScope(DEFAULT_DOCUMENT_REGISTER, 'completion_record', '2026-12-05')).toBe('2026');
    expect(
      sequenceScope({ ...DEFAULT_DOCUMENT_REGISTER, sequencePer: 'kind' }, 'attendance_sheet', '2027-01-01'),
    ).toBe('2027#attendance_sheet');
  });
});
