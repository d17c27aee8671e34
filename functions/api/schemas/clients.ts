import * as z from 'zod';
import { LAWFUL_BASES } from '../../domain';
import { localDate, recordId } from './common';
import { smsPreferenceSchema } from './reminders';
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{6,20}$/, 'A phone number is 6–20 digits, optionally with +, spaces or dashes.');

export const clientIdParams = z.object({
  officeId: z.string(),
  clientId: recordId('client'),
});

export const guardianSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    relation: z.string().trim().min(1).max(50),
    phone: phone.optional(),
  })
  .strict();

export const lawfulBasisSchema = z
  .object({
    basis: z.enum(LAWFUL_BASES).describe('UU 27/2022 Pasal 20(2): c legal obligation, e public task'),
    article: z.string().trim().min(5).max(300).describe('The provisions relied on, as cited'),
  })
  .strict()
  .meta({ id: 'LawfulBasis' });

export const createClientBody = z
  .object({
    fullName: z.string().trim().min(1).max(200),
    nik: z.string().regex(/^\d{16}$/, 'A NIK is 16 digits.'),
    birthDate: localDate,
    sex: z.enum(['M', 'F']),
    address: z.string().trim().min(1).max(500),
    phone: phone.optional(),
    guardian: guardianSchema.optional(),
    lawfulBasis: lawfulBasisSchema
      .optional()
      .describe('Left out: legal obligation under KUHP 85 / SPPA 76 (UU 27/2022 Pasal 20(2)(c))'),
  })
  .strict();

/** A correction: the fields to change (null removes phone or guardian) and why, for the audit trail. */
export const correctClientBody = z
  .object({
    fullName: z.string().trim().min(1).max(200).optional(),
    nik: z
      .string()
      .regex(/^\d{16}$/, 'A NIK is 16 digits.')
      .optional(),
    birthDate: localDate.optional(),
    sex: z.enum(['M', 'F']).optional(),
    address: z.string().trim().min(1).max(500).optional(),
    phone: phone.nullable().optional(),
    guardian: guardianSchema.nullable().optional(),
    lawfulBasis: lawfulBasisSchema.optional(),
    reason: z
      .string()
      .trim()
      .min(5, 'Say why the data is corrected (e.g. the subject asked, with their KTP).')
      .max(500),
  })
  .strict();

export const clientListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(4096).optional(),
  /** Name prefix, case-insensitive. */
  q: z.string().trim().min(1).max(100).optional(),
});

export const clientReadQuery = z
  .object({
    reveal: z.literal('nik').optional(),
    reason: z.string().trim().min(5).max(500).optional(),
  })
  .refine((q) => !q.reveal || q.reason, { path: ['reason'], message: 'Say why you need the full NIK.' });

export const clientSchema = z
  .object({
    id: z.string(),
    fullName: z.string(),
    nik: z
      .string()
      .describe(
        'The last 4 digits only (••••••••••••0003) unless revealed with ?reveal=nik&reason=… (CL-NIK-MASK)',
      ),
    nikMasked: z.boolean(),
    birthYear: z.number().int(),
    birthDate: z
      .string()
      .optional()
      .describe('Only for admins and officers, who may reveal the NIK: it holds 6 of its digits'),
    sex: z.enum(['M', 'F']),
    isChild: z
      .boolean()
      .optional()
      .describe('Only for admins and officers: it changes on the 18th birthday, so it dates the birth'),
    address: z.string(),
    phone: z.string().optional(),
    guardian: guardianSchema.optional(),
    smsPreference: smsPreferenceSchema
      .optional()
      .describe('Set when someone chose whether the client gets SMS reminders; absent: they do'),
    lawfulBasis: lawfulBasisSchema,
    childAtOffence: z
      .boolean()
      .describe(
        "A case of theirs is for an offence committed as a child: children's protections hold for good",
      ),
    caseIds: z.array(z.string()).describe('Their cases, oldest first'),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'Client' });
