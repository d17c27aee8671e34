/** The caller as `GET /v1/me` describes them (types from the API's schema), and the local-mode login. */
export type { Me, OfficeSummary as Office, Role, RoleGrant } from './api-types';

/** Local mode's `POST /local/login` (infra/local, not part of the API's contract). */
export interface LoginResponse {
  readonly accessToken: string;
  /** Seconds. */
  readonly expiresIn: number;
}
