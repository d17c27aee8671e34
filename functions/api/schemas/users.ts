import * as z from 'zod';
import { MEMBERSHIP_STATUSES, membershipSites, OFFICE_ROLES } from '../../domain/membership';

const username = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{2,63}$/,
    'A username is 3–64 lower-case letters, digits, dots, dashes or underscores.',
  );
const siteIds = z.array(z.string().min(1).max(64)).max(50);

export const userParams = z.object({ officeId: z.string(), username });

export const createUserBody = z
  .object({
    username,
    email: z.email().max(254),
    fullName: z.string().trim().min(1).max(200),
    roles: z.array(z.enum(OFFICE_ROLES)).min(1).max(4),
    siteIds: siteIds.optional(),
  })
  .strict()
  .superRefine(requireSitesForSupervisor);

export const updateUserBody = z
  .object({ roles: z.array(z.enum(OFFICE_ROLES)).min(1).max(4).optional(), siteIds: siteIds.optional() })
  .strict()
  .refine((body) => body.roles !== undefined || body.siteIds !== undefined, {
    message: 'Send roles or siteIds.',
    path: ['roles'],
  });

export const memberSchema = z
  .object({
    username: z.string(),
    fullName: z.string(),
    email: z.string(),
    roles: z.array(z.enum(OFFICE_ROLES)),
    siteIds: z.array(z.string()),
    status: z
      .enum(MEMBERSHIP_STATUSES)
      .describe('pending until the person accepts the invitation; only active grants the roles.'),
    version: z.number().int(),
  })
  .meta({ id: 'OfficeMember' });

export const invitationSchema = z
  .object({
    delivery: z.enum(['email', 'link']),
    setPasswordUrl: z.string().optional(),
    expiresAt: z.string().optional(),
  })
  .meta({ id: 'Invitation' });

/** USER-SUPERVISOR-SITES, checked as the body is parsed: the domain's rule, its message on its field. */
function requireSitesForSupervisor(
  body: { roles: readonly string[]; siteIds?: readonly string[] },
  ctx: z.RefinementCtx,
) {
  const sites = membershipSites(body.roles, body.siteIds);
  if (sites.ok) return;
  for (const v of sites.violations) ctx.addIssue({ code: 'custom', path: [v.path], message: v.message });
}
