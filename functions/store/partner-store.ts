import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditItem, changeEntry } from './audit';
import { keys } from './keys';
import { ConditionFailed, transact } from './transactions';
import { StaleVersion, type Actor } from './user-store';

export const PARTNER_KINDS = [
  'government',
  'religious',
  'education',
  'health',
  'social',
  'ngo',
  'other',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export interface PartnerContact {
  readonly name: string;
  readonly phone?: string;
  readonly email?: string;
}

/** The cooperation agreement (PKS, Perjanjian Kerja Sama); dates are office-local `YYYY-MM-DD`, both ends valid. */
export interface Agreement {
  readonly number: string;
  readonly signedOn: string;
  readonly validFrom: string;
  readonly validUntil: string;
}

export interface PartnerInput {
  readonly name: string;
  readonly kind: PartnerKind;
  /** KUHP 85(3): kerja sosial must not be commercialised; a `false` partner is recorded but gets no placements. */
  readonly nonCommercial: boolean;
  readonly contact: PartnerContact;
  readonly agreement: Agreement;
}

export interface Partner extends PartnerInput {
  readonly id: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type PartnerChanges = Partial<PartnerInput>;

export class PartnerExists extends Error {}

/** What `list` returns: a page of records and DynamoDB's key to continue from. */
export interface Page<T> {
  readonly items: T[];
  readonly lastKey?: Record<string, unknown>;
}

/**
 * The partners of one office (PKS counterparties: Pemkot, kelurahan, mosques, schools, …). One item per
 * partner (`O#<office>#PARTNER#<id>` / `PARTNER`), listed by name through gsi1 (`O#<office>#PARTNERS`).
 * Every change writes its audit entry in the same transaction.
 */
export class PartnerStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * One Query on gsi1, by name. `kind` is a filter on that page, so a filtered page may hold fewer than
   * `limit` items (even none) and still have a `lastKey`: an office has dozens of partners, not thousands.
   */
  async list(
    officeId: string,
    page: { limit: number; startKey?: Record<string, unknown>; kind?: PartnerKind },
  ): Promise<Page<Partner>> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ...(page.kind
          ? {
              FilterExpression: '#kind = :kind',
              ExpressionAttributeNames: { '#kind': 'kind' },
              ExpressionAttributeValues: { ':pk': keys.officePartners(officeId), ':kind': page.kind },
            }
          : { ExpressionAttributeValues: { ':pk': keys.officePartners(officeId) } }),
        Limit: page.limit,
        ExclusiveStartKey: page.startKey,
      }),
    );
    return { items: (result.Items ?? []).map(toPartner), lastKey: result.LastEvaluatedKey };
  }

  /** One GetItem; a partner of another office is simply not found (its key carries the office). */
  async get(officeId: string, partnerId: string): Promise<Partner | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.partner(officeId, partnerId) }),
    );
    return Item ? toPartner(Item) : undefined;
  }

  /**
   * Records a partner with a new id (a ULID from the caller), or the fixed `id` the demo seed uses.
   * A second partner with the same id is refused with `PartnerExists`.
   */
  async create(officeId: string, id: string, input: PartnerInput, actor: Actor): Promise<Partner> {
    const at = actor.at.toISOString();
    const partner: Partner = { id, ...input, version: 1, createdAt: at, updatedAt: at };
    try {
      await transact(this.db, [
        {
          Put: {
            TableName: this.tableName,
            Item: partnerItem(officeId, partner),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: auditItem(audit(officeId, 'partner.create', undefined, partner, actor)),
          },
        },
      ]);
    } catch (error) {
      if (error instanceof ConditionFailed) throw new PartnerExists();
      throw error;
    }
    return partner;
  }

  /**
   * Changes the given fields if the stored version is still `expected`. An UpdateExpression names only
   * the changed attributes (plus version, updatedAt and the name key), so attributes this store does not
   * own are never overwritten.
   */
  async update(
    officeId: string,
    current: Partner,
    changes: PartnerChanges,
    expected: number,
    actor: Actor,
  ): Promise<Partner> {
    const next: Partner = {
      ...current,
      ...changes,
      version: expected + 1,
      updatedAt: actor.at.toISOString(),
    };
    const set = setExpression({
      ...changes,
      ...(changes.name !== undefined ? { gsi1sk: keys.byName(next.name, next.id) } : {}),
      version: next.version,
      updatedAt: next.updatedAt,
    });
    try {
      await transact(this.db, [
        {
          Update: {
            TableName: this.tableName,
            Key: keys.partner(officeId, current.id),
            UpdateExpression: set.expression,
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { ...set.names, '#version': 'version' },
            ExpressionAttributeValues: { ...set.values, ':expected': expected },
          },
        },
        {
          Put: {
            TableName: this.tableName,
            Item: auditItem(audit(officeId, 'partner.update', current, next, actor)),
          },
        },
      ]);
    } catch (error) {
      if (error instanceof ConditionFailed) throw new StaleVersion();
      throw error;
    }
    return next;
  }
}

/**
 * `SET #a0 = :a0, #a1 = :a1, …` for the given top-level attributes (undefined values skipped), with the
 * names and values to pass along. Placeholders use the `a` prefix so callers can add their own.
 * @example setExpression({ name: 'X', version: 2 }).expression === 'SET #a0 = :a0, #a1 = :a1'
 */
export function setExpression(attributes: Readonly<Record<string, unknown>>) {
  const entries = Object.entries(attributes).filter(([, value]) => value !== undefined);
  return {
    expression: `SET ${entries.map((_, i) => `#a${i} = :a${i}`).join(', ')}`,
    names: Object.fromEntries(entries.map(([name], i) => [`#a${i}`, name])),
    values: Object.fromEntries(entries.map(([, value], i) => [`:a${i}`, value])),
  };
}

function partnerItem(officeId: string, partner: Partner) {
  return {
    ...keys.partner(officeId, partner.id),
    gsi1pk: keys.officePartners(officeId),
    gsi1sk: keys.byName(partner.name, partner.id),
    type: 'partner',
    officeId,
    ...partner,
  };
}

function toPartner(item: Record<string, unknown>): Partner {
  const contact = (item.contact ?? {}) as Record<string, unknown>;
  const agreement = (item.agreement ?? {}) as Record<string, unknown>;
  return {
    id: String(item.id),
    name: String(item.name),
    kind: item.kind as PartnerKind,
    nonCommercial: item.nonCommercial === true,
    contact: {
      name: String(contact.name ?? ''),
      ...(typeof contact.phone === 'string' ? { phone: contact.phone } : {}),
      ...(typeof contact.email === 'string' ? { email: contact.email } : {}),
    },
    agreement: {
      number: String(agreement.number ?? ''),
      signedOn: String(agreement.signedOn ?? ''),
      validFrom: String(agreement.validFrom ?? ''),
      validUntil: String(agreement.validUntil ?? ''),
    },
    version: Number(item.version ?? 1),
    createdAt: String(item.createdAt ?? ''),
    updatedAt: String(item.updatedAt ?? ''),
  };
}

function audit(officeId: string, action: string, before: Partner | undefined, after: Partner, actor: Actor) {
  return changeEntry({ officeId, action, subject: { type: 'partner', id: after.id }, before, after, actor });
}
