/** The caller as `GET /v1/me` describes them (types from the API's schema), and the local-mode login. */
import type { Me } from './api-types';

export type { Me, OfficeSummary as Office, Role, RoleGrant } from './api-types';

/** An office's invitation waiting for the signed-in person's answer; it grants nothing until accepted. */
export type PendingInvitation = Me['invitations'][number];

/** Where the person answers an office's invitation. */
export const invitationAnswerPath = (officeId: string, answer: 'accept' | 'decline'): string =>
  `/v1/me/invitations/${encodeURIComponent(officeId)}/${answer}`;

/** Local mode's `POST /local/login` (infra/local, not part of the API's contract). */
export interface LoginResponse {
  readonly accessToken: string;
  /** Seconds. */
  readonly expiresIn: number;
}
