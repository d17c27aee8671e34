/**
 * The few rules the document screens share, pure (no messages, no requests), unit-tested in
 * test/unit/web/documents.test.ts: what a correction sends, how the paper prints a fingerprint, whether
 * a checked file is the one issued, and which month may be reported on.
 */
import type { IssueDocumentBody, OfficialDocument } from './api-types';

/**
 * What a correction of `document` sends: the same kind about the same record and period, naming the
 * one it replaces. Null for what the register does not hold (the Kanwil roll-up). A referral report is
 * rebuilt from the case's latest referral: the record does not keep which referral it reported.
 */
export function reissueBody(document: OfficialDocument): IssueDocumentBody | null {
  const replaces = document.id;
  const id = document.subject.id;
  switch (document.kind) {
    case 'completion_record':
    case 'referral_report':
    case 'placement_letter':
      return { kind: document.kind, caseId: id, replaces };
    case 'progress_report':
      return {
        kind: document.kind,
        caseId: id,
        ...(document.period ? { month: document.period } : {}),
        replaces,
      };
    case 'attendance_sheet':
      return document.period ? { kind: document.kind, siteId: id, month: document.period, replaces } : null;
    case 'monthly_report':
      return document.period ? { kind: document.kind, month: document.period, replaces } : null;
    case 'regional_rollup':
      return null;
  }
}

/** The fingerprint as the paper prints it: the first 16 hex digits in groups of four. */
export function printedFingerprint(fingerprint: string): string {
  return (fingerprint.slice(0, 16).match(/.{1,4}/g) ?? []).join(' ');
}

/** Whether a file's SHA-256 (hex) is the stored file's; case and spaces do not matter. */
export function sameHash(computed: string, stored: string | undefined): boolean {
  const clean = (hex: string) => hex.replace(/\s+/g, '').toLowerCase();
  return stored !== undefined && stored !== '' && clean(computed) === clean(stored);
}

/** True when the API refused because the office has no letterhead yet (an admin sets it). */
export function needsSettings(errors: readonly { rule?: string | undefined }[]): boolean {
  return errors.some((e) => e.rule === 'DOC-SETTINGS');
}

/** `YYYY-MM` that has begun by `thisMonth` (the API refuses a later one). */
export function isReportMonth(month: string, thisMonth: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(month) && month <= thisMonth;
}
