import { siteCapacityViolations } from '../../domain';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import { retryOnConflict, WriteConflict } from '../../store/optimistic';
import { CapacityBelowOccupancy, PartnerMissing, type Site, type SiteChanges } from '../../store/site-store';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { readSite, requirePartner, unknownPartner } from './queries';

/**
 * Changes a work site if the caller's copy (`expected`) is still the current version; its occupancy
 * is the placements' and never changes here. Refuses: not-found, stale, invalid (SITE-PARTNER: a new
 * partner that is not the office's), conflict (SITE-CAPACITY: a capacity below the busiest weekday).
 */
export async function changeSite(
  ports: Pick<Ports, 'partners' | 'sites' | 'now'>,
  grant: OfficeGrant,
  input: { siteId: string; expected: number; changes: SiteChanges },
): Promise<Site> {
  const { changes, expected } = input;
  return retryOnConflict(
    async () => {
      const site = await readSite(ports, grant, input.siteId);
      if (site.version !== expected) throw refuse.stale();
      if (changes.partnerId !== undefined && changes.partnerId !== site.partnerId) {
        await requirePartner(ports, grant, changes.partnerId);
      }
      const full =
        changes.capacity === undefined ? [] : siteCapacityViolations(changes.capacity, site.occupancy);
      if (full.length > 0) {
        throw refuse.conflict('The site has more placements on one weekday than the new capacity.', full);
      }
      try {
        return await ports.sites.update(
          grant.office.id,
          site,
          changes,
          expected,
          actorOf(grant, ports.now()),
        );
      } catch (error) {
        if (error instanceof PartnerMissing) throw unknownPartner();
        // A placement landed between the read and the write: read it and decide again.
        if (error instanceof CapacityBelowOccupancy) throw new WriteConflict(`site ${site.id}`);
        throw error;
      }
    },
    { onExhausted: () => refuse.busy('Placements are changing this site; retry shortly.') },
  );
}
