import { agreementStatus, officeToday, type PartnerKind } from '../../domain';
import type { OfficeGrant } from '../../identity/grant';
import type { Partner, PartnerInput } from '../../store/partner-store';
import type { Ports } from '../ports';
import { found } from '../refusal';

export type { Partner, PartnerInput, PartnerKind };

/** A partner as the office sees it today: the record and where its agreement (PKS) stands. */
export type PartnerView = Partner & { readonly agreementStatus: ReturnType<typeof agreementStatus> };

/** PKS-STATUS on the office's own today. */
export const viewOf = (ports: Pick<Ports, 'now'>, grant: OfficeGrant, partner: Partner): PartnerView => ({
  ...partner,
  agreementStatus: agreementStatus(partner.agreement, officeToday(grant.office, ports.now())),
});

/** The stored partner, or not-found: partners of other offices are as invisible as nobody's. */
export async function loadPartner(
  ports: Pick<Ports, 'partners'>,
  grant: OfficeGrant,
  partnerId: string,
): Promise<Partner> {
  return found(await ports.partners.get(grant.office.id, partnerId), 'No such partner in this office.');
}

/** One partner of the office, with its agreement status. */
export async function readPartner(
  ports: Pick<Ports, 'partners' | 'now'>,
  grant: OfficeGrant,
  partnerId: string,
): Promise<PartnerView> {
  return viewOf(ports, grant, await loadPartner(ports, grant, partnerId));
}

/** A page of the office's partners by name, optionally of one kind, with their agreement status. */
export async function findPartners(
  ports: Pick<Ports, 'partners' | 'now'>,
  grant: OfficeGrant,
  page: { limit: number; startKey?: Record<string, unknown>; kind?: PartnerKind },
) {
  const found = await ports.partners.list(grant.office.id, page);
  return { items: found.items.map((partner) => viewOf(ports, grant, partner)), lastKey: found.lastKey };
}
