/**
 * Where `/` takes a signed-in person (issue 20, item 3): each role lands on its work, in the office
 * they last worked in (or their first). An admin on the office home; a PK on the home too, whose "needs
 * action" list is then their own cases; a jaksa on the cases referred to them; a site supervisor in the
 * field app (their day, offline-ready); the Kanwil on the regional comparison, the only page it
 * reads. A person with several roles in the office lands where the strongest one works.
 */
import type { Me } from './me';
import { chooseOffice, officePath, rolesIn } from './office';
import { FIELD_APP_PATH } from './paths';

export function landingPath(me: Pick<Me, 'roles' | 'offices'>, remembered: string | null): string {
  const officeId = chooseOffice(me.offices, remembered);
  if (!officeId) return '/account';
  const roles = rolesIn(me, officeId);
  if (roles.includes('admin') || roles.includes('officer')) return officePath(officeId);
  if (roles.includes('prosecutor')) return `${officePath(officeId, 'cases')}?status=referred`;
  if (roles.includes('supervisor')) return FIELD_APP_PATH;
  if (roles.includes('regional')) return '/region';
  return officePath(officeId);
}
