import * as z from 'zod';
import { PLACEMENT_STATUSES } from '../../domain';
import { officeId } from './common';
import { localDate, recordId } from './partners';
import { caseRecordId } from './sessions';

export { caseIdParams } from './cases';

export const placementParams = z.object({
  officeId,
  placementId: z.string().regex(caseRecordId, 'Not a placement id (<caseId>-<ulid>).'),
});

const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time is HH:mm (00:00–23:59).');

/**
 * Formats are checked here; the law and the schedule (weekdays distinct and 1–7, hours per day, the
 * agreement, the window, capacity) by the domain's `validatePlacement`, which names its rule ids.
 */
export const createPlacementBody = z
  .object({
    siteId: recordId.describe('A work site of this office.'),
    weekdays: z.array(z.number().int()).max(7).describe('ISO weekdays, distinct: 1 = Monday … 7 = Sunday.'),
    startTime: localTime.describe('Office-local start of each working day.'),
    endTime: localTime.describe('Office-local end of each working day.'),
    from: localDate.describe('First day of the placement.'),
    until: localDate.describe('Last day of the placement (inclusive).'),
  })
  .strict();

export const listPlacementsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(4096).optional(),
});

export const endPlacementQuery = z.object({
  endOn: localDate
    .optional()
    .describe("The placement's new last day; default today in the office's zone (within its period)."),
});

export const placementSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    siteId: z.string(),
    weekdays: z.array(z.number().int()),
    startTime: z.string(),
    endTime: z.string(),
    from: z.string(),
    until: z.string(),
    status: z.enum(PLACEMENT_STATUSES),
    createdAt: z.string(),
  })
  .meta({ id: 'Placement' });
