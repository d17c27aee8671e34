/** The caller as `GET /v1/me` describes them. */

export type Role = 'admin' | 'officer' | 'supervisor' | 'prosecutor' | 'regional' | 'integration';

export interface RoleGrant {
  readonly role: Role;
  readonly officeId: string;
  /** Supervisors only: the work sites they supervise. */
  readonly siteIds?: readonly string[];
}

export interface Office {
  readonly id: string;
  readonly name: string;
  /** IANA zone, e.g. `Asia/Makassar`; dates are shown in the office's zone. */
  readonly timeZone: string;
}

export interface Me {
  readonly username: string;
  readonly fullName: string;
  readonly roles: readonly RoleGrant[];
  readonly offices: readonly Office[];
}

export interface LoginResponse {
  readonly accessToken: string;
  /** Seconds. */
  readonly expiresIn: number;
}
