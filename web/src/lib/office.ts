/**
 * Which office the user works in. Every office screen's URL starts with `/o/<officeId>`, so links are
 * shareable; the last office chosen is remembered on the device for `/`.
 */
import type { Me, Role } from './me';

export const OFFICE_KEY = 'abdi.office';

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

/** `/o/bapas-palopo`, `/o/bapas-palopo/cases/01J…`: each segment is encoded. */
export function officePath(officeId: string, ...rest: string[]): string {
  return ['', 'o', officeId, ...rest].map((s) => encodeURIComponent(s)).join('/');
}

/** The remembered office if the user still belongs to it, else their first office, else null. */
export function chooseOffice(offices: readonly { id: string }[], remembered: string | null): string | null {
  if (remembered && offices.some((o) => o.id === remembered)) return remembered;
  return offices[0]?.id ?? null;
}

export function rememberOffice(storage: StorageLike, officeId: string): void {
  try {
    storage.setItem(OFFICE_KEY, officeId);
  } catch {
    // Private mode or a full quota: remembering is a convenience.
  }
}

export function rememberedOffice(storage: StorageLike): string | null {
  try {
    return storage.getItem(OFFICE_KEY);
  } catch {
    return null;
  }
}

/** The office id of an office path, or null: `/o/bapas-palopo/cases` → `bapas-palopo`. */
export function officeOfPath(pathname: string): string | null {
  const match = /^\/o\/([^/]+)/.exec(pathname);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

/**
 * Where the office picker goes: the same list in the other office (without filters, which name
 * officers and sites of the first), else the other office's home. A case of one office never exists
 * in another, so a case page goes home too.
 */
export function switchOfficePath(pathname: string, officeId: string): string {
  const section = /^\/o\/[^/]+\/cases\/?$/.test(pathname) ? 'cases' : null;
  return section ? officePath(officeId, section) : officePath(officeId);
}

/** The user's roles in one office. */
export function rolesIn(me: Pick<Me, 'roles'>, officeId: string): Role[] {
  return me.roles.filter((grant) => grant.officeId === officeId).map((grant) => grant.role);
}

/** What the user may do in an office, by role, mirroring the API's access rules (the API decides). */
export interface Capabilities {
  /** Register clients and cases, change status, place, warn. */
  readonly manageCases: boolean;
  /** Record sessions. */
  readonly recordSessions: boolean;
  /** Verify and correct sessions (hours count once verified). */
  readonly verifySessions: boolean;
  /** Refer a case to the jaksa. */
  readonly refer: boolean;
  /** Record what the jaksa/court decided on a referral. */
  readonly recordOutcome: boolean;
  /** Office-wide numbers, referrals and the audit timeline. */
  readonly readOffice: boolean;
  /** People, partners and work sites of the office. */
  readonly manageOffice: boolean;
  /** A site supervisor's day: expected clients and attendance at their own sites. */
  readonly supervise: boolean;
  /** Upload evidence (a supervisor only for sessions at their own sites); everyone who reads may view it. */
  readonly uploadEvidence: boolean;
  /** The Kanwil's comparison of the offices of its region. */
  readonly readRegion: boolean;
}

export function capabilities(roles: readonly Role[]): Capabilities {
  const has = (...wanted: Role[]) => roles.some((r) => wanted.includes(r));
  return {
    manageCases: has('admin', 'officer'),
    recordSessions: has('admin', 'officer'),
    verifySessions: has('admin', 'officer'),
    refer: has('admin', 'officer'),
    recordOutcome: has('admin', 'officer', 'prosecutor'),
    readOffice: has('admin', 'officer', 'prosecutor', 'regional'),
    manageOffice: has('admin'),
    supervise: has('supervisor'),
    uploadEvidence: has('admin', 'officer', 'supervisor'),
    readRegion: has('regional'),
  };
}
