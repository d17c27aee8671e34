import { integrationOffices } from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { Scope } from '../../identity/principal';
import type { Integration } from '../../store/integration-store';
import type { Ports } from '../ports';
import { refuse } from '../refusal';

/**
 * Creates a partner system's machine client, owned by the admin's office: the provider makes the id and
 * secret, Abdi records the offices and scopes. The secret is in the answer only; neither Abdi's records
 * nor its logs hold it. Refuses: invalid (INT-OFFICES, or an office that does not exist).
 */
export async function createIntegration(
  ports: Pick<Ports, 'integrations' | 'machineClients' | 'directory' | 'now'>,
  grant: OfficeGrant,
  input: { name: string; scopes: readonly Scope[]; offices?: readonly string[] },
): Promise<{ integration: Integration; secret: string }> {
  const administered = await administeredOffices(ports, grant, input.offices);
  const offices = integrationOffices(grant.office.id, input.offices, administered);
  if (!offices.ok) throw refuse.invalid(offices.violations, 'The request has invalid fields.');
  const known = new Set((await ports.directory.getOffices(offices.value)).map((o) => o.id));
  const unknown = offices.value.findIndex((id) => !known.has(id));
  if (unknown >= 0) {
    throw refuse.invalid([{ path: `offices.${unknown}`, message: 'No such office.' }], 'No such office.');
  }
  const scopes = [...new Set(input.scopes)];

  const issued = await ports.machineClients.create({ name: input.name, scopes });
  try {
    const integration = await ports.integrations.create(
      {
        clientId: issued.clientId,
        name: input.name,
        ownerOfficeId: grant.office.id,
        offices: offices.value,
        scopes,
      },
      actorOf(grant, ports.now()),
    );
    return { integration, secret: issued.secret };
  } catch (error) {
    // Unrecorded, the client could never pass the guard; removing it keeps the provider tidy.
    await ports.machineClients.revoke(issued.clientId).catch(() => undefined);
    throw error;
  }
}

/**
 * The offices the admin administers, as far as `requested` needs: the grant holds only this office's
 * memberships (ADR 0011), so naming others costs one read of the person's memberships everywhere.
 */
async function administeredOffices(
  ports: Pick<Ports, 'directory'>,
  grant: OfficeGrant,
  requested: readonly string[] | undefined,
): Promise<string[]> {
  const here = [grant.office.id];
  const { principal } = grant;
  if (!requested?.some((id) => id !== grant.office.id) || principal.kind !== 'user') return here;
  const everywhere = await ports.directory.resolvePrincipal({ kind: 'user', username: principal.username });
  return (everywhere?.memberships ?? []).flatMap((m) =>
    m.role === 'admin' && 'officeId' in m ? [m.officeId] : [],
  );
}
