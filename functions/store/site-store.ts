import { busiestWeekday, WEEKDAY_KEYS, type Occupancy, type WeekdayKey } from '../domain/work-sites';
import { changeEntry } from './audit';
import { batchGetIn } from './batch-get';
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

// The occupancy vocabulary is the domain's; re-exported for the placement code that reads it from here.
export { WEEKDAY_KEYS, type Occupancy, type WeekdayKey };

export interface SiteLocation {
  readonly lat: number;
  readonly lng: number;
  /** Radius around the point within which attendance counts as on site. */
  readonly radiusMeters: number;
}

export interface SiteInput {
  readonly partnerId: string;
  readonly name: string;
  readonly address: string;
  readonly kelurahan: string;
  readonly kecamatan: string;
  readonly kabupatenKota: string;
  readonly location: SiteLocation;
  /** Clients at the site at once, per weekday. */
  readonly capacity: number;
  readonly activities: readonly string[];
  readonly active: boolean;
}

export interface Site extends SiteInput {
  readonly id: string;
  /** Active placements per ISO weekday; written only by placements, never by site edits. */
  readonly occupancy: Occupancy;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type SiteChanges = Partial<SiteInput>;

/** Which sites a list shows: one partner's, active or not (undefined: no filter). */
export interface SiteFilter {
  readonly partnerId?: string;
  readonly active?: boolean;
}

/** A site with this id is already recorded (the demo seed's fixed ids; a fresh ULID never collides). */
export class SiteExists extends Error {}
/** The site's partner is not (or no longer) a partner of the office. */
export class PartnerMissing extends Error {}
/** A capacity change would leave more placements on some weekday than the new capacity. */
export class CapacityBelowOccupancy extends Error {
  constructor(readonly occupied: number) {
    super(`capacity below the ${occupied} placements on the busiest weekday`);
    this.name = 'CapacityBelowOccupancy';
  }
}

const emptyOccupancy = (): Occupancy =>
  Object.fromEntries(WEEKDAY_KEYS.map((d) => [d, 0])) as Record<WeekdayKey, number>;

/**
 * The work sites of one office. A site is ONE item, so that capacity is enforced by a single condition:
 *
 * ```
 * pk  O#<office>#SITE#<siteId>   sk SITE
 * gsi1pk O#<office>#SITES                      gsi1sk <lower-case name>#<siteId>
 * gsi2pk O#<office>#PARTNER#<partnerId>#SITES  gsi2sk <lower-case name>#<siteId>
 * type 'site', id, officeId, partnerId, name, address, kelurahan, kecamatan, kabupatenKota,
 * location {lat, lng, radiusMeters}, capacity (number), activities (list), active (boolean),
 * occupancy {"1": n, …, "7": n} (map, all seven keys from creation), version, createdAt, updatedAt
 * ```
 *
 * Placements own `occupancy` and change it in their own transaction with ONE Update of this item for
 * all the placement's weekdays (a transaction may touch an item only once), never touching `version`
 * (so an admin's ETag stays valid). For weekdays 2 and 4:
 *
 * ```
 * place:  SET occupancy.#d2 = occupancy.#d2 + :one, occupancy.#d4 = occupancy.#d4 + :one
 *         condition  active = :true AND occupancy.#d2 < capacity AND occupancy.#d4 < capacity
 * end:    SET occupancy.#d2 = occupancy.#d2 - :one, …   condition  occupancy.#d2 > :zero AND …
 * ```
 *
 * Site edits, in turn, never write `occupancy`: `update` SETs only the changed attributes, and a lower
 * capacity carries the condition `occupancy.#d <= :capacity` for every weekday, so a placement racing
 * the edit cannot leave the site over capacity.
 */
export class SiteStore extends OfficeRecordStore {
  /**
   * One Query, by name: on gsi2 for one partner's sites, else on gsi1 for the office's. `active`
   * filters the page, so a filtered page may be short (even empty) and still have a `lastKey`.
   */
  async list(
    officeId: string,
    page: SiteFilter & { limit: number; startKey?: Record<string, unknown> },
  ): Promise<Page<Site>> {
    const { partnerId } = page;
    const found = await queryIndex(this.db, this.tableName, {
      ...(partnerId !== undefined
        ? { index: 'gsi2', pk: keys.partnerSites(officeId, partnerId) }
        : { index: 'gsi1', pk: keys.officeSites(officeId) }),
      equal: { active: page.active },
      limit: page.limit,
      startKey: page.startKey,
    });
    return { items: found.items.map(toSite), lastKey: found.lastKey };
  }

  /**
   * A page of the named sites only (a supervisor's handful): one BatchGet, filtered and paged here by
   * name, continuing after `startKey.after`. At most 100 ids: more are not read.
   */
  async listAmong(
    officeId: string,
    siteIds: readonly string[],
    page: SiteFilter & { limit: number; startKey?: Record<string, unknown> },
  ): Promise<Page<Site>> {
    const after = page.startKey?.after;
    const named = (await this.getMany(officeId, siteIds)).filter(
      ({ site, key }) =>
        (page.partnerId === undefined || site.partnerId === page.partnerId) &&
        (page.active === undefined || site.active === page.active) &&
        (typeof after !== 'string' || key > after),
    );
    const items = named.slice(0, page.limit);
    const last = items.at(-1);
    return {
      items: items.map(({ site }) => site),
      lastKey: named.length > items.length && last ? { after: last.key } : undefined,
    };
  }

  /** One GetItem; a site of another office is simply not found (its key carries the office). */
  async get(officeId: string, siteId: string): Promise<Site | undefined> {
    const item = await getItem(this.db, this.tableName, keys.site(officeId, siteId), { consistent: true });
    return item ? toSite(item) : undefined;
  }

  /** The named sites in one BatchGet, with their listing keys (gsi1's sort key), in that order. */
  private async getMany(officeId: string, siteIds: readonly string[]) {
    const unique = [...new Set(siteIds)].slice(0, 100).map((id) => keys.site(officeId, id));
    return (await batchGetIn(this.db, this.tableName, unique, { consistent: false }))
      .map(toSite)
      .map((site) => ({ site, key: keys.byName(site.name, site.id) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /**
   * Records a site with all seven weekdays unoccupied. The partner's item is checked in the same
   * transaction, so a site can never point at a partner the office does not have.
   */
  async create(
    officeId: string,
    id: string,
    input: SiteInput,
    actor: Actor,
    /** Joins the transaction (an import's row outcome); its failed condition throws `ExtraRefused`. */
    extra: readonly TransactItem[] = [],
  ): Promise<Site> {
    const at = actor.at.toISOString();
    const site: Site = {
      id,
      ...input,
      occupancy: emptyOccupancy(),
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const entry = audit(officeId, 'site.create', undefined, site, actor);
    const items = [
      partnerCheck(this.tableName, officeId, input.partnerId),
      ...newRecordItems(this.tableName, siteItem(officeId, site), entry),
    ];
    await this.transactOr([...items, ...extra], (failed) =>
      failed.index >= items.length
        ? new ExtraRefused()
        : failed.index === 0
          ? new PartnerMissing()
          : new SiteExists(),
    );
    return site;
  }

  /**
   * Changes the given fields if the stored version is still `expected`, never touching `occupancy`.
   * Failures: `WriteConflict` (another edit came first), `CapacityBelowOccupancy` (placements fill more
   * than the new capacity on some weekday; on a failed condition one more read tells which), or
   * `PartnerMissing` (a new `partnerId` that is not the office's).
   */
  async update(
    officeId: string,
    current: Site,
    changes: SiteChanges,
    expected: number,
    actor: Actor,
  ): Promise<Site> {
    const next: Site = { ...current, ...changes, version: expected + 1, updatedAt: actor.at.toISOString() };
    const renamed = changes.name !== undefined;
    const moved = changes.partnerId !== undefined && changes.partnerId !== current.partnerId;
    const attributes = {
      ...changes,
      ...(renamed ? { gsi1sk: keys.byName(next.name, next.id) } : {}),
      ...(renamed || moved
        ? { gsi2pk: keys.partnerSites(officeId, next.partnerId), gsi2sk: keys.byName(next.name, next.id) }
        : {}),
      version: next.version,
      updatedAt: next.updatedAt,
    };
    const { capacity } = changes;
    // SITE-CAPACITY, held against placements racing this edit: no weekday above the new capacity.
    const capacityHolds =
      capacity === undefined
        ? undefined
        : {
            expressions: WEEKDAY_KEYS.map((d) => `#occupancy.#d${d} <= :capacity`),
            names: {
              '#occupancy': 'occupancy',
              ...Object.fromEntries(WEEKDAY_KEYS.map((d) => [`#d${d}`, d])),
            },
            values: { ':capacity': capacity },
          };
    const items: TransactItem[] = [
      ...(moved ? [partnerCheck(this.tableName, officeId, next.partnerId)] : []),
      versionedUpdateItem(
        this.tableName,
        keys.site(officeId, current.id),
        attributes,
        expected,
        capacityHolds,
      ),
      auditPut(this.tableName, audit(officeId, 'site.update', current, next, actor)),
    ];
    await this.transactOr(items, async (failed) => {
      if (moved && failed.index === 0) return new PartnerMissing();
      const stored = await this.get(officeId, current.id);
      const occupied = stored ? busiestWeekday(stored.occupancy) : 0;
      return stored?.version === expected && capacity !== undefined && capacity < occupied
        ? new CapacityBelowOccupancy(occupied)
        : new WriteConflict(`site ${current.id}`);
    });
    return next;
  }
}

/** Transaction item: the partner exists in this office (its key carries the office). */
function partnerCheck(tableName: string, officeId: string, partnerId: string) {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: keys.partner(officeId, partnerId),
      ConditionExpression: 'attribute_exists(pk)',
    },
  };
}

function siteItem(officeId: string, site: Site) {
  return {
    ...keys.site(officeId, site.id),
    gsi1pk: keys.officeSites(officeId),
    gsi1sk: keys.byName(site.name, site.id),
    gsi2pk: keys.partnerSites(officeId, site.partnerId),
    gsi2sk: keys.byName(site.name, site.id),
    type: 'site',
    officeId,
    ...site,
  };
}

function toSite(item: Record<string, unknown>): Site {
  const location = mapOf(item.location);
  const occupancy = mapOf(item.occupancy);
  return {
    id: String(item.id),
    partnerId: String(item.partnerId),
    name: String(item.name),
    address: String(item.address ?? ''),
    kelurahan: String(item.kelurahan ?? ''),
    kecamatan: String(item.kecamatan ?? ''),
    kabupatenKota: String(item.kabupatenKota ?? ''),
    location: {
      lat: Number(location.lat),
      lng: Number(location.lng),
      radiusMeters: Number(location.radiusMeters),
    },
    capacity: Number(item.capacity),
    activities: (item.activities as string[] | undefined) ?? [],
    active: item.active === true,
    occupancy: Object.fromEntries(WEEKDAY_KEYS.map((d) => [d, Number(occupancy[d] ?? 0)])) as Record<
      WeekdayKey,
      number
    >,
    ...stampsOf(item),
  };
}

function audit(officeId: string, action: string, before: Site | undefined, after: Site, actor: Actor) {
  // Occupancy belongs to placements, which audit their own changes.
  const subject = { type: 'site', id: after.id };
  return changeEntry({
    officeId,
    action,
    subject,
    before,
    after,
    actor,
    ignore: Object.keys(after.occupancy).map((d) => `occupancy.${d}`),
  });
}
