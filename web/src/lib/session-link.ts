/**
 * The attendance sheet's QR codes (issue 14) open a case at `/o/<office>/cases/<caseId>?sesi=<date>`:
 * the PK scanning a row on the sheet lands on the case with the session form open for that day.
 */
import { isLocalDate } from '../../../functions/domain/calendar';
import { queryParam } from './paths';

/** The query parameter the sheet's links carry. */
export const SESSION_DATE_PARAM = 'sesi';

/** The session date a link asks for (`?sesi=2026-12-05`), or null when there is none or it is no date. */
export function sessionDateParam(search: string): string | null {
  const value = queryParam(search, SESSION_DATE_PARAM);
  return isLocalDate(value) ? value : null;
}

/** The location without the session date, once the form it opened is done (a reload opens nothing). */
export function withoutSessionDate(pathname: string, search: string, hash: string): string {
  const params = new URLSearchParams(search);
  params.delete(SESSION_DATE_PARAM);
  const rest = params.toString();
  return `${pathname}${rest ? `?${rest}` : ''}${hash}`;
}
