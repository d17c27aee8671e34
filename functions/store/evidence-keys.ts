/**
 * Object keys of evidence in the bucket. Dependency-free (no SDK), so that the verifier's bundle and
 * the bench can build and read them without the rest of the store.
 */
import { randomBytes } from 'node:crypto';

const KEY_PATTERN = /^evidence\/([a-z0-9][a-z0-9-]{1,62})\/([0-9A-Z]{26})\/([0-9A-Z]{26})-([0-9a-f]{32})$/;

/**
 * The object key for a new piece of evidence: office, case and evidence ids (opaque ULIDs) and 128
 * random bits, so a key can be neither guessed nor read for a name, NIK or file name.
 */
export function newEvidenceKey(officeId: string, caseId: string, evidenceId: string): string {
  return `evidence/${officeId}/${caseId}/${evidenceId}-${randomBytes(16).toString('hex')}`;
}

/** The record an object key belongs to, or undefined for a key that Abdi never issues. */
export function parseEvidenceKey(key: string) {
  const m = KEY_PATTERN.exec(key);
  return m ? { officeId: m[1]!, caseId: m[2]!, evidenceId: m[3]! } : undefined;
}
