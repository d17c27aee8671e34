/**
 * The document settings' refusals (DOC-SETTINGS, DOC-NUMBER-PATTERN) in the user's language. The
 * domain writes each in English with the parts it names (a token, a position, a code);
 * `classifyProblem` recognises which one it is, and each has a message here with the same parts.
 */
import { m } from '../paraglide/messages.js';
import type { FieldError } from './api-types';
import {
  classifyProblem,
  OFFICE_DOCUMENT_KINDS,
  type OfficeDocumentKind,
  type ProblemCode,
} from './document-settings';

const KIND_LABELS: Record<OfficeDocumentKind, () => string> = {
  completion_record: m.docset_kind_completion_record,
  referral_report: m.docset_kind_referral_report,
  progress_report: m.docset_kind_progress_report,
  placement_letter: m.docset_kind_placement_letter,
  attendance_sheet: m.docset_kind_attendance_sheet,
  monthly_report: m.docset_kind_monthly_report,
};

/** A kind of document by its name (the key itself for a kind the office does not number). */
export const documentKindName = (kind: string): string =>
  (OFFICE_DOCUMENT_KINDS as readonly string[]).includes(kind)
    ? KIND_LABELS[kind as OfficeDocumentKind]()
    : kind;

const TEXT: Record<ProblemCode, (v: Record<string, string>) => string> = {
  required: () => m.form_required(),
  one_line: (v) => m.docset_problem_one_line({ max: v.max ?? '' }),
  three_lines: () => m.docset_problem_three_lines(),
  nip: () => m.docset_problem_nip(),
  pattern_required: () => m.docset_problem_pattern_required({ example: 'W23.PAS.PAS3-PK.01.05-{seq}' }),
  pattern_length: (v) => m.docset_problem_pattern_length({ max: v.max ?? '' }),
  unclosed: (v) => m.docset_problem_unclosed({ position: v.position ?? '' }),
  unknown_token: (v) => m.docset_problem_unknown_token({ token: v.token ?? '' }),
  stray_brace: (v) => m.docset_problem_stray_brace({ position: v.position ?? '' }),
  bad_char: (v) => m.docset_problem_bad_char({ char: v.char ?? '' }),
  one_seq: () => m.docset_problem_one_seq({ seq: '{seq}', seqN: '{seq:N}' }),
  token_twice: (v) => m.docset_problem_token_twice({ token: v.token ?? '' }),
  separator: () => m.docset_problem_separator({ tokens: '{seq}, {kind}, {mm:roman}' }),
  yearly_needs_year: () => m.docset_problem_yearly_needs_year({ yyyy: '{yyyy}', yy: '{yy}' }),
  kind_needs_kind: () => m.docset_problem_kind_needs_kind({ token: '{kind}' }),
  kind_code: () => m.docset_problem_kind_code(),
  kind_overlap: (v) =>
    m.docset_problem_kind_overlap({
      code: v.code ?? '',
      other: v.other ?? '',
      kind: documentKindName(v.kind ?? ''),
    }),
};

/** The error with its message in the user's language; one the rules do not know keeps its own. */
export function translated(error: FieldError): FieldError {
  const known = classifyProblem(error.message);
  return known ? { ...error, message: TEXT[known.code](known.values) } : error;
}
