import type { Page } from './paging';
import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { OfficeRole } from '../domain/membership';
import type { Role } from '../identity/principal';
import { changeEntry, type AuditEntry } from './audit';
import { keys } from './keys';
import { auditPut, OfficeRecordStore, queryIndex } from './office-records';
import { WriteConflict } from './optimistic';
import type { TransactItem } from './transactions';

export interface OfficeMember {
  readonly username: string;
  readonly fullName: string;
  readonly email: string;
  readonly roles: readonly OfficeRole[];
  readonly siteIds: readonly string[];
  /** This office's membership; the person may still be active elsewhere. */
  readonly status: 'active' | 'disabled';
  readonly version: number;
}

export type Actor = Pick<AuditEntry, 'actor' | 'at' | 'reason'>;

/** The person is already a member of the office. */
export class MemberExists extends Error {}

/**
 * The people of one office: membership items (`USER#<name>` / `MEMBER#O#<office>`, listed through
 * gsi1) next to the global profile. Every change writes its audit entry in the same transaction.
 */
export class UserStore extends OfficeRecordStore {
  /** Two calls: the page of memberships, then their profiles in one BatchGet. */
  async list(
    officeId: string,
    page: { limit: number; startKey?: Record<string, unknown> },
  ): Promise<Page<OfficeMember>> {
    const found = await queryIndex(this.db, this.tableName, {
      index: 'gsi1',
      pk: keys.officeMembers(officeId),
      ...page,
    });
    const profiles = await this.profiles(found.items.map((m) => String(m.pk)));
    return {
      items: found.items.map((m) => toMember(m, profiles.get(String(m.pk)))),
      lastKey: found.lastKey,
    };
  }

  /**
   * One Query over the person's partition: profile and every membership. `rolesElsewhere` are the
   * person's active roles in other offices and regions (the sign-in groups must keep those).
   */
  async get(officeId: string, username: string): Promise<{ member?: OfficeMember; rolesElsewhere: Role[] }> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.userPartition(username) },
      }),
    );
    const items = result.Items ?? [];
    const profile = items.find((i) => i.sk === keys.profile);
    const membership = items.find((i) => i.sk === keys.officeMembership(officeId));
    const rolesElsewhere = items
      .filter((i) => String(i.sk).startsWith('MEMBER#') && i !== membership && i.status !== 'disabled')
      .flatMap((i) => (i.roles as Role[] | undefined) ?? []);
    return { member: membership && profile ? toMember(membership, profile) : undefined, rolesElsewhere };
  }

  /**
   * Adds a person to the office. The profile is created if the person is new to Abdi and left as it
   * is if another office already has them; a second membership in the same office is refused.
   */
  async create(
    officeId: string,
    input: {
      username: string;
      email: string;
      fullName: string;
      roles: readonly OfficeRole[];
      siteIds: readonly string[];
    },
    actor: Actor,
  ): Promise<OfficeMember> {
    const partition = keys.userPartition(input.username);
    const member: OfficeMember = { ...input, status: 'active', version: 1 };
    await this.transactOr(
      [
        {
          Update: {
            TableName: this.tableName,
            Key: { pk: partition, sk: keys.profile },
            UpdateExpression:
              'SET #type = :type, username = :u, fullName = if_not_exists(fullName, :n), ' +
              'email = if_not_exists(email, :e), #status = if_not_exists(#status, :active)',
            ExpressionAttributeNames: { '#type': 'type', '#status': 'status' },
            ExpressionAttributeValues: {
              ':type': 'user',
              ':u': input.username,
              ':n': input.fullName,
              ':e': input.email,
              ':active': 'active',
            },
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: membershipItem(officeId, member),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        auditPut(this.tableName, audit(officeId, 'user.create', undefined, member, actor)),
      ],
      () => new MemberExists(),
    );
    return member;
  }

  /** Grants new roles and sites if the stored version is still `expected`, else `WriteConflict`. */
  async changeAccess(
    officeId: string,
    current: OfficeMember,
    access: { roles: readonly OfficeRole[]; siteIds: readonly string[] },
    expected: number,
    actor: Actor,
  ): Promise<OfficeMember> {
    return this.write(officeId, current, access, expected, { ...actor, action: 'user.update' });
  }

  /**
   * Disables the membership if the stored version is still `expected`, else `WriteConflict`. With
   * `profileToo` (no other office still grants a role) the person's profile is disabled as well.
   */
  async disable(
    officeId: string,
    current: OfficeMember,
    expected: number,
    actor: Actor,
    options: { profileToo: boolean },
  ): Promise<OfficeMember> {
    const profile: TransactItem = {
      Update: {
        TableName: this.tableName,
        Key: { pk: keys.userPartition(current.username), sk: keys.profile },
        UpdateExpression: 'SET #status = :disabled',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':disabled': 'disabled' },
      },
    };
    const action = { ...actor, action: 'user.disable' };
    return this.write(
      officeId,
      current,
      { status: 'disabled' },
      expected,
      action,
      options.profileToo ? [profile] : [],
    );
  }

  private async write(
    officeId: string,
    current: OfficeMember,
    changes: Partial<Pick<OfficeMember, 'roles' | 'siteIds' | 'status'>>,
    expected: number,
    actor: Actor & { action: string },
    alongside: readonly TransactItem[] = [],
  ): Promise<OfficeMember> {
    const next: OfficeMember = { ...current, ...changes, version: expected + 1 };
    const membership: TransactItem = {
      Put: {
        TableName: this.tableName,
        Item: membershipItem(officeId, next),
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': expected },
      },
    };
    await this.transactOr(
      [
        membership,
        ...alongside,
        auditPut(this.tableName, audit(officeId, actor.action, current, next, actor)),
      ],
      () => new WriteConflict(`member ${current.username}`),
    );
    return next;
  }

  private async profiles(partitions: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
    const unique = [...new Set(partitions)];
    if (unique.length === 0) return new Map();
    const result = await this.db.send(
      new BatchGetCommand({
        RequestItems: { [this.tableName]: { Keys: unique.map((pk) => ({ pk, sk: keys.profile })) } },
      }),
    );
    return new Map((result.Responses?.[this.tableName] ?? []).map((item) => [String(item.pk), item]));
  }
}

function membershipItem(officeId: string, member: OfficeMember) {
  const partition = keys.userPartition(member.username);
  return {
    pk: partition,
    sk: keys.officeMembership(officeId),
    gsi1pk: keys.officeMembers(officeId),
    gsi1sk: partition,
    type: 'membership',
    username: member.username,
    officeId,
    roles: member.roles,
    siteIds: member.siteIds,
    status: member.status,
    version: member.version,
  };
}

function toMember(
  membership: Record<string, unknown>,
  profile: Record<string, unknown> | undefined,
): OfficeMember {
  return {
    username: String(membership.username),
    fullName: String(profile?.fullName ?? ''),
    email: String(profile?.email ?? ''),
    roles: (membership.roles as OfficeRole[] | undefined) ?? [],
    siteIds: (membership.siteIds as string[] | undefined) ?? [],
    status: membership.status === 'disabled' ? 'disabled' : 'active',
    version: Number(membership.version ?? 1),
  };
}

function audit(
  officeId: string,
  action: string,
  before: OfficeMember | undefined,
  after: OfficeMember,
  actor: Actor,
) {
  const subject = { type: 'user', id: after.username };
  return changeEntry({ officeId, action, subject, before, after, actor });
}
