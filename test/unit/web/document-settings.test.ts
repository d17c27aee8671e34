import { describe, expect, it } from 'vitest';
import {
  validateDocumentSettings,
  type OfficeDocumentSettings,
} from '../../../functions/domain/documents/document-settings';
import {
  classifyProblem,
  draftOf,
  exampleNumbers,
  problemsOf,
  registerOf,
  settingsOf,
  type ProblemCode,
} from '../../../web/src/lib/document-settings';

const PALOPO: OfficeDocumentSettings = {
  letterhead: {
    parentLines: [
      'KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA',
      'DIREKTORAT JENDERAL PEMASYARAKATAN',
    ],
    kanwil: 'KANTOR WILAYAH DIREKTORAT JENDERAL PEMASYARAKATAN SULAWESI SELATAN',
    officeName: 'Balai Pemasyarakatan Kelas II Palopo',
    address: 'Jl. Andi Djemma No. 1, Palopo',
    contact: 'Telp. (0471) 123456',
    city: 'Palopo',
  },
  head: { name: 'Andi Nurhayati', nip: '197801012005012001', role: 'Plh. Kepala' },
  register: {
    pattern: 'W23.PAS.PAS3-PK.01.05-{seq}/{kind}/{yyyy}',
    restart: 'yearly',
    sequencePer: 'kind',
    kindCodes: { completion_record: 'BA', attendance_sheet: 'DHR' },
  },
};

describe('the document settings draft', () => {
  it('starts an office without settings from the ministry line, its own name and the default register', () => {
    const draft = draftOf(undefined, 'Bapas Kelas I Makassar');
    expect(draft.parentLines).toEqual({
      0: 'KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA',
      1: '',
      2: '',
    });
    expect(draft.letterhead.officeName).toBe('Bapas Kelas I Makassar');
    expect(draft.letterhead.kanwil).toBe('');
    expect(draft.register).toEqual({
      pattern: '{kind}-{seq:4}/{mm:roman}/{yyyy}',
      restart: 'yearly',
      sequencePer: 'office',
    });
    expect(Object.values(draft.kindCodes).every((code) => code === '')).toBe(true);
  });

  it('gives back the settings it was made from', () => {
    expect(settingsOf(draftOf(PALOPO, 'ignored'))).toEqual(PALOPO);
  });

  it('leaves out the default ministry line, blank lines and blank optional members, and trims', () => {
    const draft = draftOf(undefined, 'Bapas Makassar');
    draft.letterhead = {
      kanwil: ' KANWIL ',
      officeName: 'Bapas Makassar',
      address: 'Jl. A',
      contact: ' ',
      city: 'Makassar',
    };
    draft.head = { name: ' Daeng Sikki ', nip: '', role: '  ' };
    draft.kindCodes.progress_report = '  LPK ';
    const settings = settingsOf(draft);
    expect(settings.letterhead).toEqual({
      kanwil: 'KANWIL',
      officeName: 'Bapas Makassar',
      address: 'Jl. A',
      city: 'Makassar',
    });
    expect(settings.head).toEqual({ name: 'Daeng Sikki' });
    expect(settings.register.kindCodes).toEqual({ progress_report: 'LPK' });

    draft.parentLines = { 0: '', 1: 'KEMENTERIAN X', 2: '' };
    expect(settingsOf(draft).letterhead.parentLines).toEqual(['KEMENTERIAN X']);
    draft.parentLines = { 0: '', 1: '', 2: '' };
    expect(settingsOf(draft).letterhead.parentLines).toBeUndefined();
  });

  it('finds what the server would refuse, by field, with the rule', () => {
    const draft = draftOf(PALOPO, '');
    expect(problemsOf(draft)).toEqual([]);
    draft.head.nip = '1978';
    draft.register.pattern = 'W23-{seq}{kind}';
    draft.letterhead.city = '';
    const problems = problemsOf(draft);
    expect(problems).toContainEqual({
      rule: 'DOC-SETTINGS',
      path: 'head.nip',
      message: 'An NIP is 18 digits.',
    });
    expect(problems).toContainEqual(
      expect.objectContaining({ rule: 'DOC-SETTINGS', path: 'letterhead.city' }),
    );
    expect(problems.filter((p) => p.rule === 'DOC-NUMBER-PATTERN').map((p) => p.path)).toEqual([
      'register.pattern',
      'register.pattern',
    ]);
  });
});

describe('example numbers', () => {
  const today = '2026-12-05';
  const numbers = (register: Parameters<typeof exampleNumbers>[0]) =>
    exampleNumbers(register, today)?.map((e) => e.number);

  it('count one sequence for the office across kinds, and restart on 1 January', () => {
    expect(numbers(registerOf(draftOf(undefined, '')))).toEqual([
      'BA.PNY-0001/XII/2026',
      'SRT.PNP-0002/XII/2026',
      'BA.PNY-0003/XII/2026',
      'BA.PNY-0001/I/2027',
    ]);
  });

  it('count per kind with the office codes, and on without a restart', () => {
    expect(numbers(PALOPO.register)).toEqual([
      'W23.PAS.PAS3-PK.01.05-1/BA/2026',
      'W23.PAS.PAS3-PK.01.05-1/SRT.PNP/2026',
      'W23.PAS.PAS3-PK.01.05-2/BA/2026',
      'W23.PAS.PAS3-PK.01.05-1/BA/2027',
    ]);
    expect(numbers({ pattern: 'W23.PAS-{seq:3}', restart: 'never', sequencePer: 'office' })).toEqual([
      'W23.PAS-001',
      'W23.PAS-002',
      'W23.PAS-003',
      'W23.PAS-004',
    ]);
  });

  it('are none while the pattern breaks DOC-NUMBER-PATTERN', () => {
    expect(
      exampleNumbers({ pattern: 'W23-{seq}', restart: 'yearly', sequencePer: 'office' }, today),
    ).toBeNull();
  });
});

describe('classifyProblem', () => {
  /** Settings that break each check once: every message the two rules can write. */
  const broken: [ProblemCode, (s: OfficeDocumentSettings) => OfficeDocumentSettings][] = [
    ['required', (s) => ({ ...s, head: { name: '' } })],
    ['one_line', (s) => ({ ...s, letterhead: { ...s.letterhead, address: 'x'.repeat(121) } })],
    ['three_lines', (s) => ({ ...s, letterhead: { ...s.letterhead, parentLines: ['A', 'B', 'C', 'D'] } })],
    ['nip', (s) => ({ ...s, head: { name: 'A', nip: '12' } })],
    ['pattern_required', (s) => ({ ...s, register: { ...s.register, pattern: ' ' } })],
    [
      'pattern_length',
      (s) => ({ ...s, register: { ...s.register, pattern: `{kind}-{seq}-{yyyy}-${'A'.repeat(80)}` } }),
    ],
    ['unclosed', (s) => ({ ...s, register: { ...s.register, pattern: '{kind}-{seq}-{yyyy' } })],
    ['unknown_token', (s) => ({ ...s, register: { ...s.register, pattern: '{kind}-{seq}-{year}' } })],
    ['stray_brace', (s) => ({ ...s, register: { ...s.register, pattern: '{kind}-{seq}-{yyyy}}' } })],
    ['bad_char', (s) => ({ ...s, register: { ...s.register, pattern: '{kind} {seq}-{yyyy}' } })],
    ['one_seq', (s) => ({ ...s, register: { ...s.register, pattern: '{kind}-{yyyy}' } })],
    ['token_twice', (s) => ({ ...s, register: { ...s.register, pattern: '{kind}-{seq}-{yyyy}-{yyyy}' } })],
    ['separator', (s) => ({ ...s, register: { ...s.register, pattern: '{kind}{seq}-{yyyy}' } })],
    ['yearly_needs_year', (s) => ({ ...s, register: { ...s.register, pattern: '{kind}-{seq}' } })],
    ['kind_needs_kind', (s) => ({ ...s, register: { ...s.register, pattern: 'W23-{seq}-{yyyy}' } })],
    ['kind_code', (s) => ({ ...s, register: { ...s.register, kindCodes: { completion_record: '.BA' } } })],
    [
      'kind_overlap',
      (s) => ({ ...s, register: { ...s.register, kindCodes: { referral_report: 'BA.PNY.X' } } }),
    ],
  ];

  it.each(broken)('knows the refusal %s, and nothing the rules write is left unknown', (code, breakIt) => {
    const checked = validateDocumentSettings(breakIt(PALOPO));
    expect(checked.ok).toBe(false);
    const violations = checked.ok ? [] : checked.violations;
    const codes = violations.map((v) => classifyProblem(v.message)?.code);
    expect(codes).toContain(code);
    expect(codes).not.toContain(undefined);
  });

  it('keeps the parts a message names, and knows nothing else', () => {
    expect(classifyProblem('Unknown token {year}: use {seq}, …')).toEqual({
      code: 'unknown_token',
      values: { token: '{year}' },
    });
    expect(classifyProblem("The code BA.PNY.X overlaps completion_record's code BA.PNY.")).toEqual({
      code: 'kind_overlap',
      values: { code: 'BA.PNY.X', kind: 'completion_record', other: 'BA.PNY' },
    });
    expect(classifyProblem('Too small: expected string to have >=1 characters')).toBeNull();
  });
});
