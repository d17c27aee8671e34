/**
 * Key builders for the single main table. Every office-owned item's partition key starts with
 * `O#<officeId>#`, so a query can only ever reach one tenant's data (and IAM LeadingKeys could enforce
 * it). Directory items (offices, users, machine clients) are global: a person can belong to several
 * offices, so their records cannot live under one tenant.
 */
import { mainTable } from '../tables';

/** Every attribute that only exists to key an item or an index, from the one table definition. */
const KEY_ATTRIBUTES = new Set([
  mainTable.partitionKey.name,
  ...(mainTable.sortKey ? [mainTable.sortKey.name] : []),
  ...mainTable.globalIndexes.flatMap((index) => [
    index.partitionKey.name,
    ...(index.sortKey ? [index.sortKey.name] : []),
  ]),
  'type',
]);

/** A stored item without its key and index attributes: the record the store maps it back to. */
export function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !KEY_ATTRIBUTES.has(name)));
}

export const keys = {
  office: (officeId: string) => ({ pk: `OFFICE#${officeId}`, sk: 'OFFICE' }),
  /** gsi1 listing of all offices, grouped by region so a Kanwil reads its region with one Query. */
  officeListing: (regionId: string, officeId: string) => ({
    gsi1pk: 'OFFICES',
    gsi1sk: `REGION#${regionId}#OFFICE#${officeId}`,
  }),
  officesOfRegionPrefix: (regionId: string) => `REGION#${regionId}#`,

  userPartition: (username: string) => `USER#${username}`,
  clientPartition: (clientId: string) => `CLIENT#${clientId}`,
  profile: 'PROFILE',
  officeMembership: (officeId: string) => `MEMBER#O#${officeId}`,
  regionMembership: (regionId: string) => `MEMBER#R#${regionId}`,
  /** gsi1 listing of the people of one office. */
  officeMembers: (officeId: string) => `O#${officeId}#MEMBERS`,
  /** gsi1 listing of the partner systems' machine clients serving one office. */
  officeIntegrations: (officeId: string) => `O#${officeId}#INTEGRATIONS`,

  /** Local mode only: password/secret hashes, in their own partition so no profile read loads them. */
  localCredential: (principal: string) => ({ pk: `LOCALCRED#${principal}`, sk: 'CREDENTIAL' }),
  /** Local mode only: a pending invitation, keyed by the hash of its one-time token. */
  localInvitation: (tokenHash: string) => ({ pk: `LOCALINVITE#${tokenHash}`, sk: 'INVITATION' }),

  /** A partner (PKS counterparty) of one office: its own item. */
  partner: (officeId: string, partnerId: string) => ({
    pk: `O#${officeId}#PARTNER#${partnerId}`,
    sk: 'PARTNER',
  }),
  /** gsi1 listing of an office's partners, by name. */
  officePartners: (officeId: string) => `O#${officeId}#PARTNERS`,
  /** A work site: one item that also holds its per-weekday occupancy counters. */
  site: (officeId: string, siteId: string) => ({ pk: `O#${officeId}#SITE#${siteId}`, sk: 'SITE' }),
  /** gsi1 listing of an office's sites, by name. */
  officeSites: (officeId: string) => `O#${officeId}#SITES`,
  /** gsi2 listing of one partner's sites, by name. */
  partnerSites: (officeId: string, partnerId: string) => `O#${officeId}#PARTNER#${partnerId}#SITES`,
  /** Sort key of a partner or site in its listings: lower-case name, then id (names need not be unique). */
  byName: (name: string, id: string) => `${name.toLowerCase()}#${id}`,
  /** A client (Klien / Anak) of one office. */
  client: (officeId: string, clientId: string) => ({ pk: `O#${officeId}#CLIENT#${clientId}`, sk: 'CLIENT' }),
  /** gsi1 listing of an office's clients by lower-case name, for prefix search. */
  clientListing: (officeId: string, fullName: string, clientId: string) => ({
    gsi1pk: `O#${officeId}#CLIENTS`,
    gsi1sk: `${fullName.toLowerCase()}#${clientId}`,
  }),
  /** Uniqueness guard: one client per NIK (hashed) per office. */
  nikGuard: (officeId: string, nikHash: string) => ({ pk: `O#${officeId}#NIK#${nikHash}`, sk: 'NIK' }),
  /** gsi2 listing of an office's NIK reveals (the audit entries themselves), by instant. */
  nikReveal: (officeId: string, at: string, auditId: string) => ({
    gsi2pk: `O#${officeId}#NIK-REVEALS`,
    gsi2sk: `${at}#${auditId}`,
  }),
  /** One client's credited work on one local date, across all their cases (daily cap and overlaps). */
  clientDay: (officeId: string, clientId: string, date: string) => ({
    pk: `O#${officeId}#CLIENT#${clientId}`,
    sk: `DAY#${date}`,
  }),

  /** A case partition holds the case and its placements, sessions, warnings and referrals. */
  casePartition: (officeId: string, caseId: string) => `O#${officeId}#CASE#${caseId}`,
  caseRoot: 'CASE',
  /** The case's own item, the root of its partition. */
  caseRecord: (officeId: string, caseId: string) => ({
    pk: `O#${officeId}#CASE#${caseId}`,
    sk: 'CASE',
  }),
  /** gsi1 listing of an office's cases in one status. */
  casesInStatus: (officeId: string, status: string) => `O#${officeId}#CASES#${status}`,
  /** gsi2 listing of the cases one officer (PK) runs. */
  officerCases: (officeId: string, username: string) => `O#${officeId}#OFFICER#${username}`,
  /** gsi3 listing of the cases placed at one work site. */
  siteCases: (officeId: string, siteId: string) => `O#${officeId}#SITE#${siteId}#CASES`,
  /** Sparse `due` and `track` listings of an office's open cases (by deadline, by last on-track day). */
  openCases: (officeId: string) => `O#${officeId}#OPEN`,
  /**
   * Sparse `due` listing of an office's closed cases by closure date (`<closedOn>#<caseId>`), which the
   * retention job and its dry run read. Closed cases are not open, so the attributes are free.
   */
  retentionCases: (officeId: string) => `O#${officeId}#RETENTION`,
  /** The retention job's deletion records, `<at>#<ulid>`: ids, types, counts, dates; no personal data. */
  retentionLog: (officeId: string) => `O#${officeId}#RETENTION-LOG`,
  /** Sort key of a case in its listings: the day (deadline or last on-track day), then the id. */
  caseByDay: (day: string, caseId: string) => `${day}#${caseId}`,
  /**
   * The exclusive upper bound that takes in every case listed on `day` itself: sort keys are
   * `<day>#<id>`, and `$` sorts right after `#`.
   */
  throughDay: (day: string) => `${day}$`,
  /** Running office counters (cases by status, open warnings, hours per month) for the summary. */
  officeStats: (officeId: string) => ({ pk: `O#${officeId}#STATS`, sk: 'STATS' }),
  monthStats: (officeId: string, month: string) => ({ pk: `O#${officeId}#STATS`, sk: `MONTH#${month}` }),
  /** Hours credited and sessions recorded for work done in the ISO week starting `monday`. */
  weekStats: (officeId: string, monday: string) => ({ pk: `O#${officeId}#STATS`, sk: `WEEK#${monday}` }),

  /** One piece of evidence, in its case's partition (sort keys `EVIDENCE#<ulid>` order by time). */
  evidence: (officeId: string, caseId: string, evidenceId: string) => ({
    pk: `O#${officeId}#CASE#${caseId}`,
    sk: `EVIDENCE#${evidenceId}`,
  }),
  evidencePrefix: 'EVIDENCE#',
  /** gsi1 listing of a case's evidence in one status. */
  caseEvidenceByStatus: (officeId: string, caseId: string, status: string) =>
    `O#${officeId}#CASE#${caseId}#EVIDENCE#${status}`,
  /** gsi2 listing of the evidence attached to one session. */
  sessionEvidence: (officeId: string, sessionId: string) => `O#${officeId}#SESSION#${sessionId}#EVIDENCE`,
  /**
   * Sparse `due` listing of an office's active placements by their last day (`<until>#<placementId>`):
   * what the nightly housekeeping job ends once the day has passed. An ended placement leaves it.
   */
  activePlacements: (officeId: string) => `O#${officeId}#PLACEMENTS#ACTIVE`,
  placementByUntil: (until: string, placementId: string) => `${until}#${placementId}`,
  /** Sparse `due` listing of an office's pending uploads, by request time: what the expiry job reads. */
  pendingEvidence: (officeId: string) => `O#${officeId}#EVIDENCE#PENDING`,
  /**
   * A scheduled slot (ADR 0014): one per case per day, keyed by its date in the case partition, so a
   * session recorded for the case on that date finds it without a query.
   */
  slot: (officeId: string, caseId: string, date: string) => ({
    pk: `O#${officeId}#CASE#${caseId}`,
    sk: `SLOT#${date}`,
  }),
  slotPrefix: 'SLOT#',
  /** gsi1 listing of an office's slots, by `<date>#<siteId>#<startTime>#<caseId>`: a day, or a range. */
  officeSlots: (officeId: string) => `O#${officeId}#SLOTS`,
  officeSlotSort: (date: string, siteId: string, startTime: string, caseId: string) =>
    `${date}#${siteId}#${startTime}#${caseId}`,
  /** gsi2 listing of one client's slots over all their cases, by `<date>#<caseId>`. */
  clientSlots: (officeId: string, clientId: string) => `O#${officeId}#CLIENT#${clientId}#SLOTS`,
  clientSlotSort: (date: string, caseId: string) => `${date}#${caseId}`,
  /** The places scheduled slots take at each site on one date (`s_<siteId>` counters). */
  slotLoad: (officeId: string, date: string) => ({ pk: `O#${officeId}#SLOTLOAD`, sk: date }),
  slotLoadPartition: (officeId: string) => `O#${officeId}#SLOTLOAD`,

  /** The first verified evidence of a case with these bytes (lower-case hex SHA-256): duplicate detection. */
  evidenceHash: (officeId: string, caseId: string, sha256: string) => ({
    pk: `O#${officeId}#CASE#${caseId}`,
    sk: `EVIDENCE-SHA256#${sha256}`,
  }),
} as const;
