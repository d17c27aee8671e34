import { actorOf, type OfficeGrant } from '../../identity/grant';
import { retryOnConflict } from '../../store/optimistic';
import type { PartnerChanges } from '../../store/partner-store';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { loadPartner, viewOf, type PartnerView } from './queries';

/**
 * Changes a partner or renews its agreement, if the caller's copy (`expected`) is still the current
 * version. Refuses: not-found (no such partner in the office), stale (another change came first).
 */
export async function changePartner(
  ports: Pick<Ports, 'partners' | 'now'>,
  grant: OfficeGrant,
  input: { partnerId: string; expected: number; changes: PartnerChanges },
): Promise<PartnerView> {
  const changed = await retryOnConflict(
    async () => {
      const partner = await loadPartner(ports, grant, input.partnerId);
      if (partner.version !== input.expected) throw refuse.stale();
      const actor = actorOf(grant, ports.now());
      return ports.partners.update(grant.office.id, partner, input.changes, input.expected, actor);
    },
    { onExhausted: () => refuse.busy('Others are changing this partner; retry shortly.') },
  );
  return viewOf(ports, grant, changed);
}
