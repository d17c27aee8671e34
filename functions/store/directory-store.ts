import {
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Membership, Principal, Role, Scope, TokenSubject } from '../identity/principal';
import type { Office } from '../domain/office';
import { membershipGrants } from '../domain/membership';
import type { OfficeDocumentSettings } from '../domain/documents';
import type { OfficeHolidays } from '../domain/office-holidays';
import { DEFAULT_OFFICE_POLICY, type OfficePolicy } from '../domain/office-policy';
import { keys } from './keys';
import { officeCache } from './office-cache';
import { batchGet, batchGetIn, type TableKey } from './batch-get';
import { getItem, keepRead, type ItemKey } from './read-ahead';
import type { Page, PageRequest } from './paging';

export type { TableKey } from './batch-get';

export type { Office } from '../domain/office';

export interface UserProfile {
  readonly username: string;
  readonly fullName: string;
  readonly email: string;
  readonly status: 'active' | 'disabled';
}

export interface MachineClientProfile {
  readonly clientId: string;
  readonly name: string;
  readonly status: 'active' | 'disabled';
  /** Scopes the server grants this client; a token's scopes are intersected with these. */
  readonly scopes: readonly Scope[];
}

interface MembershipItem {
  readonly sk: string;
  readonly roles: readonly Role[];
  readonly officeId?: string;
  readonly regionId?: string;
  readonly siteIds?: readonly string[];
}

/**
 * Offices, users and machine clients: the records the access guard resolves a caller against. An
 * office route's caller is one BatchGetItem (`principalInOffice`); a caller in every office (`/v1/me`)
 * is one Query over its partition (profile + memberships).
 */
export class DirectoryStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getOffice(officeId: string): Promise<Office | undefined> {
    const item = await getItem(this.db, this.tableName, keys.office(officeId));
    return item ? toOffice(item) : undefined;
  }

  /** At most 100 ids: one BatchGet (a person belongs to a handful of offices). */
  async getOffices(officeIds: readonly string[]): Promise<Office[]> {
    const unique = [...new Set(officeIds)].slice(0, 100);
    const items = await batchGetIn(this.db, this.tableName, unique.map(keys.office), { consistent: false });
    return items.map(toOffice).sort((a, b) => a.name.localeCompare(b.name));
  }

  async listOfficesInRegion(regionId: string): Promise<Office[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
        ExpressionAttributeValues: { ':pk': 'OFFICES', ':prefix': keys.officesOfRegionPrefix(regionId) },
      }),
    );
    return (result.Items ?? []).map(toOffice).sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * One page of a region's offices, in the order of their ids (the listing's sort key): one Query.
   * The regional summary pages over them, so a region's size never decides one request's cost. It
   * reads one office more than asked, so a region of exactly `limit` offices is one page, not a
   * full page and an empty one (the summary gives totals only for a region read in one page).
   */
  async pageOfficesInRegion(regionId: string, page: PageRequest): Promise<Page<Office>> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
        ExpressionAttributeValues: { ':pk': 'OFFICES', ':prefix': keys.officesOfRegionPrefix(regionId) },
        Limit: page.limit + 1,
        ExclusiveStartKey: page.startKey,
      }),
    );
    const items = result.Items ?? [];
    if (items.length <= page.limit) return { items: items.map(toOffice) };
    const last = items[page.limit - 1]!;
    return {
      items: items.slice(0, page.limit).map(toOffice),
      // A gsi1 page ends at the table key and the index key of its last item.
      lastKey: { pk: last.pk, sk: last.sk, gsi1pk: last.gsi1pk, gsi1sk: last.gsi1sk },
    };
  }

  /**
   * Every office in one time zone (the reminders' timed jobs run per zone): the office listing (gsi1),
   * every page, filtered on the zone. Indonesia has some ninety Bapas: one page in practice.
   */
  async listOfficesInZone(timeZone: string): Promise<Office[]> {
    const offices: Office[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          // TIMEZONE is one of DynamoDB's reserved words.
          FilterExpression: '#zone = :zone',
          ExpressionAttributeNames: { '#zone': 'timeZone' },
          ExpressionAttributeValues: { ':pk': 'OFFICES', ':zone': timeZone },
          ExclusiveStartKey: startKey,
        }),
      );
      offices.push(...(result.Items ?? []).map(toOffice));
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return offices;
  }

  /**
   * Creates or updates an office from the operator's list. An update, not a put: the office's own
   * policy, holiday calendar and document settings (set by its admin, office-policy-store.ts) live on the same item and
   * must survive a sync.
   */
  async putOffice(office: Office): Promise<void> {
    const { policy: _policy, holidays: _holidays, documentSettings: _documents, ...fields } = office;
    const item: Record<string, unknown> = {
      ...keys.officeListing(office.regionId, office.id),
      type: 'office',
      ...fields,
    };
    const names = Object.keys(item);
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.office(office.id),
        UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#f${i}`, name])),
        ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:v${i}`, item[name]])),
      }),
    );
    officeCache.forget(this.tableName, office.id);
  }

  /** Resolves a verified token subject to a principal in every office, or undefined if unknown or disabled. */
  async resolvePrincipal(subject: TokenSubject): Promise<Principal | undefined> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': partitionOf(subject) },
      }),
    );
    const items = result.Items ?? [];
    const profile = items.find((item) => item.sk === keys.profile);
    const members = items.filter((item) => typeof item.sk === 'string' && item.sk.startsWith('MEMBER#'));
    return principalFrom(subject, profile, members);
  }

  /**
   * What the guard needs for an office route, in one strongly consistent BatchGetItem (ADR 0011): the
   * caller's profile and memberships in this office and its region, the office itself unless cached,
   * and `readKeys`, the records the route reads, kept as the request's read-ahead. The principal
   * carries only the memberships that apply here. On a cold office cache the region membership needs
   * the office's region first, which costs one more GetItem.
   */
  async principalInOffice(
    subject: TokenSubject,
    officeId: string,
    readKeys: readonly ItemKey[] = [],
    otherTables: readonly TableKey[] = [],
  ): Promise<{ principal?: Principal; office?: Office }> {
    const partition = partitionOf(subject);
    const here = (key: ItemKey): TableKey => ({ table: this.tableName, key });
    const profileKey = { pk: partition, sk: keys.profile };
    const officeMemberKey = { pk: partition, sk: keys.officeMembership(officeId) };
    const cached = officeCache.get(this.tableName, officeId);
    const regionMemberKey = (regionId: string) => ({ pk: partition, sk: keys.regionMembership(regionId) });
    const kept = [...readKeys.map(here), ...otherTables];
    const found = await batchGet(this.db, [
      here(profileKey),
      here(officeMemberKey),
      here(cached ? regionMemberKey(cached.regionId) : keys.office(officeId)),
      ...kept,
    ]);
    for (const { table, key } of kept) keepRead(table, key, found(table, key));
    const mine = (key: ItemKey) => found(this.tableName, key);
    const officeItem = cached ? undefined : mine(keys.office(officeId));
    const office = cached ?? (officeItem ? toOffice(officeItem) : undefined);
    if (!cached && office) officeCache.put(this.tableName, office);
    const regionMember = cached
      ? mine(regionMemberKey(cached.regionId))
      : office &&
        (await getItem(this.db, this.tableName, regionMemberKey(office.regionId), { consistent: true }));
    const members = [mine(officeMemberKey), regionMember].filter((item) => item !== undefined);
    return { principal: principalFrom(subject, mine(profileKey), members), office };
  }

  /** Creates or replaces a user with its memberships in one transaction. */
  async putUser(user: UserProfile, memberships: readonly Membership[]): Promise<void> {
    await this.putPrincipal(keys.userPartition(user.username), { type: 'user', ...user }, memberships, {
      username: user.username,
    });
  }

  async putMachineClient(client: MachineClientProfile, memberships: readonly Membership[]): Promise<void> {
    await this.putPrincipal(
      keys.clientPartition(client.clientId),
      { type: 'client', ...client },
      memberships,
      {
        clientId: client.clientId,
      },
    );
  }

  private async putPrincipal(
    partition: string,
    profile: Record<string, unknown>,
    memberships: readonly Membership[],
    owner: Record<string, string>,
  ): Promise<void> {
    const items = groupMemberships(memberships).map((m) => ({
      pk: partition,
      ...m,
      ...owner,
      status: 'active',
      version: 1,
      // Only people are listed as an office's members; machine clients are managed by an operator.
      ...(m.officeId && 'username' in owner
        ? { gsi1pk: keys.officeMembers(m.officeId), gsi1sk: partition }
        : {}),
    }));
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.tableName, Item: { pk: partition, sk: keys.profile, ...profile } } },
          ...items.map((Item) => ({ Put: { TableName: this.tableName, Item } })),
        ],
      }),
    );
  }
}

const partitionOf = (subject: TokenSubject) =>
  subject.kind === 'user' ? keys.userPartition(subject.username) : keys.clientPartition(subject.clientId);

/**
 * The principal from its profile and membership items, or undefined when the profile is missing or
 * not active. USER-PENDING-MEMBERSHIP: an invitation not yet accepted (or declined, or withdrawn)
 * grants nothing.
 */
function principalFrom(
  subject: TokenSubject,
  profile: Record<string, unknown> | undefined,
  memberItems: readonly Record<string, unknown>[],
): Principal | undefined {
  if (!profile || profile.status !== 'active') return undefined;
  const memberships = memberItems
    .filter((item) => membershipGrants(item.status))
    .flatMap((item) => toMemberships(item as unknown as MembershipItem));
  if (subject.kind === 'user') {
    return { kind: 'user', username: subject.username, fullName: String(profile.fullName), memberships };
  }
  const granted = new Set<Scope>((profile.scopes as Scope[] | undefined) ?? []);
  return {
    kind: 'client',
    clientId: subject.clientId,
    name: String(profile.name),
    scopes: subject.scopes.filter((scope) => granted.has(scope)),
    memberships,
  };
}

function toOffice(item: Record<string, unknown>): Office {
  return {
    id: String(item.id),
    name: String(item.name),
    class: item.class === 'I' ? 'I' : 'II',
    timeZone: String(item.timeZone),
    regionId: String(item.regionId),
    address: String(item.address ?? ''),
    // An office that never set its policy answers with the defaults, so readers see what applies.
    policy: (item.policy as OfficePolicy | undefined) ?? DEFAULT_OFFICE_POLICY,
    ...(item.holidays ? { holidays: item.holidays as OfficeHolidays } : {}),
    ...(item.documentSettings ? { documentSettings: item.documentSettings as OfficeDocumentSettings } : {}),
  };
}

function toMemberships(item: MembershipItem): Membership[] {
  return item.roles.map((role): Membership => {
    if (role === 'regional') return { role, regionId: item.regionId ?? '' };
    if (role === 'supervisor') return { role, officeId: item.officeId ?? '', siteIds: item.siteIds ?? [] };
    return { role, officeId: item.officeId ?? '' };
  });
}

/** One stored item per office (or region), holding every role the principal has there. */
function groupMemberships(memberships: readonly Membership[]): MembershipItem[] {
  const byScope = new Map<
    string,
    { roles: Role[]; officeId?: string; regionId?: string; siteIds?: string[] }
  >();
  for (const m of memberships) {
    const sk = 'regionId' in m ? keys.regionMembership(m.regionId) : keys.officeMembership(m.officeId);
    const entry =
      byScope.get(sk) ??
      ('regionId' in m ? { roles: [], regionId: m.regionId } : { roles: [], officeId: m.officeId });
    entry.roles.push(m.role);
    if (m.role === 'supervisor') entry.siteIds = [...(entry.siteIds ?? []), ...m.siteIds];
    byScope.set(sk, entry);
  }
  return [...byScope.entries()].map(([sk, entry]) => ({ sk, ...entry }));
}
