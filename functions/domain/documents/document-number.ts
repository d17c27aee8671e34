/**
 * The office's document register (issue 14): every issued document gets a number from a pattern the
 * office sets, such as `W23.PAS.PAS3-PK.01.05-{seq}`, the way its paper agenda book numbers letters.
 * Pure: the store keeps one counter per `sequenceScope` and increments it in the issuing transaction;
 * this module says what the pattern may contain (rule DOC-NUMBER-PATTERN) and writes the number.
 *
 * The rule's point is uniqueness: a jaksa cites a document by its number, so a pattern that could give
 * two documents the same number is refused when the office saves it, not discovered on paper later.
 */
import { isLocalDate, type LocalDate } from '../calendar';
import { joinPath, resultOf, Rule, violation, type Result, type RuleViolation } from '../rules';

/** The documents a Bapas issues (issue 14). Keys are stored and sent over the API: never renamed. */
export const DOCUMENT_KINDS = [
  'completion_record',
  'referral_report',
  'progress_report',
  'placement_letter',
  'attendance_sheet',
  'monthly_report',
  'regional_rollup',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** What `{kind}` writes unless the office names its own codes. */
export const DEFAULT_KIND_CODES: Readonly<Record<DocumentKind, string>> = {
  completion_record: 'BA.PNY',
  referral_report: 'LAP.RJK',
  progress_report: 'LAP.PKB',
  placement_letter: 'SRT.PNP',
  attendance_sheet: 'DH',
  monthly_report: 'LAP.BLN',
  regional_rollup: 'REKAP',
};

/** When the sequence starts again at 1: each calendar year (the usual agenda book) or never. */
export const SEQUENCE_RESTARTS = ['yearly', 'never'] as const;
export type SequenceRestart = (typeof SEQUENCE_RESTARTS)[number];

/** One sequence for all of the office's documents, or one per kind of document. */
export const SEQUENCE_SCOPES = ['office', 'kind'] as const;
export type SequencePer = (typeof SEQUENCE_SCOPES)[number];

export interface DocumentRegister {
  readonly pattern: string;
  readonly restart: SequenceRestart;
  readonly sequencePer: SequencePer;
  /** The office's own codes for `{kind}`; a kind it leaves out writes its default code. */
  readonly kindCodes?: Readonly<Partial<Record<DocumentKind, string>>>;
}

/** The register of an office that has set none: one yearly sequence, the kind and the date in the number. */
export const DEFAULT_DOCUMENT_REGISTER: DocumentRegister = {
  pattern: '{kind}-{seq:4}/{mm:roman}/{yyyy}',
  restart: 'yearly',
  sequencePer: 'office',
};

export const MAX_PATTERN_LENGTH = 80;
/** The counter's ceiling: eight digits is more than any office's agenda will reach. */
export const MAX_SEQUENCE = 99_999_999;

/**
 * Letters, digits and the separators Indonesian letter numbers use (`.`, `-`, `/`, `_`): a number is
 * printed, typed into other offices' registers and put in file names, so nothing else.
 */
const LITERAL = /^[A-Za-z0-9./_-]$/;
const KIND_CODE = /^[A-Za-z0-9][A-Za-z0-9./_-]{0,19}$/;

type Token =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'seq'; readonly width: number }
  | { readonly kind: 'yyyy' | 'yy' | 'mm' | 'mm:roman' | 'kind' };

const NAMED_TOKENS = new Set(['yyyy', 'yy', 'mm', 'mm:roman', 'kind']);

/** The pattern as tokens, or the violations of its syntax (unknown token, stray brace, bad character). */
function tokenize(pattern: string, path: string): { tokens: Token[]; violations: RuleViolation[] } {
  const tokens: Token[] = [];
  const violations: RuleViolation[] = [];
  const refuse = (message: string) => violations.push(violation(Rule.DOC_NUMBER_PATTERN, path, message));
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i] as string;
    if (char === '{') {
      const end = pattern.indexOf('}', i);
      const name = end < 0 ? undefined : pattern.slice(i + 1, end);
      if (name === undefined || name.includes('{')) {
        refuse(`A "{" at position ${i + 1} is not closed.`);
        break;
      }
      const seq = /^seq(?::([1-9]))?$/.exec(name);
      if (seq) tokens.push({ kind: 'seq', width: Number(seq[1] ?? 1) });
      else if (NAMED_TOKENS.has(name)) tokens.push({ kind: name as 'yyyy' });
      else
        refuse(
          `Unknown token {${name}}: use {seq}, {seq:N} (N 1–9), {yyyy}, {yy}, {mm}, {mm:roman} or {kind}.`,
        );
      i = end + 1;
    } else if (char === '}') {
      refuse(`A "}" at position ${i + 1} closes nothing.`);
      i += 1;
    } else {
      if (!LITERAL.test(char)) {
        refuse(`"${char}" is not allowed: use letters, digits, ".", "-", "/" and "_" between the tokens.`);
      }
      const last = tokens.at(-1);
      if (last?.kind === 'literal') tokens[tokens.length - 1] = { kind: 'literal', text: last.text + char };
      else tokens.push({ kind: 'literal', text: char });
      i += 1;
    }
  }
  return { tokens, violations };
}

const VARIABLE_WIDTH = new Set<Token['kind']>(['seq', 'kind', 'mm:roman']);
const SEPARATOR = /[./_-]/;

/** Whether each token of varying width is bordered only by separators (or the ends of the number). */
function variableTokensSetOff(tokens: readonly Token[]): boolean {
  return tokens.every((token, i) => {
    if (!VARIABLE_WIDTH.has(token.kind)) return true;
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    const setOff = (neighbour: Token | undefined, char: (text: string) => string) =>
      neighbour === undefined || (neighbour.kind === 'literal' && SEPARATOR.test(char(neighbour.text)));
    return setOff(before, (text) => text.slice(-1)) && setOff(after, (text) => text.slice(0, 1));
  });
}

/**
 * DOC-NUMBER-PATTERN: whether a register can number documents without two sharing a number. `path` is
 * where the register sits in the request body (`documentRegister`), so each refusal names its field.
 *
 * @example validateDocumentRegister({ pattern: 'W23.PAS.PAS3-PK.01.05-{seq}', restart: 'never', sequencePer: 'office' })
 */
export function validateDocumentRegister(register: DocumentRegister, path = ''): Result<DocumentRegister> {
  const at = (key: string) => joinPath(path, key);
  const violations: RuleViolation[] = [];
  const refuse = (field: string, message: string) =>
    violations.push(violation(Rule.DOC_NUMBER_PATTERN, at(field), message));
  const pattern = register.pattern;
  if (typeof pattern !== 'string' || pattern.trim() === '') {
    refuse('pattern', 'The pattern is required, e.g. W23.PAS.PAS3-PK.01.05-{seq}.');
    return resultOf(violations, () => register);
  }
  if (pattern.length > MAX_PATTERN_LENGTH) {
    refuse('pattern', `The pattern is at most ${MAX_PATTERN_LENGTH} characters.`);
  }
  const { tokens, violations: syntax } = tokenize(pattern, at('pattern'));
  violations.push(...syntax);
  const count = (kind: Token['kind']) => tokens.filter((t) => t.kind === kind).length;
  if (syntax.length === 0 && count('seq') !== 1) {
    refuse('pattern', 'The pattern holds exactly one {seq} (or {seq:N}), the running number.');
  }
  if (syntax.length === 0) {
    for (const name of ['yyyy', 'yy', 'mm', 'mm:roman', 'kind'] as const) {
      if (count(name) > 1) refuse('pattern', `{${name}} appears once at most.`);
    }
    if (!variableTokensSetOff(tokens)) {
      refuse(
        'pattern',
        'Put ".", "-", "/" or "_" between {seq}, {kind} or {mm:roman} and whatever is next to them, so the parts of a number cannot run together.',
      );
    }
  }
  if (!(SEQUENCE_RESTARTS as readonly string[]).includes(register.restart)) {
    refuse('restart', `restart is one of ${SEQUENCE_RESTARTS.join(', ')}.`);
  } else if (register.restart === 'yearly' && count('yyyy') + count('yy') === 0) {
    refuse('pattern', 'A sequence that restarts every year needs {yyyy} or {yy} in the number.');
  }
  if (!(SEQUENCE_SCOPES as readonly string[]).includes(register.sequencePer)) {
    refuse('sequencePer', `sequencePer is one of ${SEQUENCE_SCOPES.join(', ')}.`);
  } else if (register.sequencePer === 'kind' && count('kind') === 0) {
    refuse('pattern', 'A sequence per kind of document needs {kind} in the number.');
  }
  const seen = new Map<string, DocumentKind>();
  for (const kind of DOCUMENT_KINDS) {
    const code = kindCode(register, kind);
    const own = register.kindCodes?.[kind] !== undefined;
    if (own && !KIND_CODE.test(code)) {
      refuse(
        joinPath('kindCodes', kind),
        'A kind code is 1–20 letters, digits, ".", "-", "/" or "_", starting with a letter or digit.',
      );
    }
    // Only a number that writes {kind} can be told apart by it: there two codes must differ, and one
    // may not begin another (`LAP` and `LAP.RJK`), or `{kind}.{seq}` could write one number twice.
    const clash = [...seen].find(([seenCode]) => {
      const [a, b] = [seenCode, code.toUpperCase()];
      return a === b || a.startsWith(b) || b.startsWith(a);
    });
    if (clash && count('kind') > 0) {
      refuse(joinPath('kindCodes', kind), `The code ${code} overlaps ${clash[1]}'s code ${clash[0]}.`);
    }
    seen.set(code.toUpperCase(), kind);
  }
  for (const key of Object.keys(register.kindCodes ?? {})) {
    if (!(DOCUMENT_KINDS as readonly string[]).includes(key)) {
      refuse(joinPath('kindCodes', key), `Not a kind of document: ${DOCUMENT_KINDS.join(', ')}.`);
    }
  }
  return resultOf(violations, () => register);
}

/** What `{kind}` writes for a kind of document in this register. */
export const kindCode = (register: DocumentRegister, kind: DocumentKind): string =>
  register.kindCodes?.[kind] ?? DEFAULT_KIND_CODES[kind];

const ROMAN_MONTHS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'] as const;

export interface NumberInput {
  readonly kind: DocumentKind;
  /** The counter's value for this document, from 1. */
  readonly seq: number;
  /** The issue date, in the office's zone. */
  readonly date: LocalDate;
}

/**
 * The number of one document. The register must have passed `validateDocumentRegister` (it is checked
 * when the office saves it); a pattern or input that is not valid throws, as a programming error.
 *
 * @example formatDocumentNumber({ pattern: 'W23.PAS.PAS3-PK.01.05-{seq}', restart: 'never', sequencePer: 'office' }, { kind: 'completion_record', seq: 123, date: '2026-12-05' }) // 'W23.PAS.PAS3-PK.01.05-123'
 */
export function formatDocumentNumber(register: DocumentRegister, input: NumberInput): string {
  const checked = validateDocumentRegister(register);
  if (!checked.ok) throw new RangeError(`invalid document register: ${checked.violations[0]?.message}`);
  if (!Number.isInteger(input.seq) || input.seq < 1 || input.seq > MAX_SEQUENCE) {
    throw new RangeError(`sequence out of range: ${input.seq}`);
  }
  if (!isLocalDate(input.date)) throw new RangeError(`not a date: ${input.date}`);
  const [year, month] = input.date.split('-') as [string, string, string];
  return tokenize(register.pattern, 'pattern')
    .tokens.map((token) => {
      switch (token.kind) {
        case 'literal':
          return token.text;
        case 'seq':
          return String(input.seq).padStart(token.width, '0');
        case 'yyyy':
          return year;
        case 'yy':
          return year.slice(2);
        case 'mm':
          return month;
        case 'mm:roman':
          return ROMAN_MONTHS[Number(month) - 1] as string;
        case 'kind':
          return kindCode(register, input.kind);
      }
    })
    .join('');
}

/**
 * Which counter a document draws its sequence from: the store keeps one per scope (e.g.
 * `O#<office>#DOCSEQ#2026` or `…#DOCSEQ#all#completion_record`), so a yearly register starts at 1 on
 * 1 January in the office's zone without anyone resetting it.
 */
export function sequenceScope(register: DocumentRegister, kind: DocumentKind, date: LocalDate): string {
  if (!isLocalDate(date)) throw new RangeError(`not a date: ${date}`);
  const period = register.restart === 'yearly' ? date.slice(0, 4) : 'all';
  return register.sequencePer === 'kind' ? `${period}#${kind}` : period;
}
