import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type {
  AuditTouch,
  BreachAudience,
  BreachClosing,
  BreachNotice,
  BreachRecordType,
  BreachReport,
  BreachStatus,
} from '../domain/data-protection/breaches';
import { changeEntry } from './audit';
import { batchGetIn } from './batch-get';
import { keys } from './keys';
import { auditPut, mapOf, OfficeRecordStore } from './office-records';
import { WriteConflict } from './optimistic';
import type { Page } from './paging';
import { getItem } from './read-ahead';
import type { TransactItem } from './transactions';
import type { Actor } from './user-store';

/** A breach as the register holds it: the report, its clock, its notices and its closing. */
export interface BreachRecord extends BreachReport {
  readonly id: string;
  /** The office whose admin opened it, and who. */
  readonly openedBy: { readonly officeId: string; readonly actor: string };
  /** Discovery plus 3 × 24 hours (PDP-BREACH-CLOCK), stored so listings sort and show it without math. */
  readonly deadline: string;
  readonly status: BreachStatus;
  readonly notices: Partial<Readonly<Record<BreachAudience, BreachNotice>>>;
  readonly closing?: BreachClosing;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One affected office's copy: what its register and its admins' home banner show. */
export interface BreachSummary {
  readonly id: string;
  readonly what: string;
  readonly discoveredAt: string;
  readonly deadline: string;
  readonly status: BreachStatus;
  readonly officeIds: readonly string[];
  readonly recordTypes: readonly BreachRecordType[];
  readonly openedByOffice: string;
  readonly notices: Partial<Record<BreachAudience, { readonly sentAt: string; readonly late: boolean }>>;
  readonly version: number;
  readonly updatedAt: string;
}

/** An audit entry of the exposure window, with the key a page may end at. */
export interface AuditTouchWithKey extends AuditTouch {
  readonly key: Record<string, unknown>;
}

/** Audit entries one affected-clients page reads at most (DynamoDB stops at 1 MB before that). */
const AUDIT_ENTRIES_PER_PAGE = 1000;

/** Where open breaches sort in an office's register: open first, then notified, then closed. */
const STATUS_RANK: Readonly<Record<BreachStatus, string>> = { open: '0', notified: '1', closed: '2' };

/**
 * Keys of the register. The breach itself belongs to the deployment, not to one office (it may name
 * several), so like an office or a person it has a global partition; each affected office holds a copy
 * under its own prefix, which is how that office lists and finds it (ADR 0022).
 */
export const breachKeys = {
  breach: (breachId: string) => ({ pk: `BREACH#${breachId}`, sk: 'BREACH' }),
  copy: (officeId: string, breachId: string) => ({ pk: `O#${officeId}#BREACH#${breachId}`, sk: 'BREACH' }),
  /** gsi1 listing of the breaches an office is named in: `<status rank>#<discoveredAt>#<id>`. */
  officeBreaches: (officeId: string) => `O#${officeId}#BREACHES`,
  listingSort: (breach: Pick<BreachRecord, 'status' | 'discoveredAt' | 'id'>) =>
    `${STATUS_RANK[breach.status]}#${breach.discoveredAt}#${breach.id}`,
};

/** The breach was changed since it was read; the use case reads and decides again. */
export class BreachExists extends Error {}

/**
 * The breach register (UU 27/2022 Pasal 46). Opening a breach writes the breach, one copy per affected
 * office and the audit entry in one transaction; every later change (a notice, the closing) rewrites
 * the breach (conditioned on its version) and every copy in one transaction, so no office ever sees a
 * state the others do not.
 */
export class BreachStore extends OfficeRecordStore {
  constructor(db: DynamoDBDocumentClient, tableName: string) {
    super(db, tableName);
  }

  /** Which of these offices exist in the directory: one BatchGet (ids from the read-ahead cost none). */
  async existingOffices(officeIds: readonly string[]): Promise<Set<string>> {
    const found = await batchGetIn(this.db, this.tableName, officeIds.map(keys.office), {
      consistent: false,
    });
    return new Set(found.map((item) => String(item.id)));
  }

  /** An office's copy: only an office the breach names has one. One GetItem (or the read-ahead). */
  async getCopy(officeId: string, breachId: string): Promise<BreachSummary | undefined> {
    const item = await getItem(this.db, this.tableName, breachKeys.copy(officeId, breachId));
    return item ? toSummary(item) : undefined;
  }

  /** The breach itself, strongly consistent: changes are decided on it. */
  async get(breachId: string): Promise<BreachRecord | undefined> {
    const item = await getItem(this.db, this.tableName, breachKeys.breach(breachId), { consistent: true });
    return item ? toBreach(item) : undefined;
  }

  /** One Query on gsi1: open ones first (oldest discovery first), or only those of one status. */
  async list(
    officeId: string,
    page: { limit: number; startKey?: Record<string, unknown>; status?: BreachStatus },
  ): Promise<Page<BreachSummary>> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: page.status ? 'gsi1pk = :pk AND begins_with(gsi1sk, :rank)' : 'gsi1pk = :pk',
        ExpressionAttributeValues: {
          ':pk': breachKeys.officeBreaches(officeId),
          ...(page.status ? { ':rank': `${STATUS_RANK[page.status]}#` } : {}),
        },
        Limit: page.limit,
        ExclusiveStartKey: page.startKey,
      }),
    );
    return { items: (result.Items ?? []).map(toSummary), lastKey: result.LastEvaluatedKey };
  }

  /**
   * One Query of the office's audit log (gsi1 `O#<office>#AUDIT`, by instant) inside the window, both
   * ends included, oldest first, of the entries about clients and cases (by `actor` only, when named).
   * Each entry carries its table and index key, so a page may end at any entry of it.
   */
  async auditInWindow(
    officeId: string,
    window: { from: string; to: string; actor?: string },
    page: { startKey?: Record<string, unknown> },
  ): Promise<Page<AuditTouchWithKey>> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        // Sort keys are `<instant>#<ulid>`; `$` sorts right after `#`, so the upper end takes in `to`.
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
        FilterExpression: `subjectType IN (:client, :case, :caseEvidence)${window.actor ? ' AND actor = :actor' : ''}`,
        ProjectionExpression: 'pk, sk, gsi1pk, gsi1sk, #at, actor, subjectType, subjectId',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: {
          ':pk': `O#${officeId}#AUDIT`,
          ':from': window.from,
          ':to': `${window.to}$`,
          ':client': 'client',
          ':case': 'case',
          ':caseEvidence': 'case-evidence',
          ...(window.actor ? { ':actor': window.actor } : {}),
        },
        Limit: AUDIT_ENTRIES_PER_PAGE,
        ExclusiveStartKey: page.startKey,
      }),
    );
    const items = (result.Items ?? []).map((item) => ({
      at: String(item.at),
      actor: String(item.actor),
      subjectType: String(item.subjectType),
      subjectId: String(item.subjectId),
      key: { pk: item.pk, sk: item.sk, gsi1pk: item.gsi1pk, gsi1sk: item.gsi1sk },
    }));
    return { items, lastKey: result.LastEvaluatedKey };
  }

  /**
   * The clients behind touched records: one BatchGet of the cases (their `clientId`, `clientName`) and
   * the clients named directly (their `fullName`), at most 100 keys. Names are personal data: they are
   * returned to the caller, never logged.
   */
  async clientsOf(
    officeId: string,
    touched: readonly { kind: 'client' | 'case'; id: string }[],
  ): Promise<{ cases: Map<string, { clientId: string; clientName: string }>; clients: Map<string, string> }> {
    const wanted = touched.map((t) =>
      t.kind === 'case' ? keys.caseRecord(officeId, t.id) : keys.client(officeId, t.id),
    );
    const items = await batchGetIn(this.db, this.tableName, wanted, { consistent: false });
    const cases = new Map<string, { clientId: string; clientName: string }>();
    const clients = new Map<string, string>();
    for (const item of items) {
      if (item.sk === keys.caseRoot) {
        cases.set(String(item.id), {
          clientId: String(item.clientId),
          clientName: String(item.clientName ?? ''),
        });
      } else clients.set(String(item.id), String(item.fullName ?? ''));
    }
    return { cases, clients };
  }

  /** Opens a breach: the breach, a copy per office it names, the audit entry in the acting office. */
  async create(breach: BreachRecord, actor: Actor, actingOfficeId: string): Promise<BreachRecord> {
    const entry = audit(actingOfficeId, 'breach.open', undefined, breach, actor);
    await this.transactOr(
      [
        {
          Put: {
            TableName: this.tableName,
            Item: breachItem(breach),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...breach.officeIds.map((officeId) => this.copyPut(officeId, breach, 'attribute_not_exists(pk)')),
        auditPut(this.tableName, entry),
      ],
      () => new BreachExists(),
    );
    return breach;
  }

  /**
   * Writes the breach's next state if it is still at version `expected` (else `WriteConflict`), and
   * every office's copy with it, with the audit entry in the acting office.
   */
  async update(
    current: BreachRecord,
    next: BreachRecord,
    action: string,
    actor: Actor,
    actingOfficeId: string,
  ): Promise<BreachRecord> {
    await this.transactOr(
      [
        {
          Put: {
            TableName: this.tableName,
            Item: breachItem(next),
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': current.version },
          },
        },
        ...next.officeIds.map((officeId) => this.copyPut(officeId, next, 'attribute_exists(pk)')),
        auditPut(this.tableName, audit(actingOfficeId, action, current, next, actor)),
      ],
      () => new WriteConflict(`breach ${current.id}`),
    );
    return next;
  }

  private copyPut(officeId: string, breach: BreachRecord, condition: string): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...breachKeys.copy(officeId, breach.id),
          gsi1pk: breachKeys.officeBreaches(officeId),
          gsi1sk: breachKeys.listingSort(breach),
          type: 'breach-copy',
          officeId,
          ...summaryOf(breach),
        },
        ConditionExpression: condition,
      },
    };
  }
}

/** What an office's copy holds: the banner's and the register's fields, no notes nor evidence. */
export function summaryOf(breach: BreachRecord): BreachSummary {
  const notices: BreachSummary['notices'] = {};
  for (const [audience, notice] of Object.entries(breach.notices) as [BreachAudience, BreachNotice][]) {
    notices[audience] = { sentAt: notice.sentAt, late: notice.late };
  }
  return {
    id: breach.id,
    what: breach.what,
    discoveredAt: breach.discoveredAt,
    deadline: breach.deadline,
    status: breach.status,
    officeIds: breach.officeIds,
    recordTypes: breach.recordTypes,
    openedByOffice: breach.openedBy.officeId,
    notices,
    version: breach.version,
    updatedAt: breach.updatedAt,
  };
}

function breachItem(breach: BreachRecord) {
  return { ...breachKeys.breach(breach.id), type: 'breach', ...breach };
}

function toBreach(item: Record<string, unknown>): BreachRecord {
  const exposure = mapOf(item.exposure);
  const openedBy = mapOf(item.openedBy);
  return {
    id: String(item.id),
    what: String(item.what),
    discoveredAt: String(item.discoveredAt),
    exposure: { from: String(exposure.from), to: String(exposure.to) },
    officeIds: (item.officeIds as string[] | undefined) ?? [],
    recordTypes: (item.recordTypes as BreachRecordType[] | undefined) ?? [],
    ...(typeof item.suspectActor === 'string' ? { suspectActor: item.suspectActor } : {}),
    openedBy: { officeId: String(openedBy.officeId), actor: String(openedBy.actor) },
    deadline: String(item.deadline),
    status: item.status as BreachStatus,
    notices: mapOf(item.notices) as BreachRecord['notices'],
    ...(item.closing ? { closing: item.closing as BreachClosing } : {}),
    version: Number(item.version ?? 1),
    createdAt: String(item.createdAt ?? ''),
    updatedAt: String(item.updatedAt ?? ''),
  };
}

function toSummary(item: Record<string, unknown>): BreachSummary {
  return {
    id: String(item.id),
    what: String(item.what),
    discoveredAt: String(item.discoveredAt),
    deadline: String(item.deadline),
    status: item.status as BreachStatus,
    officeIds: (item.officeIds as string[] | undefined) ?? [],
    recordTypes: (item.recordTypes as BreachRecordType[] | undefined) ?? [],
    openedByOffice: String(item.openedByOffice),
    notices: mapOf(item.notices) as BreachSummary['notices'],
    version: Number(item.version ?? 1),
    updatedAt: String(item.updatedAt ?? ''),
  };
}

function audit(
  officeId: string,
  action: string,
  before: BreachRecord | undefined,
  after: BreachRecord,
  actor: Actor,
) {
  return changeEntry({ officeId, action, subject: { type: 'breach', id: after.id }, before, after, actor });
}
