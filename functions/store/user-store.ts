import type { Page, PageRequest } from './paging';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  memberFields,
  membershipGrants,
  MEMBERSHIP_STATUSES,
  type MembershipStatus,
  type OfficeRole,
} from '../domain/membership';
import type { Role } from '../identity/principal';
import { changeEntry, type AuditEntry } from './audit';
import { keys } from './keys';
import {
  auditPut,
  disableItem,
  OfficeRecordStore,
  profilesOf,
  queryIndex,
  versionedUpdateItem,
} from './office-records';
import { WriteConflict } from './optimistic';
import type { TransactItem } from './transactions';

export interface OfficeMember {
  readonly username: string;
  readonly fullName: string;
  readonly email: string;
  readonly roles: readonly OfficeRole[];
  readonly siteIds: readonly string[];
  /** This office's membership (pending until the person accepts); the person may be active elsewhere. */
  readonly status: MembershipStatus;
  readonly version: number;
}

/** An office's invitation as the invited person sees it. */
export interface PendingInvitation {
  readonly officeId: string;
  readonly officeName: string;
  readonly roles: readonly OfficeRole[];
  readonly siteIds: readonly string[];
  /** ISO-8601 instant of the invitation; empty for a membership recorded before invitations. */
  readonly invitedAt: string;
}

export type Actor = Pick<AuditEntry, 'actor' | 'at' | 'reason'>;

/** What an office types to add a person: who they are, and the roles and sites it grants them. */
export type NewMember = Pick<OfficeMember, 'username' | 'email' | 'fullName' | 'roles' | 'siteIds'>;

/** The person is already a member of the office. */
export class MemberExists extends Error {}

/** Someone else created the person's profile between the caller's read and its write. */
export class AccountExists extends Error {}

/**
 * The people of one office: membership items (`USER#<name>` / `MEMBER#O#<office>`, listed through
 * gsi1) next to the global profile. A membership starts pending (an invitation) and keeps what its
 * office typed; the profile belongs to the person and no office reads another's. Every change writes
 * its audit entry in the same transaction.
 */
export class UserStore extends OfficeRecordStore {
  /** The page of memberships; a second call (one BatchGet) only for memberships without own fields. */
  async list(officeId: string, page: PageRequest): Promise<Page<OfficeMember>> {
    const found = await queryIndex(this.db, this.tableName, {
      index: 'gsi1',
      pk: keys.officeMembers(officeId),
      ...page,
    });
    // USER-OFFICE-FIELDS: a membership carries the name and email its office typed; only memberships
    // recorded before that (seeded by an operator) need the profile, so usually this is one call.
    const legacy = found.items.filter((m) => typeof m.fullName !== 'string');
    const profiles = await profilesOf(
      this.db,
      this.tableName,
      legacy.map((m) => String(m.pk)),
    );
    return {
      items: found.items.map((m) => toMember(m, profiles.get(String(m.pk)))),
      lastKey: found.lastKey,
    };
  }

  /**
   * One Query over the person's partition: profile and every membership. `rolesElsewhere` are the
   * person's active roles in other offices and regions (the sign-in groups must keep those);
   * `pendingElsewhere` says another office's invitation still waits for them. `accountExists` is for
   * the invitation's decision only: callers never show it (USER-GLOBAL-USERNAME).
   */
  async get(
    officeId: string,
    username: string,
  ): Promise<{
    member?: OfficeMember;
    rolesElsewhere: Role[];
    pendingElsewhere: boolean;
    accountExists: boolean;
  }> {
    const items = await this.partition(username);
    const profile = items.find((i) => i.sk === keys.profile);
    const membership = items.find((i) => i.sk === keys.officeMembership(officeId));
    const elsewhere = items.filter((i) => String(i.sk).startsWith('MEMBER#') && i !== membership);
    return {
      member: membership ? toMember(membership, profile) : undefined,
      rolesElsewhere: elsewhere
        .filter((i) => membershipGrants(i.status))
        .flatMap((i) => (i.roles as Role[] | undefined) ?? []),
      pendingElsewhere: elsewhere.some((i) => i.status === 'pending'),
      accountExists: profile !== undefined,
    };
  }

  /** The offices' invitations still waiting for the person's answer: one Query. */
  async pendingInvitations(username: string): Promise<PendingInvitation[]> {
    const items = await this.partition(username);
    return items
      .filter((i) => String(i.sk).startsWith('MEMBER#O#') && i.status === 'pending')
      .map((i) => ({
        officeId: String(i.officeId),
        officeName: String(i.officeName ?? i.officeId),
        roles: (i.roles as OfficeRole[] | undefined) ?? [],
        siteIds: (i.siteIds as string[] | undefined) ?? [],
        invitedAt: String(i.invitedAt ?? ''),
      }))
      .sort((a, b) => a.invitedAt.localeCompare(b.invitedAt));
  }

  /**
   * Records an office's invitation as a pending membership carrying what the office typed. With
   * `newAccount` the person's profile is created too, refused (`AccountExists`) if someone else made it
   * in the meantime; an existing profile is never read into the membership nor changed. A membership
   * the office already has is refused (`MemberExists`).
   */
  async invite(
    officeId: string,
    input: NewMember & { officeName: string },
    options: { newAccount: boolean },
    actor: Actor,
  ): Promise<OfficeMember> {
    const { officeName, ...fields } = input;
    const member: OfficeMember = { ...fields, status: 'pending', version: 1 };
    const profile: TransactItem = {
      Put: {
        TableName: this.tableName,
        Item: {
          pk: keys.userPartition(input.username),
          sk: keys.profile,
          type: 'user',
          username: input.username,
          fullName: input.fullName,
          email: input.email,
          status: 'active',
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    const membership: TransactItem = {
      Put: {
        TableName: this.tableName,
        Item: {
          ...membershipItem(officeId, member),
          officeName,
          invitedAt: actor.at.toISOString(),
          invitedBy: actor.actor,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    const entry = auditPut(this.tableName, audit(officeId, 'user.invite', undefined, member, actor));
    const items = options.newAccount ? [profile, membership, entry] : [membership, entry];
    await this.transactOr(items, (failed) =>
      options.newAccount && failed.index === 0 ? new AccountExists() : new MemberExists(),
    );
    return member;
  }

  /**
   * The person's answer to a pending invitation (`active` accepts, `declined` declines) if the stored
   * version is still `expected`, else `WriteConflict`; audited in the inviting office.
   */
  async answer(
    officeId: string,
    current: OfficeMember,
    status: 'active' | 'declined',
    expected: number,
    actor: Actor,
  ): Promise<OfficeMember> {
    const action = status === 'active' ? 'user.accept' : 'user.decline';
    return this.write(officeId, current, { status }, expected, { ...actor, action });
  }

  /**
   * Adds a person to the office. The profile is created if the person is new to Abdi and left as it
   * is if another office already has them; a second membership in the same office is refused.
   */
  async create(officeId: string, input: NewMember, actor: Actor): Promise<OfficeMember> {
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
    const profile = disableItem(this.tableName, {
      pk: keys.userPartition(current.username),
      sk: keys.profile,
    });
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
    // Only the changed attributes: the invitation's own fields (office name, who invited) stay.
    const membership = versionedUpdateItem(
      this.tableName,
      { pk: keys.userPartition(current.username), sk: keys.officeMembership(officeId) },
      { ...changes, version: next.version },
      expected,
    );
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

  private async partition(username: string): Promise<Record<string, unknown>[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.userPartition(username) },
      }),
    );
    return result.Items ?? [];
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
    // USER-OFFICE-FIELDS: what this office typed, shown to this office instead of the profile.
    fullName: member.fullName,
    email: member.email,
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
  const status = MEMBERSHIP_STATUSES.find((s) => s === membership.status) ?? 'disabled';
  return {
    username: String(membership.username),
    ...memberFields(membership, profile),
    roles: (membership.roles as OfficeRole[] | undefined) ?? [],
    siteIds: (membership.siteIds as string[] | undefined) ?? [],
    status,
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
