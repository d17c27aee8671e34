import { policyOf, validateOfficePolicy, type Office, type OfficePolicy } from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { Ports } from '../ports';
import { refuse } from '../refusal';

/**
 * An office admin sets the office's policy: a child's advisory hours a day and the school hours a
 * child's sessions are flagged inside. It applies to what is registered or recorded from now on;
 * flags already raised stay as they were raised. Refuses: invalid (OFFICE-POLICY), not-found.
 */
export async function setOfficePolicy(
  ports: Pick<Ports, 'officePolicies' | 'now'>,
  grant: OfficeGrant,
  input: OfficePolicy,
): Promise<Office> {
  const checked = validateOfficePolicy(input);
  if (!checked.ok) throw refuse.invalid(checked.violations);
  const office = grant.office;
  const stored = await ports.officePolicies.replace(
    office.id,
    policyOf(office),
    checked.value,
    actorOf(grant, ports.now()),
  );
  if (!stored) throw refuse.notFound('No such office.');
  return { ...office, policy: checked.value };
}
