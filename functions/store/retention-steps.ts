/**
 * What each retention step does to one closed case (ADR 0020): which items and object versions it
 * removes or rewrites. Each returns what it found and the item writes that finish it; the use case
 * (actions/retention/apply-retention.ts) adds the step's mark and deletion record to the last
 * transaction, so the step is done and logged at once, or not at all. In the store, as it knows keys.
 */
import type { RetentionStep, RetentionStepId } from '../domain';
import { auditPartition } from './audit';
import { caseItem, type CaseRecord } from './case-store';
import { nikHash } from './client-store';
import { keys } from './keys';
import type { RetentionObjects, StoredVersion } from './retention-objects';
import type { ItemKeyOf, RetentionStore } from './retention-store';
import type { TransactItem } from './transactions';

/** What a step reaches: the retention store and the evidence bucket's versions. */
interface RetentionPorts {
  readonly retention: RetentionStore;
  readonly retentionObjects: RetentionObjects;
}

/** A step's work: the writes before its finishing transaction, and what the record counts. */
export interface StepWork {
  readonly writes: readonly TransactItem[];
  /** Writes that must be in the finishing transaction itself (they replace the mark's own item). */
  readonly finish?: readonly TransactItem[];
  readonly items: number;
  readonly objects: number;
  /** The evidence ids to keep on the case for the read logs that outlive the evidence. */
  readonly evidenceIds?: readonly string[];
  /** Set when the case item itself is rewritten or deleted by `finish` (no separate mark). */
  readonly marksItself?: boolean;
}

/** The step cannot finish yet: a version is still locked (S3 would refuse), or other steps must go first. */
export class StepHeld extends Error {
  constructor(readonly until?: Date) {
    super('retention step held');
    this.name = 'StepHeld';
  }
}

export interface StepContext {
  readonly ports: RetentionPorts;
  readonly record: CaseRecord;
  readonly client: Record<string, unknown> | undefined;
  readonly steps: readonly RetentionStep[];
  readonly done: ReadonlySet<RetentionStepId>;
  readonly at: string;
  readonly now: Date;
}

/** Access-log actions in a client's trail: the audited reads of their NIK, and their exports. */
export const CLIENT_READ_ACTIONS = new Set(['client.reveal-nik', 'client.export', 'client.export-link']);

/** The fields of a case that name or identify a person; anonymisation blanks or drops them. */
const anonymisedCase = (record: CaseRecord, at: string): CaseRecord => {
  const {
    notes: _notes,
    consent: _consent,
    assessment: _assessment,
    warningResolutions: _resolutions,
    completionRecord: _completion,
    diversion,
    decision,
    ...kept
  } = record;
  const { number: _number, ...decisionKept } = decision;
  return {
    ...kept,
    clientName: '',
    prosecutor: { name: '', office: record.prosecutor.office },
    decision: decisionKept,
    ...(diversion ? { diversion: { ...diversion, penetapanNumber: '' } } : {}),
    flags: [],
    anonymisedAt: at,
  } as CaseRecord;
};

/** Deletes every version under a prefix whose lock lapsed; holds when one is still locked. */
async function removeObjects(ports: RetentionPorts, prefix: string, now: Date): Promise<number> {
  const versions: StoredVersion[] = await ports.retentionObjects.versions(prefix);
  const locked = versions.filter((v) => v.retainUntil && v.retainUntil > now);
  for (const version of versions) if (!locked.includes(version)) await ports.retentionObjects.remove(version);
  if (locked.length > 0) {
    throw new StepHeld(new Date(Math.max(...locked.map((v) => v.retainUntil!.getTime()))));
  }
  return versions.length;
}

const casePrefix = (record: CaseRecord) => `${record.officeId}/${record.id}/`;
const partition = (record: CaseRecord) => keys.casePartition(record.officeId, record.id);
const deletesOf = (ports: RetentionPorts, items: readonly ItemKeyOf[]) =>
  items.map((item) => ports.retention.deleteOf(item));

async function evidenceIdsOf(ports: RetentionPorts, record: CaseRecord): Promise<string[]> {
  const items = await ports.retention.itemsOf(partition(record), { prefix: 'EVIDENCE#', attributes: ['id'] });
  return [...items.map((i) => String(i.id)), ...(record.retention?.evidenceIds ?? [])];
}

async function auditItemsOf(ports: RetentionPorts, officeId: string, type: string, id: string) {
  return ports.retention.itemsOf(auditPartition(officeId, { type, id }), { attributes: ['action'] });
}

export const STEP_WORK: Readonly<Record<RetentionStepId, (c: StepContext) => Promise<StepWork>>> = {
  async thumbnails({ ports, record, now }) {
    const objects = await removeObjects(ports, `thumbnails/${casePrefix(record)}`, now);
    // The evidence no longer points at a thumbnail it has not got.
    const items = await ports.retention.itemsOf(partition(record), {
      prefix: 'EVIDENCE#',
      attributes: ['thumbnailKey'],
    });
    const writes = items
      .filter((i) => i.thumbnailKey)
      .map((i) => ports.retention.updateItem(i, 'REMOVE #t', { '#t': 'thumbnailKey' }));
    return { writes, items: writes.length, objects };
  },

  async evidence({ ports, record, now, done }) {
    const objects = await removeObjects(ports, `evidence/${casePrefix(record)}`, now);
    const items = await ports.retention.itemsOf(partition(record), {
      prefix: 'EVIDENCE',
      attributes: ['id'],
    });
    const ids = items.filter((i) => i.sk.startsWith('EVIDENCE#')).map((i) => String(i.id));
    return {
      writes: deletesOf(ports, items),
      items: items.length,
      objects,
      ...(done.has('accessLogs') && done.has('audit') ? {} : { evidenceIds: ids }),
    };
  },

  async accessLogs({ ports, record }) {
    const reads = [
      ...(await auditItemsOf(ports, record.officeId, 'case-evidence', record.id)),
      ...(
        await Promise.all(
          (await evidenceIdsOf(ports, record)).map((id) =>
            auditItemsOf(ports, record.officeId, 'evidence', id),
          ),
        )
      ).flat(),
    ];
    return { writes: deletesOf(ports, reads), items: reads.length, objects: 0 };
  },

  async clientAccessLogs({ ports, record }) {
    const trail = await auditItemsOf(ports, record.officeId, 'client', record.clientId);
    const reads = trail.filter((i) => CLIENT_READ_ACTIONS.has(String(i.action)));
    return { writes: deletesOf(ports, reads), items: reads.length, objects: 0 };
  },

  async guardian({ ports, record, client }) {
    if (!client?.guardian) return { writes: [], items: 0, objects: 0 };
    const update = ports.retention.updateItem(
      keys.client(record.officeId, record.clientId),
      'REMOVE guardian',
    );
    return { writes: [update], items: 1, objects: 0 };
  },

  async audit({ ports, record }) {
    const ids = await evidenceIdsOf(ports, record);
    const trails = await Promise.all([
      auditItemsOf(ports, record.officeId, 'case', record.id),
      auditItemsOf(ports, record.officeId, 'case-evidence', record.id),
      ...ids.map((id) => auditItemsOf(ports, record.officeId, 'evidence', id)),
    ]);
    const items = trails.flat();
    return { writes: deletesOf(ports, items), items: items.length, objects: 0 };
  },

  async clientAudit({ ports, record }) {
    const items = await auditItemsOf(ports, record.officeId, 'client', record.clientId);
    return { writes: deletesOf(ports, items), items: items.length, objects: 0 };
  },

  async case({ ports, record, steps, done, at }) {
    const action = steps.find((s) => s.id === 'case')!.action;
    // What the evidence steps own is theirs; everything else in the partition goes (sessions, slots…).
    const others = (await ports.retention.itemsOf(partition(record))).filter(
      (i) => i.sk !== keys.caseRoot && !i.sk.startsWith('EVIDENCE'),
    );
    const rest = steps.filter((s) => s.id !== 'case' && !done.has(s.id));
    if (action === 'delete') {
      // The case item carries the marks of every other step: it goes last.
      if (rest.length > 0) throw new StepHeld();
      const finish = [
        ports.retention.deleteOf(keys.caseRecord(record.officeId, record.id)),
        ports.retention.closedCounterDown(record.officeId),
      ];
      return {
        writes: deletesOf(ports, others),
        finish,
        items: others.length + 1,
        objects: 0,
        marksItself: true,
      };
    }
    const doneMarks = { ...(record.retention?.done ?? {}), case: at };
    const anonymised: CaseRecord = {
      ...anonymisedCase(record, at),
      retention: {
        ...record.retention,
        done: doneMarks,
        ...(rest.length === 0 ? { completedAt: at } : {}),
      },
    };
    const put = ports.retention.putItem(caseItem(anonymised), 'case');
    return {
      writes: deletesOf(ports, others),
      finish: [put],
      items: others.length + 1,
      objects: 0,
      marksItself: true,
    };
  },

  async client({ ports, record, client, steps, at }) {
    if (!client || client.anonymisedAt) return { writes: [], items: 0, objects: 0 };
    const action = steps.find((s) => s.id === 'client')!.action;
    const key = keys.client(record.officeId, record.clientId);
    // Credited days (the daily cap) share the client's partition: ids and minutes, nothing more.
    const days = await ports.retention.itemsOf(key.pk, { prefix: 'DAY#' });
    const writes = [
      ...deletesOf(ports, days),
      ...(client.nik
        ? [ports.retention.deleteOf(keys.nikGuard(record.officeId, nikHash(String(client.nik))))]
        : []),
    ];
    if (action === 'delete') {
      return { writes: [...writes, ports.retention.deleteOf(key)], items: writes.length + 1, objects: 0 };
    }
    // No gsi1 keys: the client leaves the office's name listing.
    const kept = {
      ...key,
      type: 'client',
      id: client.id,
      officeId: client.officeId,
      sex: client.sex,
      ...(typeof client.birthDate === 'string' ? { birthYear: Number(client.birthDate.slice(0, 4)) } : {}),
      caseIds: client.caseIds ?? [],
      anonymisedAt: at,
      version: Number(client.version ?? 1) + 1,
      createdAt: client.createdAt,
    };
    return { writes: [...writes, ports.retention.putItem(kept)], items: writes.length + 1, objects: 0 };
  },
};
