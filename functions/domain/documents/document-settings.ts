/**
 * What an office sets once before it issues documents (issue 14): its letterhead (kop surat), the head
 * who signs for the office (Kepala Bapas), and its number register. Kept on the office item beside its
 * policy, so every document use case has them from the guard's read.
 */
import { joinPath, resultOf, Rule, violation, type Result, type RuleViolation } from '../rules';
import type { Official } from './document-parts';
import {
  DEFAULT_DOCUMENT_REGISTER,
  validateDocumentRegister,
  type DocumentRegister,
} from './document-number';
import type { Letterhead } from './official-document';

export interface OfficeDocumentSettings {
  readonly letterhead: Letterhead;
  /** Kepala Bapas; where the head is away, the official signing for them (`role` says so: `Plh. Kepala`). */
  readonly head: Official & { readonly role?: string };
  readonly register: DocumentRegister;
}

/** Long enough for the longest Kanwil line; short enough that a line of the kop surat stays one line. */
const MAX_LINE = 120;
/** A civil servant's NIP: 18 digits (birth date, appointment month, sex, sequence). */
const NIP = /^\d{18}$/;

/**
 * DOC-SETTINGS: the letterhead's required lines are there and one line each, the head is named (an NIP
 * when given is 18 digits), and the register passes DOC-NUMBER-PATTERN. Refusals name their field
 * under `path` (the request body's root).
 */
export function validateDocumentSettings(
  settings: OfficeDocumentSettings,
  path = '',
): Result<OfficeDocumentSettings> {
  const violations: RuleViolation[] = [];
  const refuse = (field: string, message: string) =>
    violations.push(violation(Rule.DOC_SETTINGS, joinPath(path, field), message));
  const line = (field: string, value: string | undefined, required: boolean) => {
    if (value === undefined || value.trim() === '') {
      if (required) refuse(field, 'Required.');
    } else if (value.length > MAX_LINE || /[\r\n]/.test(value)) {
      refuse(field, `One line of at most ${MAX_LINE} characters.`);
    }
  };
  const { letterhead, head } = settings;
  (letterhead.parentLines ?? []).forEach((text, i) => line(`letterhead.parentLines.${i}`, text, true));
  if ((letterhead.parentLines?.length ?? 0) > 3) refuse('letterhead.parentLines', 'At most three lines.');
  line('letterhead.kanwil', letterhead.kanwil, true);
  line('letterhead.officeName', letterhead.officeName, true);
  line('letterhead.address', letterhead.address, true);
  line('letterhead.contact', letterhead.contact, false);
  line('letterhead.city', letterhead.city, true);
  line('head.name', head.name, true);
  line('head.role', head.role, false);
  if (head.nip !== undefined && !NIP.test(head.nip)) refuse('head.nip', 'An NIP is 18 digits.');
  const register = validateDocumentRegister(settings.register, joinPath(path, 'register'));
  if (!register.ok) violations.push(...register.violations);
  return resultOf(violations, () => settings);
}

/** The register of an office that set its letterhead but no numbering of its own. */
export const registerOf = (
  settings: Pick<OfficeDocumentSettings, 'register'> | undefined,
): DocumentRegister => settings?.register ?? DEFAULT_DOCUMENT_REGISTER;
