/**
 * The office's document settings as the settings form edits them (issue 14): the letterhead, the head
 * who signs and the number register, as a draft of text inputs, and back as the body of
 * `PUT /v1/offices/{officeId}/document-settings`. The checks and the numbers come from the server's
 * own pure rules (DOC-SETTINGS, DOC-NUMBER-PATTERN), so the example and the messages the admin sees
 * while typing are the ones the server would give. Pure, tested in test/unit/web/document-settings.test.ts.
 */
import {
  DEFAULT_DOCUMENT_REGISTER,
  DEFAULT_KIND_CODES,
  formatDocumentNumber,
  validateDocumentRegister,
  type DocumentKind,
  type DocumentRegister,
  type SequencePer,
  type SequenceRestart,
} from '../../../functions/domain/documents/document-number';
import {
  validateDocumentSettings,
  type OfficeDocumentSettings,
} from '../../../functions/domain/documents/document-settings';
import { DEFAULT_PARENT_LINES } from '../../../functions/domain/documents/official-document';
import type { FieldError, OfficeDetail } from './api-types';

export type DocumentSettings = NonNullable<OfficeDetail['documentSettings']>;

/** The kinds an office numbers from its register (a Kanwil's roll-up is numbered in its own agenda). */
export const OFFICE_DOCUMENT_KINDS = [
  'completion_record',
  'referral_report',
  'progress_report',
  'placement_letter',
  'attendance_sheet',
  'monthly_report',
] as const satisfies readonly DocumentKind[];
export type OfficeDocumentKind = (typeof OFFICE_DOCUMENT_KINDS)[number];

export { DEFAULT_KIND_CODES };

/** Three lines above the Kanwil line, named by their index as the API's paths name them. */
export type ParentLines = Record<'0' | '1' | '2', string>;

export interface SettingsDraft {
  parentLines: ParentLines;
  letterhead: { kanwil: string; officeName: string; address: string; contact: string; city: string };
  head: { name: string; nip: string; role: string };
  register: { pattern: string; restart: SequenceRestart; sequencePer: SequencePer };
  /** The office's own code per kind; empty writes the default code. */
  kindCodes: Record<OfficeDocumentKind, string>;
}

/**
 * The form's starting values: the office's settings, or (before any are saved) the ministry line, the
 * office's name and the default register, so an admin fills in only what Abdi cannot know.
 */
export function draftOf(
  settings: OfficeDocumentSettings | DocumentSettings | undefined,
  officeName: string,
): SettingsDraft {
  const parents = settings?.letterhead.parentLines ?? DEFAULT_PARENT_LINES;
  const register = settings?.register ?? DEFAULT_DOCUMENT_REGISTER;
  const letterhead = settings?.letterhead;
  return {
    parentLines: { 0: parents[0] ?? '', 1: parents[1] ?? '', 2: parents[2] ?? '' },
    letterhead: {
      kanwil: letterhead?.kanwil ?? '',
      officeName: letterhead?.officeName ?? officeName,
      address: letterhead?.address ?? '',
      contact: letterhead?.contact ?? '',
      city: letterhead?.city ?? '',
    },
    head: {
      name: settings?.head.name ?? '',
      nip: settings?.head.nip ?? '',
      role: settings?.head.role ?? '',
    },
    register: {
      pattern: register.pattern,
      restart: register.restart,
      sequencePer: register.sequencePer,
    },
    kindCodes: Object.fromEntries(
      OFFICE_DOCUMENT_KINDS.map((kind) => [kind, register.kindCodes?.[kind] ?? '']),
    ) as Record<OfficeDocumentKind, string>,
  };
}

/** A text input's value, trimmed, or nothing when blank (optional members are left out, not sent empty). */
const optional = (value: string): string | undefined => value.trim() || undefined;

/** The register the draft describes: kind codes only where the office set its own. */
export function registerOf(draft: SettingsDraft): DocumentRegister {
  const codes = Object.fromEntries(
    OFFICE_DOCUMENT_KINDS.flatMap((kind) => {
      const code = draft.kindCodes[kind].trim();
      return code ? [[kind, code]] : [];
    }),
  );
  return {
    pattern: draft.register.pattern.trim(),
    restart: draft.register.restart,
    sequencePer: draft.register.sequencePer,
    ...(Object.keys(codes).length ? { kindCodes: codes } : {}),
  };
}

/**
 * The body to save. Blank parent lines are not printed; when none is left, or they are the ministry
 * line itself, they are left out, so the office follows the default should the ministry be renamed.
 */
export function settingsOf(draft: SettingsDraft): OfficeDocumentSettings & DocumentSettings {
  const parents = [draft.parentLines[0], draft.parentLines[1], draft.parentLines[2]]
    .map((line) => line.trim())
    .filter(Boolean);
  const isDefault =
    parents.length === 0 ||
    (parents.length === DEFAULT_PARENT_LINES.length &&
      parents.every((l, i) => l === DEFAULT_PARENT_LINES[i]));
  const { kanwil, officeName, address, contact, city } = draft.letterhead;
  const { name, nip, role } = draft.head;
  const contactLine = optional(contact);
  const nipValue = optional(nip);
  const roleValue = optional(role);
  return {
    letterhead: {
      ...(isDefault ? {} : { parentLines: parents }),
      kanwil: kanwil.trim(),
      officeName: officeName.trim(),
      address: address.trim(),
      ...(contactLine ? { contact: contactLine } : {}),
      city: city.trim(),
    },
    head: {
      name: name.trim(),
      ...(nipValue ? { nip: nipValue } : {}),
      ...(roleValue ? { role: roleValue } : {}),
    },
    register: registerOf(draft),
  };
}

/** What the server would refuse in the draft (DOC-SETTINGS, DOC-NUMBER-PATTERN), by field. */
export function problemsOf(draft: SettingsDraft): FieldError[] {
  const checked = validateDocumentSettings(settingsOf(draft));
  return checked.ok ? [] : checked.violations.map(({ rule, path, message }) => ({ rule, path, message }));
}

/** One example number: which kind, on which day, with which running number. */
export interface ExampleNumber {
  readonly kind: OfficeDocumentKind;
  readonly date: string;
  readonly seq: number;
  readonly number: string;
}

/**
 * The numbers the register would give a fresh counter: three documents today (two kinds, so one
 * sequence for the office and one per kind show apart) and one early next year (so a yearly restart
 * shows). Null while the register breaks DOC-NUMBER-PATTERN: no number can be shown then.
 */
export function exampleNumbers(register: DocumentRegister, today: string): ExampleNumber[] | null {
  if (!validateDocumentRegister(register).ok) return null;
  const nextYear = `${Number(today.slice(0, 4)) + 1}-01-02`;
  const issues: { kind: OfficeDocumentKind; date: string }[] = [
    { kind: 'completion_record', date: today },
    { kind: 'placement_letter', date: today },
    { kind: 'completion_record', date: today },
    { kind: 'completion_record', date: nextYear },
  ];
  const counters = new Map<string, number>();
  return issues.map(({ kind, date }) => {
    const period = register.restart === 'yearly' ? date.slice(0, 4) : 'all';
    const scope = register.sequencePer === 'kind' ? `${period}#${kind}` : period;
    const seq = (counters.get(scope) ?? 0) + 1;
    counters.set(scope, seq);
    return { kind, date, seq, number: formatDocumentNumber(register, { kind, seq, date }) };
  });
}

/**
 * Which of the rules' refusals a message is, with the parts it names, so the form can say it in the
 * user's language. The domain writes its messages in English; the unit test runs every refusal the
 * rules can give through this, so a reworded message fails there rather than showing untranslated.
 */
export type ProblemCode =
  | 'required'
  | 'one_line'
  | 'three_lines'
  | 'nip'
  | 'pattern_required'
  | 'pattern_length'
  | 'unclosed'
  | 'unknown_token'
  | 'stray_brace'
  | 'bad_char'
  | 'one_seq'
  | 'token_twice'
  | 'separator'
  | 'yearly_needs_year'
  | 'kind_needs_kind'
  | 'kind_code'
  | 'kind_overlap';

const PROBLEMS: readonly [ProblemCode, RegExp][] = [
  ['required', /^Required\.$/],
  ['one_line', /^One line of at most (?<max>\d+) characters\.$/],
  ['three_lines', /^At most three lines\.$/],
  ['nip', /^An NIP is 18 digits\.$/],
  ['pattern_required', /^The pattern is required/],
  ['pattern_length', /^The pattern is at most (?<max>\d+) characters\.$/],
  ['unclosed', /^A "\{" at position (?<position>\d+) is not closed\.$/],
  ['unknown_token', /^Unknown token (?<token>\{[^}]*\})/],
  ['stray_brace', /^A "\}" at position (?<position>\d+) closes nothing\.$/],
  ['bad_char', /^"(?<char>.)" is not allowed/u],
  ['one_seq', /^The pattern holds exactly one \{seq\}/],
  ['token_twice', /^(?<token>\{[^}]+\}) appears once at most\.$/],
  ['separator', /^Put "\.", "-", "\/" or "_" between/],
  ['yearly_needs_year', /^A sequence that restarts every year needs/],
  ['kind_needs_kind', /^A sequence per kind of document needs/],
  ['kind_code', /^A kind code is 1–20/],
  ['kind_overlap', /^The code (?<code>\S+) overlaps (?<kind>[a-z_]+)'s code (?<other>\S+)\.$/],
];

export function classifyProblem(
  message: string,
): { code: ProblemCode; values: Record<string, string> } | null {
  for (const [code, pattern] of PROBLEMS) {
    const match = pattern.exec(message);
    if (match) return { code, values: { ...match.groups } };
  }
  return null;
}
