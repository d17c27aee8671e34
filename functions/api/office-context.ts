import { isOfficeTimeZone, localDateOf, type LocalDate } from '../domain';
import { principalId } from '../identity/principal';
import type { Office } from '../store/directory-store';
import type { OfficeAccess } from './guard';

/** Today in the office's own time zone: the day the law and the office count by. */
export function officeToday(office: Office, now: Date): LocalDate {
  if (!isOfficeTimeZone(office.timeZone)) {
    throw new Error(`office ${office.id} has an unsupported time zone`);
  }
  return localDateOf(now, office.timeZone);
}

/** Who did it and when, for the audit entry of a write. */
export const actorOf = (grant: Pick<OfficeAccess, 'principal'>, at: Date) => ({
  actor: principalId(grant.principal),
  at,
});
