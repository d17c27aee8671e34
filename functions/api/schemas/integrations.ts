import * as z from 'zod';
import { SCOPES } from '../../identity/principal';
import { officeId } from './common';

/**
 * An integration is named by its OAuth client id: Cognito's are 26 characters of [a-z0-9]; the local
 * demo's has dashes. (The path says `integrationId`: `clientId` is a sentenced person's elsewhere.)
 */
const integrationId = z.string().regex(/^[A-Za-z0-9_+-]{1,128}$/, 'Not an integration id.');

export const integrationParams = z.object({ officeId, integrationId });

export const createIntegrationBody = z
  .object({
    name: z.string().trim().min(3).max(100).describe('Who the partner system is, e.g. "SIPP Kejari Palopo"'),
    scopes: z.array(z.enum(SCOPES)).min(1).max(SCOPES.length),
    offices: z
      .array(officeId)
      .min(1)
      .max(20)
      .optional()
      .describe('Offices the client serves: this one (the default), and others you also administer'),
  })
  .strict();

export const integrationSchema = z
  .object({
    clientId: z.string(),
    name: z.string(),
    ownerOfficeId: z.string(),
    offices: z.array(z.string()),
    scopes: z.array(z.enum(SCOPES)),
    status: z.enum(['active', 'revoked']),
    createdAt: z.string(),
    createdBy: z.string(),
    rotatedAt: z.string().optional(),
    revokedAt: z.string().optional(),
    version: z.number().int(),
  })
  .meta({ id: 'Integration' });

/** The answer of a creation or rotation: the only time the secret is ever shown. */
export const issuedIntegrationSchema = z
  .object({
    integration: integrationSchema,
    clientSecret: z.string().describe('Shown once; Abdi keeps no copy. Rotate if it is lost.'),
  })
  .meta({ id: 'IssuedIntegration' });
