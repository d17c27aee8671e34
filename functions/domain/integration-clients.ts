/**
 * Partner systems (a Kejaksaan's case system, a Pemda's) call the API with their own machine client,
 * owned by one office. The rules of which offices such a client may serve.
 */
import { fail, ok, Rule, violation, type Result } from './rules';

/**
 * INT-OFFICES: the offices a new machine client serves. The owning office always; another office only
 * if the admin creating it administers that office too, so no admin can open another office's data to
 * a partner. Unnamed, the client serves the owning office alone. Duplicates are dropped.
 */
export function integrationOffices(
  ownerOfficeId: string,
  requested: readonly string[] | undefined,
  administered: readonly string[],
): Result<readonly string[]> {
  const offices = [...new Set(requested ?? [ownerOfficeId])];
  const allowed = new Set([ownerOfficeId, ...administered]);
  const violations = offices.flatMap((officeId, index) =>
    allowed.has(officeId)
      ? []
      : [violation(Rule.INT_OFFICES, `offices.${index}`, 'You can only add offices you administer.')],
  );
  if (!offices.includes(ownerOfficeId)) {
    violations.push(
      violation(Rule.INT_OFFICES, 'offices', 'A client always serves the office that creates it.'),
    );
  }
  return violations.length > 0 ? fail(violations) : ok(offices);
}
