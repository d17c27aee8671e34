import * as z from 'zod';
import { ROLES, SCOPES } from '../../identity/principal';

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
  })
  .meta({ id: 'Office' });

export const roleGrantSchema = z
  .object({
    role: z.enum(ROLES),
    officeId: z.string(),
    siteIds: z.array(z.string()).optional(),
  })
  .meta({ id: 'RoleGrant' });

export const meSchema = z
  .object({
    kind: z.enum(['user', 'client']),
    username: z.string().optional().describe('People only.'),
    fullName: z.string().optional().describe('People only.'),
    clientId: z.string().optional().describe('Machine clients only.'),
    scopes: z.array(z.enum(SCOPES)).optional().describe('Machine clients only.'),
    roles: z.array(roleGrantSchema),
    offices: z.array(officeSummarySchema),
  })
  .meta({ id: 'Me' });
