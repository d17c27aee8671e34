import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Scope } from '../identity/principal';
import { changeEntry, type AuditEntry } from './audit';
import { keys } from './keys';
import { auditPut, disableItem, OfficeRecordStore, profilesOf, queryIndex } from './office-records';
import { WriteConflict } from './optimistic';
import type { Page, PageRequest } from './paging';
import type { TransactItem } from './transactions';

/**
 * A partner system's machine client as Abdi records it. The secret is not here: the provider (Cognito,
 * or local mode's hashes) holds it; this record decides what the client may do and whether it may.
 */
export interface Integration {
  readonly clientId: string;
  readonly name: string;
  /** The office whose admins manage the client (rotate, revoke). */
  readonly ownerOfficeId: string;
  /** Every office the client reads or writes, the owner included. */
  readonly offices: readonly string[];
  readonly scopes: readonly Scope[];
  readonly status: 'active' | 'revoked';
  readonly createdAt: string;
  readonly createdBy: string;
  readonly rotatedAt?: string;
  readonly revokedAt?: string;
  readonly version: number;
}

export type IntegrationActor = Pick<AuditEntry, 'actor' | 'at'>;

/** A client with this id is already recorded. */
export class IntegrationExists extends Error {}

/**
 * Machine clients of partner systems, in the same `CLIENT#<id>` partition the access guard resolves
 * (directory-store's resolvePrincipal): a profile whose `status` must be `active` and whose `scopes`
 * cap the token's, and one `integration` membership per office it serves, listed per office on gsi1.
 * Every change writes an audit entry in each office it serves, in the same transaction.
 */
export class IntegrationStore extends OfficeRecordStore {
  /** Two calls: the page of the office's memberships, then the profiles in one BatchGet. */
  async listForOffice(officeId: string, page: PageRequest) {
    const found = await queryIndex(this.db, this.tableName, {
      index: 'gsi1',
      pk: keys.officeIntegrations(officeId),
      ...page,
    });
    const partitions = [...new Set(found.items.map((item) => String(item.pk)))];
    const byPartition = await profilesOf(this.db, this.tableName, partitions);
    const items = partitions
      .map((pk) => byPartition.get(pk))
      .filter((p): p is Record<string, unknown> => p !== undefined && p.ownerOfficeId !== undefined)
      .map(toIntegration);
    return { items, lastKey: found.lastKey } satisfies Page<Integration>;
  }

  /** The client's profile, or undefined for an unknown id or a client no office owns. */
  async get(clientId: string): Promise<Integration | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: keys.clientPartition(clientId), sk: keys.profile },
      }),
    );
    return Item && Item.ownerOfficeId !== undefined ? toIntegration(Item) : undefined;
  }

  /** Records a client the provider has just made, with its memberships and audit entries. */
  async create(
    input: Pick<Integration, 'clientId' | 'name' | 'ownerOfficeId' | 'offices' | 'scopes'>,
    actor: IntegrationActor,
  ): Promise<Integration> {
    const record: Integration = {
      ...input,
      status: 'active',
      createdAt: actor.at.toISOString(),
      createdBy: actor.actor,
      version: 1,
    };
    const partition = keys.clientPartition(record.clientId);
    await this.transactOr(
      [
        {
          Put: {
            TableName: this.tableName,
            Item: profileItem(record),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...record.offices.map((officeId): TransactItem => ({
          Put: {
            TableName: this.tableName,
            Item: {
              pk: partition,
              sk: keys.officeMembership(officeId),
              gsi1pk: keys.officeIntegrations(officeId),
              gsi1sk: partition,
              type: 'membership',
              clientId: record.clientId,
              officeId,
              roles: ['integration'],
              status: 'active',
              version: 1,
            },
          },
        })),
        ...this.audits(record, 'integration.create', undefined, record, actor),
      ],
      () => new IntegrationExists(),
    );
    return record;
  }

  /** Notes a rotated secret (the provider already replaced it), if the version is still `expected`. */
  async markRotated(current: Integration, actor: IntegrationActor): Promise<Integration> {
    const next: Integration = { ...current, rotatedAt: actor.at.toISOString(), version: current.version + 1 };
    await this.write(current, next, 'integration.rotate', actor);
    return next;
  }

  /** Revokes the client: its profile stops resolving, so its next request is refused (401). */
  async revoke(current: Integration, actor: IntegrationActor): Promise<Integration> {
    const next: Integration = {
      ...current,
      status: 'revoked',
      revokedAt: actor.at.toISOString(),
      version: current.version + 1,
    };
    const partition = keys.clientPartition(current.clientId);
    const memberships = current.offices.map((officeId) =>
      disableItem(this.tableName, { pk: partition, sk: keys.officeMembership(officeId) }),
    );
    await this.write(current, next, 'integration.revoke', actor, memberships);
    return next;
  }

  private async write(
    current: Integration,
    next: Integration,
    action: string,
    actor: IntegrationActor,
    alongside: readonly TransactItem[] = [],
  ): Promise<void> {
    await this.transactOr(
      [
        {
          Put: {
            TableName: this.tableName,
            Item: profileItem(next),
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': current.version },
          },
        },
        ...alongside,
        ...this.audits(next, action, current, next, actor),
      ],
      () => new WriteConflict(`integration ${current.clientId}`),
    );
  }

  /** One entry in each office the client serves: each office's log shows who may reach its data. */
  private audits(
    record: Integration,
    action: string,
    before: Integration | undefined,
    after: Integration,
    actor: IntegrationActor,
  ): TransactItem[] {
    return record.offices.map((officeId) =>
      auditPut(
        this.tableName,
        changeEntry({
          officeId,
          action,
          subject: { type: 'integration', id: record.clientId },
          before,
          after,
          actor,
        }),
      ),
    );
  }
}

function profileItem(record: Integration): Record<string, unknown> {
  return { pk: keys.clientPartition(record.clientId), sk: keys.profile, type: 'client', ...record };
}

function toIntegration(item: Record<string, unknown>): Integration {
  return {
    clientId: String(item.clientId),
    name: String(item.name),
    ownerOfficeId: String(item.ownerOfficeId),
    offices: (item.offices as string[] | undefined) ?? [],
    scopes: (item.scopes as Scope[] | undefined) ?? [],
    status: item.status === 'active' ? 'active' : 'revoked',
    createdAt: String(item.createdAt ?? ''),
    createdBy: String(item.createdBy ?? ''),
    ...(item.rotatedAt ? { rotatedAt: String(item.rotatedAt) } : {}),
    ...(item.revokedAt ? { revokedAt: String(item.revokedAt) } : {}),
    version: Number(item.version ?? 1),
  };
}
