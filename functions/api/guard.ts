import type { Membership, Principal, TokenSubject } from '../identity/principal';
import { subjectFromClaims } from '../identity/claims';
import { rolesRequiringMfa, type MfaPolicy } from '../identity/mfa';
import type { Ports } from '../actions/ports';
import type { Office } from '../domain';
import type { GuardResult } from '../identity/grant';
import type { AccessRule } from './access';
import { HttpProblem, problems } from './problem';
import { OFFICE_ID_PATTERN } from './schemas/common';

export type { GuardResult, InOffice, InRegion, OfficeGrant as OfficeAccess } from '../identity/grant';

export interface GuardInput {
  readonly rule: AccessRule;
  readonly claims: Readonly<Record<string, unknown>> | undefined;
  readonly officeId: string | undefined;
  /** A region route's `{regionId}`. */
  readonly regionId?: string | undefined;
  /** Roles that must sign in with a second factor; checked right after the principal resolves (ADR 0008). */
  readonly mfa?: MfaPolicy;
  /** The records the route reads first, read with the caller's grants (ADR 0011). */
  readonly readKeys?: () => readonly { readonly pk: string; readonly sk: string }[];
  /** Items of other tables to read with them (the request's Idempotency-Key record). */
  readonly otherTables?: Parameters<Ports['directory']['principalInOffice']>[3];
}

/**
 * The one access guard: authentication, then office membership, then role or scope, then sites.
 * Order matters for what a caller can learn: a stranger to an office gets 404 before any role check,
 * so a 403 never confirms that another office's resource exists.
 */
export async function guard(directory: Ports['directory'], input: GuardInput): Promise<GuardResult> {
  const { rule } = input;
  if (rule.kind === 'public') return { kind: 'public' };

  const subject = subjectFromClaims(input.claims);
  if (!subject) throw problems.unauthenticated();
  if (rule.kind === 'signed-in') {
    const principal = await directory.resolvePrincipal(subject);
    if (!principal) throw unknownCaller();
    if (input.mfa) await requireMfa(input.mfa, principal);
    return { kind: 'signed-in', principal };
  }
  if (rule.kind === 'region') return inRegion(directory, subject, input);

  // An office route: the caller's grants here, the office and what the route reads, in one call.
  // Checked before the lookup: no office has such an id, and a key DynamoDB refuses (over 2 kB) was a 500.
  const valid = input.officeId !== undefined && OFFICE_ID_PATTERN.test(input.officeId);
  const { principal, office } = valid
    ? await directory.principalInOffice(
        subject,
        input.officeId!,
        input.readKeys?.() ?? [],
        input.otherTables ?? [],
      )
    : { principal: await directory.resolvePrincipal(subject), office: undefined };
  if (!principal) throw unknownCaller();
  // On this office's roles: a token used here can do only what they allow (ADR 0011).
  if (input.mfa) await requireMfa(input.mfa, principal);
  if (!office) throw problems.notFound();
  const memberships = principal.memberships.filter((m) => appliesTo(m, office));
  if (memberships.length === 0) throw problems.notFound();

  const roles = [...new Set(memberships.map((m) => m.role))];
  if (!roles.some((role) => rule.roles.includes(role))) throw problems.forbidden();
  if (principal.kind === 'client' && (!rule.scope || !principal.scopes.includes(rule.scope))) {
    throw problems.forbidden(
      `This client lacks the scope this route needs${rule.scope ? ` (${rule.scope})` : ''}.`,
    );
  }

  const allowed = memberships.filter((m) => rule.roles.includes(m.role));
  const onlySites = allowed.every((m) => m.role === 'supervisor');
  const siteIds = onlySites ? allowed.flatMap((m) => (m.role === 'supervisor' ? m.siteIds : [])) : undefined;
  return { kind: 'office', principal, office, roles, siteIds };
}

/**
 * A region route: the caller's Kanwil membership of that region, or 404 (the region's office staff
 * included). As on an office route, the principal carries only the membership that applies here, so
 * MFA is asked for by the roles held here, before the answer can tell whether the region exists.
 */
async function inRegion(
  directory: Ports['directory'],
  subject: TokenSubject,
  input: GuardInput,
): Promise<GuardResult> {
  const found = await directory.resolvePrincipal(subject);
  if (!found) throw unknownCaller();
  const regionId = input.regionId;
  const principal = {
    ...found,
    memberships: found.memberships.filter((m) => 'regionId' in m && m.regionId === regionId),
  };
  if (input.mfa) await requireMfa(input.mfa, principal);
  if (!regionId || principal.memberships.length === 0) throw problems.notFound();
  return { kind: 'region', principal, regionId };
}

const unknownCaller = () => problems.unauthenticated('Your account is unknown or disabled in Abdi.');

function appliesTo(membership: Membership, office: Office): boolean {
  return 'regionId' in membership
    ? membership.regionId === office.regionId
    : membership.officeId === office.id;
}

/**
 * Before any office check, so the answer is the same for every office: a person whose role requires
 * MFA and who has no second factor enabled (TOTP, or email codes where the pool offers them) may do
 * nothing but enrol (which happens in Cognito, not here).
 */
async function requireMfa(mfa: MfaPolicy, principal: Principal): Promise<void> {
  const roles = rolesRequiringMfa(principal, mfa.requiredFor);
  if (roles.length === 0 || principal.kind !== 'user' || (await mfa.hasMfa(principal.username))) return;
  throw new HttpProblem({
    status: 403,
    slug: 'mfa-required',
    title: 'Multi-factor sign-in required',
    detail: `Your role (${roles.join(', ')}) requires multi-factor sign-in (MFA): turn on an authenticator app (TOTP) or, where offered, sign-in codes by email for your account, then sign in again.`,
  });
}
