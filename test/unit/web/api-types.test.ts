import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod';
import type { auditEntrySchema } from '../../../functions/api/schemas/audit';
import type { caseSchema, createCaseBody } from '../../../functions/api/schemas/cases';
import type { clientSchema, createClientBody } from '../../../functions/api/schemas/clients';
import type { createPlacementBody, placementSchema } from '../../../functions/api/schemas/placements';
import type { referralSchema } from '../../../functions/api/schemas/referrals';
import type {
  createSessionBody,
  sessionSchema,
  updateSessionBody,
} from '../../../functions/api/schemas/sessions';
import type {
  createEvidenceBody,
  evidenceDetailSchema,
  evidenceSchema,
  uploadTicketSchema,
} from '../../../functions/api/schemas/evidence';
import type { officeSchema } from '../../../functions/api/schemas/identity';
import type {
  createPartnerBody,
  partnerSchema,
  updatePartnerBody,
} from '../../../functions/api/schemas/partners';
import type { createSiteBody, siteSchema, updateSiteBody } from '../../../functions/api/schemas/sites';
import type {
  createUserBody,
  invitationSchema,
  memberSchema,
  updateUserBody,
} from '../../../functions/api/schemas/users';
import type { summarySchema } from '../../../functions/api/schemas/summary';
import type { caseStateSchema, warningSchema } from '../../../functions/api/schemas/warnings';
import type * as T from '../../../web/src/lib/types';

/**
 * The dashboard's hand-written API types (web/src/lib/types.ts) against the server's zod schemas. The
 * assertions are checked by `tsc` (npm run typecheck), so a drift fails the build; at run time they
 * are no-ops.
 */
describe('dashboard API types match the server schemas', () => {
  it('responses', () => {
    expectTypeOf<T.Case>().toEqualTypeOf<z.output<typeof caseSchema>>();
    expectTypeOf<T.Client>().toEqualTypeOf<z.output<typeof clientSchema>>();
    expectTypeOf<T.WorkSession>().toEqualTypeOf<z.output<typeof sessionSchema>>();
    expectTypeOf<T.Placement>().toEqualTypeOf<z.output<typeof placementSchema>>();
    expectTypeOf<T.Warning>().toEqualTypeOf<z.output<typeof warningSchema>>();
    expectTypeOf<T.CaseState>().toEqualTypeOf<z.output<typeof caseStateSchema>>();
    expectTypeOf<T.Referral>().toEqualTypeOf<z.output<typeof referralSchema>>();
    expectTypeOf<T.AuditEntry>().toEqualTypeOf<z.output<typeof auditEntrySchema>>();
    expectTypeOf<T.Summary>().toEqualTypeOf<z.output<typeof summarySchema>>();
    // zod's enum-keyed record does not compare equal as part of the object; its parts do.
    type SiteOut = z.output<typeof siteSchema>;
    expectTypeOf<Omit<T.Site, 'occupancy'>>().toEqualTypeOf<Omit<SiteOut, 'occupancy'>>();
    expectTypeOf<T.Site['occupancy']>().toEqualTypeOf<SiteOut['occupancy']>();
    expectTypeOf<T.Partner>().toEqualTypeOf<z.output<typeof partnerSchema>>();
    expectTypeOf<T.OfficeMember>().toEqualTypeOf<z.output<typeof memberSchema>>();
    expectTypeOf<T.Invitation>().toEqualTypeOf<z.output<typeof invitationSchema>>();
    expectTypeOf<T.OfficeDetail>().toEqualTypeOf<z.output<typeof officeSchema>>();
    expectTypeOf<T.Evidence>().toEqualTypeOf<z.output<typeof evidenceSchema>>();
    expectTypeOf<T.EvidenceDetail>().toEqualTypeOf<z.output<typeof evidenceDetailSchema>>();
    expectTypeOf<T.EvidenceUploadTicket>().toEqualTypeOf<z.output<typeof uploadTicketSchema>>();
  });

  it('request bodies', () => {
    expectTypeOf<T.CreateCaseBody>().toEqualTypeOf<z.input<typeof createCaseBody>>();
    expectTypeOf<T.CreateClientBody>().toEqualTypeOf<z.input<typeof createClientBody>>();
    expectTypeOf<T.CreateSessionBody>().toEqualTypeOf<z.input<typeof createSessionBody>>();
    expectTypeOf<T.UpdateSessionBody>().toEqualTypeOf<z.input<typeof updateSessionBody>>();
    expectTypeOf<T.CreatePlacementBody>().toEqualTypeOf<z.input<typeof createPlacementBody>>();
    expectTypeOf<T.CreatePartnerBody>().toEqualTypeOf<z.input<typeof createPartnerBody>>();
    expectTypeOf<T.UpdatePartnerBody>().toEqualTypeOf<z.input<typeof updatePartnerBody>>();
    expectTypeOf<T.CreateSiteBody>().toEqualTypeOf<z.input<typeof createSiteBody>>();
    expectTypeOf<T.UpdateSiteBody>().toEqualTypeOf<z.input<typeof updateSiteBody>>();
    expectTypeOf<T.CreateUserBody>().toEqualTypeOf<z.input<typeof createUserBody>>();
    expectTypeOf<T.UpdateUserBody>().toEqualTypeOf<z.input<typeof updateUserBody>>();
    expectTypeOf<T.CreateEvidenceBody>().toEqualTypeOf<z.input<typeof createEvidenceBody>>();
  });
});
