/** The register's resources as the API gives them: type-only imports of the server's schemas. */
import type * as z from 'zod';
import type {
  affectedClientsSchema,
  breachNoticeBody,
  breachSchema,
  breachSummarySchema,
  closeBreachBody,
  createBreachBody,
} from '../../../../functions/api/schemas/breaches';

export type Breach = z.output<typeof breachSchema>;
export type BreachSummary = z.output<typeof breachSummarySchema>;
export type BreachClock = Breach['clock'];
export type BreachAudience = BreachClock['pending'][number];
export type BreachRecordType = Breach['recordTypes'][number];
export type BreachNoticeChannel = NonNullable<Breach['notices']['subjects']>['channel'];
export type CreateBreachBody = z.input<typeof createBreachBody>;
export type BreachNoticeBody = z.input<typeof breachNoticeBody>;
export type CloseBreachBody = z.input<typeof closeBreachBody>;
export type AffectedClients = z.output<typeof affectedClientsSchema>;
