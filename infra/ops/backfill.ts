import { decodeTime, isValid } from 'ulidx';
import {
  CASE_STATUSES,
  committedAsChild,
  isOfficeTimeZone,
  localDateOf,
  type CaseForChildProtection,
  type LocalDate,
  type OfficeTimeZone,
} from '../../functions/domain';
import type { AuditRecord, AuditStore } from '../../functions/store/audit-store';
import type { CaseRecord } from '../../functions/store/case-record';
import { retentionKeys } from '../../functions/store/case-retention-keys';
import type { ClientRecord } from '../../functions/store/client-store';
import { keys } from '../../functions/store/keys';
import type { RetentionStore } from '../../functions/store/retention-store';
import type { DirectoryStore } from '../../functions/store/directory-store';
import type { DueKeys, StoredItem, UpgradeStore } from '../../functions/store/upgrade-store';
import type { DeploymentConfig } from '../config/schema';
import { officesOf } from './offices';

/**
 * Upgrading a live table (`npm run ops -- backfill`): several features keep derived data on the write
 * that creates it, so items from before them lack it and the jobs that read it silently skip them.
 * This gives them what the feature's own write would have:
 *
 * - a client's `caseIds` (every case, oldest first) and `childAtOffence` (the first case for an offence
 *   as a child): without them a subject's export omits older cases and the retention job holds the
 *   client for good;
 * - a closed case's `closedOn` (from its audit trail's closing transition in the office's zone, or else
 *   its `updatedAt`) and its retention listing keys: without them the retention job never sees it;
 * - an active placement's `due` keys: without them the nightly housekeeping never ends it.
 *
 * It reads an office's cases through their status listings and each case's placements (Queries, never
 * a Scan). Each write is conditioned on what it was decided from (see UpgradeStore), so a rerun, or a
 * run beside live registrations, changes nothing twice. An anonymised client is never touched.
 */

/** The newest audit entry's office-local date whose changes move the case's status to `closed`. */
export function closureInTrail(entries: readonly AuditRecord[], zone: OfficeTimeZone): LocalDate | undefined {
  const closing = entries.find((entry) =>
    entry.changes.some((change) => change.field === 'status' && change.after === 'closed'),
  );
  return closing ? localDateOf(closing.at, zone) : undefined;
}

/** Where a derived closure date came from, for the operator's count. */
export type ClosureSource = 'audit' | 'updatedAt';

/**
 * The closure date of a closed case without one: its closing transition's date, or else the date of its
 * last write (a closed case is not written again, so that is the closure unless the trail is gone).
 */
export function derivedClosure(
  record: Pick<CaseRecord, 'updatedAt'>,
  fromTrail: LocalDate | undefined,
  zone: OfficeTimeZone,
): { closedOn: LocalDate; source: ClosureSource } {
  return fromTrail
    ? { closedOn: fromTrail, source: 'audit' }
    : { closedOn: localDateOf(record.updatedAt, zone), source: 'updatedAt' };
}

/** The retention listing keys a closed case closed on `closedOn` lacks, or undefined when it has them. */
export function missingRetentionKeys(item: StoredItem, closedOn: LocalDate): DueKeys | undefined {
  const wanted = retentionKeys({ ...(item as unknown as CaseRecord), closedOn });
  return wanted && !sameKeys(item, wanted) ? wanted : undefined;
}

/** The housekeeping listing keys an active placement lacks, or undefined (ended, or listed already). */
export function missingPlacementKeys(officeId: string, item: StoredItem): DueKeys | undefined {
  if (item.status !== 'active') return undefined;
  const wanted = {
    duepk: keys.activePlacements(officeId),
    duesk: keys.placementByUntil(String(item.until), String(item.id)),
  };
  return sameKeys(item, wanted) ? undefined : wanted;
}

const sameKeys = (item: StoredItem, due: DueKeys) => item.duepk === due.duepk && item.duesk === due.duesk;

/**
 * The client's `caseIds` with its cases that are missing added, in order of creation; undefined when
 * none is missing. Every id is placed by its case's creation; a listed id whose case was not read
 * (registered during the run, or deleted by the retention job) by its ULID's time, or else right after
 * the id listed before it.
 */
export function completedCaseIds(
  existing: readonly string[] | undefined,
  cases: readonly Pick<CaseRecord, 'id' | 'createdAt'>[],
): string[] | undefined {
  const listed = existing ?? [];
  const missing = cases.filter((c) => !listed.includes(c.id)).map((c) => c.id);
  if (missing.length === 0) return undefined;
  const created = new Map(cases.map((c) => [c.id, Date.parse(c.createdAt)]));
  let previous = 0;
  const when = new Map<string, number>();
  for (const id of [...listed, ...missing]) {
    previous = created.get(id) ?? (isValid(id) ? decodeTime(id) : previous);
    when.set(id, previous);
  }
  // A stable sort: within one millisecond, ULIDs (monotonic) by id, anything else stays where it was.
  const byId = (a: string, b: string) => (isValid(a) && isValid(b) ? (a < b ? -1 : a > b ? 1 : 0) : 0);
  return [...when.keys()].sort((a, b) => when.get(a)! - when.get(b)! || byId(a, b));
}

/** The child mark to add (the client's first case for an offence as a child), or undefined. */
export function missingChildMark(
  client: Pick<ClientRecord, 'birthDate' | 'childAtOffence'>,
  casesOldestFirst: readonly (CaseForChildProtection & Pick<CaseRecord, 'id'>)[],
): ClientRecord['childAtOffence'] {
  if (client.childAtOffence) return undefined;
  const first = casesOldestFirst.find((c) => committedAsChild(client.birthDate, c));
  if (!first) return undefined;
  const offenceDate = first.decision?.offenceDate;
  return offenceDate ? { caseId: first.id, offenceDate } : { caseId: first.id };
}

export interface BackfillPorts {
  readonly upgrade: Pick<
    UpgradeStore,
    'casesInStatus' | 'placementsOf' | 'setClientCases' | 'setClosure' | 'listActivePlacement'
  >;
  /** The client item as stored, anonymised or not. */
  readonly clients: Pick<RetentionStore, 'client'>;
  readonly audit: Pick<AuditStore, 'trail'>;
}

/** What a run did (or, dry, would do) in one office: ids and counts, no personal data. */
export interface BackfillReport {
  readonly officeId: string;
  readonly dryRun: boolean;
  readonly cases: number;
  readonly clientCaseIds: number;
  readonly childMarks: number;
  readonly closedFromAudit: number;
  readonly closedFromUpdatedAt: number;
  readonly retentionListed: number;
  readonly placementsListed: number;
  readonly anonymisedSkipped: number;
  readonly clientsNotFound: number;
  /** Writes refused because the item changed meanwhile, and still so after reading it again: rerun. */
  readonly changedMeanwhile: number;
}

const PAGE = 100;
const CLIENT_ATTEMPTS = 5;

/** Backfills one office; with `dryRun`, reads only and counts what it would write. */
export async function backfillOffice(
  ports: BackfillPorts,
  office: { readonly id: string; readonly timeZone: string },
  options: { readonly dryRun: boolean },
): Promise<BackfillReport> {
  if (!isOfficeTimeZone(office.timeZone)) throw new Error(`${office.id}: unknown time zone`);
  const zone = office.timeZone;
  const write = (run: () => Promise<boolean>) => (options.dryRun ? Promise.resolve(true) : run());
  const count = {
    clientCaseIds: 0,
    childMarks: 0,
    closedFromAudit: 0,
    closedFromUpdatedAt: 0,
    retentionListed: 0,
    placementsListed: 0,
    anonymisedSkipped: 0,
    clientsNotFound: 0,
    changedMeanwhile: 0,
  };

  const cases = await allCases(ports, office.id);
  for (const item of cases) {
    const record = item as unknown as CaseRecord;
    for (const placement of await ports.upgrade.placementsOf(office.id, record.id)) {
      const due = missingPlacementKeys(office.id, placement);
      if (!due) continue;
      if (await write(() => ports.upgrade.listActivePlacement(placement, due))) count.placementsListed += 1;
      else count.changedMeanwhile += 1;
    }
    if (record.status !== 'closed' || record.retention?.completedAt) continue;
    const closure = record.closedOn
      ? undefined
      : derivedClosure(record, await closureOf(ports, office.id, record.id, zone), zone);
    const closedOn = record.closedOn ?? closure!.closedOn;
    const due = missingRetentionKeys(item, closedOn);
    if (!due) continue;
    if (!(await write(() => ports.upgrade.setClosure(office.id, record.id, closedOn, due)))) {
      count.changedMeanwhile += 1;
      continue;
    }
    count.retentionListed += 1;
    if (closure?.source === 'audit') count.closedFromAudit += 1;
    if (closure?.source === 'updatedAt') count.closedFromUpdatedAt += 1;
  }

  const byClient = new Map<string, CaseRecord[]>();
  for (const item of cases) {
    const record = item as unknown as CaseRecord;
    byClient.set(record.clientId, [...(byClient.get(record.clientId) ?? []), record]);
  }
  for (const [clientId, ofClient] of byClient) {
    const oldestFirst = [...ofClient].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    let outcome: keyof typeof count | 'none' = 'changedMeanwhile';
    for (let attempt = 0; attempt < CLIENT_ATTEMPTS && outcome === 'changedMeanwhile'; attempt += 1) {
      const client = await ports.clients.client(office.id, clientId);
      if (!client) outcome = 'clientsNotFound';
      else if (client.anonymisedAt) outcome = 'anonymisedSkipped';
      else {
        const seen = client.caseIds as string[] | undefined;
        const caseIds = completedCaseIds(seen, oldestFirst);
        const childAtOffence = missingChildMark(client as unknown as ClientRecord, oldestFirst);
        if (!caseIds && !childAtOffence) outcome = 'none';
        else if (
          await write(() =>
            ports.upgrade.setClientCases({ officeId: office.id, clientId, seen, caseIds, childAtOffence }),
          )
        ) {
          if (caseIds) count.clientCaseIds += 1;
          if (childAtOffence) count.childMarks += 1;
          outcome = 'none';
        }
      }
    }
    if (outcome !== 'none') count[outcome] += 1;
  }
  return { officeId: office.id, dryRun: options.dryRun, cases: cases.length, ...count };
}

/**
 * Backfills the office named, or every office the deployment lists and every other office of its
 * regions (an office taken off the list keeps its records): one line per office.
 */
export async function backfillDeployment(
  ports: BackfillPorts,
  directory: Pick<DirectoryStore, 'getOffice' | 'listOfficesInRegion'>,
  deployment: DeploymentConfig,
  options: { readonly office?: string; readonly dryRun: boolean },
): Promise<string[]> {
  const configured = officesOf(deployment);
  const regions = [...new Set(configured.map((office) => office.regionId))];
  const inRegions = await Promise.all(regions.map((region) => directory.listOfficesInRegion(region)));
  const ids = options.office
    ? [options.office]
    : [...new Set([...configured, ...inRegions.flat()].map((office) => office.id))];
  const lines: string[] = [];
  for (const id of ids) {
    const office = await directory.getOffice(id);
    lines.push(
      office
        ? formatReport(await backfillOffice(ports, office, { dryRun: options.dryRun }))
        : `${id}: not in the directory (run sync-offices first)`,
    );
  }
  return lines;
}

/** Every case of the office, once each, through the listing of each status of the lifecycle. */
async function allCases(ports: BackfillPorts, officeId: string): Promise<StoredItem[]> {
  const byId = new Map<string, StoredItem>();
  for (const status of CASE_STATUSES) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await ports.upgrade.casesInStatus(officeId, status, { limit: PAGE, startKey });
      for (const item of page.items) byId.set(String(item.id), item);
      startKey = page.lastKey;
    } while (startKey);
  }
  return [...byId.values()];
}

/** The closure date in the case's audit trail, read newest first until the closing entry. */
async function closureOf(ports: BackfillPorts, officeId: string, caseId: string, zone: OfficeTimeZone) {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ports.audit.trail(officeId, { type: 'case', id: caseId }, { limit: 50, startKey });
    const found = closureInTrail(page.items, zone);
    if (found) return found;
    startKey = page.lastKey;
  } while (startKey);
  return undefined;
}

/** One line per office for the operator: counts only. */
export function formatReport(report: BackfillReport): string {
  const verb = report.dryRun ? 'would set' : 'set';
  const changes = report.clientCaseIds + report.childMarks + report.retentionListed + report.placementsListed;
  const summary = changes === 0 ? 'nothing to do' : report.dryRun ? 'dry run, nothing written' : 'done';
  return (
    `${report.officeId}: ${report.cases} cases; ${verb}: clients' caseIds ${report.clientCaseIds}, ` +
    `child marks ${report.childMarks}, closed cases listed for retention ${report.retentionListed} ` +
    `(closedOn from audit ${report.closedFromAudit}, from updatedAt ${report.closedFromUpdatedAt}), ` +
    `placements listed for housekeeping ${report.placementsListed}; skipped: anonymised clients ` +
    `${report.anonymisedSkipped}, clients not found ${report.clientsNotFound}, changed meanwhile ` +
    `${report.changedMeanwhile}; ${summary}`
  );
}
