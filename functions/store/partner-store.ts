import type { PartnerKind } from '../domain/work-sites';
import { changeEntry } from './audit';
import { getItem } from './read-ahead';
import { keys } from './keys';
import {
  ExtraRefused,
  auditPut,
  mapOf,
  newRecordItems,
  OfficeRecordStore,
  queryIndex,
  stampsOf,
  versionedUpdateItem,
} from './office-records';
import type { Page } from './paging';
import { WriteConflict } from './optimistic';
import type { TransactItem } from './transactions';
import type { Actor } from './user-store';

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

/** A partner with this id is already recorded (the demo seed's fixed ids; a fresh ULID never collides). */
export class PartnerExists extends Error {}

/**
 * The partners of one office (PKS counterparties: Pemkot, kelurahan, mosques, schools, …). One item per
 * partner (`O#<office>#PARTNER#<id>` / `PARTNER`), listed by name through gsi1 (`O#<office>#PARTNERS`).
 * Every change writes its audit entry in the same transaction.
 */
export class PartnerStore extends OfficeRecordStore {
  /** One Query on gsi1, by name; `kind` filters the page (which may then be short, even empty). */
  async list(
    officeId: string,
    page: { limit: number; startKey?: Record<string, unknown>; kind?: PartnerKind },
  ): Promise<Page<Partner>> {
    const found = await queryIndex(this.db, this.tableName, {
      index: 'gsi1',
      pk: keys.officePartners(officeId),
      equal: { kind: page.kind },
      limit: page.limit,
      startKey: page.startKey,
    });
    return { items: found.items.map(toPartner), lastKey: found.lastKey };
  }

  /** One GetItem; a partner of another office is simply not found (its key carries the office). */
  async get(officeId: string, partnerId: string): Promise<Partner | undefined> {
    const item = await getItem(this.db, this.tableName, keys.partner(officeId, partnerId));
    return item ? toPartner(item) : undefined;
  }

  /**
   * Records a partner with the given id (`newId`, or the fixed id the demo seed uses). A second partner
   * with the same id is refused with `PartnerExists`.
   */
  async create(
    officeId: string,
    id: string,
    input: PartnerInput,
    actor: Actor,
    /** Joins the transaction (an import's row outcome); its failed condition throws `ExtraRefused`. */
    extra: readonly TransactItem[] = [],
  ): Promise<Partner> {
    const at = actor.at.toISOString();
    const partner: Partner = { id, ...input, version: 1, createdAt: at, updatedAt: at };
    const entry = audit(officeId, 'partner.create', undefined, partner, actor);
    const items = newRecordItems(this.tableName, partnerItem(officeId, partner), entry);
    await this.transactOr([...items, ...extra], (failed) =>
      failed.index >= items.length ? new ExtraRefused() : new PartnerExists(),
    );
    return partner;
  }

  /**
   * Changes the given fields if the stored version is still `expected`, else `WriteConflict`. Only the
   * changed attributes (plus version, updatedAt and the name key) are written.
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
    const attributes = {
      ...changes,
      ...(changes.name !== undefined ? { gsi1sk: keys.byName(next.name, next.id) } : {}),
      version: next.version,
      updatedAt: next.updatedAt,
    };
    await this.transactOr(
      [
        versionedUpdateItem(this.tableName, keys.partner(officeId, current.id), attributes, expected),
        auditPut(this.tableName, audit(officeId, 'partner.update', current, next, actor)),
      ],
      () => new WriteConflict(`partner ${current.id}`),
    );
    return next;
  }
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
  const contact = mapOf(item.contact);
  const agreement = mapOf(item.agreement);
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
    ...stampsOf(item),
  };
}

function audit(officeId: string, action: string, before: Partner | undefined, after: Partner, actor: Actor) {
  return changeEntry({ officeId, action, subject: { type: 'partner', id: after.id }, before, after, actor });
}
