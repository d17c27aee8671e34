import * as z from 'zod';
import { WEEKDAY_KEYS } from '../../domain/work-sites';
import { officeId } from './common';
import { pageQuery } from './paging';
import { changesOf, recordId, storedRecord, text } from './partners';

/** A point in Indonesia and the radius within which attendance counts as on site. */
const locationSchema = z
  .object({
    lat: z.number().min(-11).max(6),
    lng: z.number().min(94).max(142),
    radiusMeters: z.number().int().min(10).max(5000),
  })
  .strict();

const siteFields = {
  partnerId: recordId.describe('A partner of this office.'),
  name: text(200),
  address: text(500),
  kelurahan: text(100),
  kecamatan: text(100),
  kabupatenKota: text(100),
  location: locationSchema,
  capacity: z.number().int().min(1).max(500).describe('Clients at the site at once, per weekday.'),
  activities: z.array(text(200)).min(1).max(50),
  active: z.boolean(),
};

export const siteParams = z.object({ officeId, siteId: recordId });

export const listSitesQuery = pageQuery.extend({
  partnerId: recordId.optional(),
  active: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});

export const createSiteBody = z.object({ ...siteFields, active: siteFields.active.default(true) }).strict();

/** Only the fields sent change; `location` and `activities` are replaced as a whole. */
export const updateSiteBody = changesOf(siteFields);

export const siteSchema = storedRecord({
  ...siteFields,
  occupancy: z
    .record(z.enum(WEEKDAY_KEYS), z.number().int())
    .describe('Active placements per ISO weekday, "1" = Monday … "7" = Sunday.'),
}).meta({ id: 'Site' });
