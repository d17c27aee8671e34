/**
 * Key builders for the single main table. Every office-owned item's partition key starts with
 * `O#<officeId>#`, so a query can only ever reach one tenant's data (and IAM LeadingKeys could enforce
 * it). Directory items (offices, users, machine clients) are global: a person can belong to several
 * offices, so their records cannot live under one tenant.
 */
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

  /** Local mode only: password/secret hashes, in their own partition so no profile read loads them. */
  localCredential: (principal: string) => ({ pk: `LOCALCRED#${principal}`, sk: 'CREDENTIAL' }),
  /** Local mode only: a pending invitation, keyed by the hash of its one-time token. */
  localInvitation: (tokenHash: string) => ({ pk: `LOCALINVITE#${tokenHash}`, sk: 'INVITATION' }),
} as const;
