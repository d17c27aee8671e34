import * as z from 'zod';
import { ROLES, SCOPES } from '../../identity/principal';
import { MEMBERSHIP_STATUSES, OFFICE_ROLES } from '../../domain/membership';
import { documentSettingsSchema } from './documents';
import { officePolicySchema } from './office-policy';

export const officeSummarySchema = z
  .object({ id: z.string(), name: z.string(), timeZone: z.string() })
  .meta({ id: 'OfficeSummary' });

export const officeSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    class: z.enum(['I', 'II']),
    timeZone: z.string(),
    regionId: z.string(),
    address: z.string(),
    policy: officePolicySchema,
    documentSettings: documentSettingsSchema
      .optional()
      .describe(
        'The letterhead, head and register documents are issued with; absent until an admin sets them',
      ),
  })
  .meta({ id: 'Office' });

export const roleGrantSchema = z
  .object({
    role: z.enum(ROLES),
    officeId: z.string(),
    siteIds: z.array(z.string()).optional(),
    regionId: z
      .string()
      .optional()
      .describe('Kanwil (`regional`) grants only: the region, as `/v1/regions/{regionId}` names it.'),
  })
  .meta({ id: 'RoleGrant' });

export const pendingInvitationSchema = z
  .object({
    officeId: z.string(),
    officeName: z.string(),
    roles: z.array(z.enum(OFFICE_ROLES)),
    siteIds: z.array(z.string()),
    invitedAt: z.string(),
  })
  .meta({ id: 'PendingInvitation' });

export const meSchema = z
  .object({
    kind: z.enum(['user', 'client']),
    username: z.string().optional().describe('People only.'),
    fullName: z.string().optional().describe('People only.'),
    clientId: z.string().optional().describe('Machine clients only.'),
    scopes: z.array(z.enum(SCOPES)).optional().describe('Machine clients only.'),
    roles: z.array(roleGrantSchema),
    offices: z.array(officeSummarySchema),
    invitations: z
      .array(pendingInvitationSchema)
      .describe('Offices whose invitation waits for your answer; they grant nothing until accepted.'),
  })
  .meta({ id: 'Me' });

export const answeredInvitationSchema = z
  .object({
    officeId: z.string(),
    status: z.enum(MEMBERSHIP_STATUSES),
    roles: z.array(z.enum(OFFICE_ROLES)),
    siteIds: z.array(z.string()),
  })
  .meta({ id: 'AnsweredInvitation' });
