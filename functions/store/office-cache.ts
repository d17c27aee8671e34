import type { Office } from '../domain/office';

/**
 * Offices per container, for `OFFICE_CACHE_SECONDS` (default 60): an office changes a few times a year
 * (its name from the operator's sync, its policy from its admin), and every request of an office needs
 * it. A change made in this container is seen at once (the writers forget the office); another
 * container sees it within the TTL (ADR 0011). Memberships are never cached: disabling a person takes
 * effect on their next request.
 */
const TTL_MS = Number(process.env.OFFICE_CACHE_SECONDS ?? 60) * 1000;
const cached = new Map<string, { office: Office; until: number }>();

const slot = (table: string, officeId: string) => `${table}\u0000${officeId}`;

export const officeCache = {
  get(table: string, officeId: string, now = Date.now()): Office | undefined {
    const hit = cached.get(slot(table, officeId));
    if (!hit || hit.until <= now) return undefined;
    return hit.office;
  },
  put(table: string, office: Office, now = Date.now()): void {
    cached.set(slot(table, office.id), { office, until: now + TTL_MS });
  },
  forget(table: string, officeId: string): void {
    cached.delete(slot(table, officeId));
  },
};
