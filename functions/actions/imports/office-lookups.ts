/**
 * What an import's rows are checked against in the office, read once per run of the job: its people
 * (the officer a case names), its partners (by agreement number) and its sites (by partner and name).
 * An office has tens of each, so reading them whole is a few Queries, not one read per row.
 */
import { foldKeyText } from '../../domain/imports';
import type { OfficeMember } from '../../store/user-store';
import type { Partner } from '../../store/partner-store';
import type { Site } from '../../store/site-store';
import type { Ports } from '../ports';

export interface OfficeLookups {
  readonly members: ReadonlyMap<string, OfficeMember>;
  /** By folded agreement number. */
  readonly partnersByAgreement: ReadonlyMap<string, Partner>;
  readonly partnersById: ReadonlyMap<string, Partner>;
  /** By `<partnerId>|<folded site name>`. */
  readonly sitesByName: ReadonlyMap<string, Site>;
}

export const siteLookupKey = (partnerId: string, name: string) => `${partnerId}|${foldKeyText(name)}`;

async function all<T>(
  read: (startKey?: Record<string, unknown>) => Promise<{ items: T[]; lastKey?: Record<string, unknown> }>,
) {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await read(startKey);
    items.push(...page.items);
    startKey = page.lastKey;
  } while (startKey);
  return items;
}

export async function loadOfficeLookups(
  ports: Pick<Ports, 'users' | 'partners' | 'sites'>,
  officeId: string,
): Promise<OfficeLookups> {
  const [members, partners, sites] = await Promise.all([
    all((startKey) => ports.users.list(officeId, { limit: 100, startKey })),
    all((startKey) => ports.partners.list(officeId, { limit: 100, startKey })),
    all((startKey) => ports.sites.list(officeId, { limit: 100, startKey })),
  ]);
  return {
    members: new Map(members.map((m) => [m.username, m])),
    partnersByAgreement: new Map(partners.map((p) => [foldKeyText(p.agreement.number), p])),
    partnersById: new Map(partners.map((p) => [p.id, p])),
    sitesByName: new Map(sites.map((s) => [siteLookupKey(s.partnerId, s.name), s])),
  };
}
