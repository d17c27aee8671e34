import { randomBytes } from 'node:crypto';
import { invitationPlan, membershipSites, newMembershipViolations, type OfficeRole } from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { Invitation } from '../../identity/identity-provider';
import { AccountExists, MemberExists, type OfficeMember } from '../../store/user-store';
import type { Ports } from '../ports';
import { refuse } from '../refusal';

export type { Invitation };

/** As long as local mode's set-password links live (store/local-identity-provider.ts). */
const LINK_LIFETIME_SECONDS = 7 * 24 * 3600;

const alreadyMember = () =>
  refuse.conflict('This username is already a member of the office.', newMembershipViolations(true));

/**
 * Invites a person to the office with one or more roles, as a pending membership that the person
 * accepts or declines once signed in (USER-PENDING-MEMBERSHIP). Usernames are global
 * (USER-GLOBAL-USERNAME): only a username nobody holds gets a sign-in account and its invitation (a
 * Cognito email, or local mode's set-password link); an existing person's account is not touched, no
 * other office's profile is read into the answer, and the answer has the same status and shape, so
 * the inviter cannot tell the two apart. Refuses: conflict (USER-ONE-MEMBERSHIP), invalid
 * (USER-SUPERVISOR-SITES).
 */
export async function inviteMember(
  ports: Pick<Ports, 'users' | 'identityProvider' | 'invitationDelivery' | 'now'>,
  grant: OfficeGrant,
  input: {
    username: string;
    email: string;
    fullName: string;
    roles: readonly OfficeRole[];
    siteIds?: readonly string[];
  },
): Promise<{ user: OfficeMember; invitation: Invitation }> {
  const officeId = grant.office.id;
  const siteIds = membershipSites(input.roles, input.siteIds);
  if (!siteIds.ok) throw refuse.invalid(siteIds.violations, 'The request has invalid fields.');
  const existing = await ports.users.get(officeId, input.username);
  if (existing.member) throw alreadyMember();
  const plan = invitationPlan(existing.accountExists);
  const record = { ...input, siteIds: siteIds.value, officeName: grant.office.name };
  const actor = actorOf(grant, ports.now());

  if (!plan.createAccount) {
    const user = await recordInvitation(ports, officeId, record, false, actor);
    return { user, invitation: decoyInvitation(ports) };
  }
  // The sign-in account first: if the Abdi write then fails, a retry finds no profile, invites again
  // (Cognito keeps the account; local mode makes a new link) and goes on.
  const invitation = await ports.identityProvider.invite(input);
  try {
    return { user: await recordInvitation(ports, officeId, record, true, actor), invitation };
  } catch (error) {
    if (!(error instanceof AccountExists)) throw error;
    // Another office created the person a moment ago: theirs is the account. This link is dropped
    // unread (its token exists only in this answer), and the answer looks like any other.
    const user = await recordInvitation(ports, officeId, record, false, actor);
    return { user, invitation: decoyInvitation(ports) };
  }
}

async function recordInvitation(
  ports: Pick<Ports, 'users'>,
  officeId: string,
  record: Parameters<Ports['users']['invite']>[1],
  newAccount: boolean,
  actor: ReturnType<typeof actorOf>,
): Promise<OfficeMember> {
  try {
    return await ports.users.invite(officeId, record, { newAccount }, actor);
  } catch (error) {
    if (error instanceof MemberExists) throw alreadyMember();
    throw error;
  }
}

/**
 * The answer for a person who already has an account: shaped like the deployment's real invitations.
 * In local mode it is a set-password link whose token was never stored, so it sets nothing; the person
 * signs in as before and finds the invitation waiting.
 */
function decoyInvitation(ports: Pick<Ports, 'invitationDelivery' | 'now'>): Invitation {
  if (ports.invitationDelivery === 'email') return { delivery: 'email' };
  const expiresAt = Math.floor(ports.now().getTime() / 1000) + LINK_LIFETIME_SECONDS;
  return {
    delivery: 'link',
    setPasswordUrl: `/set-password?token=${randomBytes(24).toString('base64url')}`,
    expiresAt: new Date(expiresAt * 1000).toISOString(),
  };
}
