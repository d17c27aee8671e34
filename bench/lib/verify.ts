import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditPartition } from '../../functions/store/audit';
import { caseItem, toCase } from '../../functions/store/case-store';
import { keys } from '../../functions/store/keys';

type StartKey = Record<string, unknown> | undefined;

/** Reads `read` from the first page to the last, following LastEvaluatedKey, handing each page on. */
export async function eachPage<P extends { LastEvaluatedKey?: StartKey }>(
  read: (startKey: StartKey) => Promise<P>,
  onPage: (page: P) => void,
): Promise<void> {
  let startKey: StartKey;
  do {
    const page = await read(startKey);
    onPage(page);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

type QueryInput = ConstructorParameters<typeof QueryCommand>[0];

/** Every item of a query, following LastEvaluatedKey (small partitions: a case's sessions, its audit). */
export async function queryAll(
  db: DynamoDBDocumentClient,
  input: QueryInput,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  await eachPage(
    (startKey) => db.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey })),
    (page) => items.push(...(page.Items ?? [])),
  );
  return items;
}

/** How many items a query matches, counted by DynamoDB (`Select: COUNT`) without reading them. */
export async function queryCount(db: DynamoDBDocumentClient, input: QueryInput): Promise<number> {
  let count = 0;
  await eachPage(
    (startKey) => db.send(new QueryCommand({ ...input, Select: 'COUNT', ExclusiveStartKey: startKey })),
    (page) => (count += page.Count ?? 0),
  );
  return count;
}

export interface CaseLedger {
  readonly caseId: string;
  readonly creditedMinutes: number;
  readonly remainingMinutes: number;
  readonly orderedMinutes: number;
  readonly sessions: readonly { id: string; creditedMinutes: number }[];
  /** Audit entries about sessions of this case, by session id. */
  readonly sessionAudit: ReadonlyMap<string, number>;
  /** Index keys whose stored value differs from the one derived from the stored record. */
  readonly staleKeys: readonly string[];
}

const DERIVED_KEYS = [
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'duepk',
  'duesk',
  'trackpk',
  'tracksk',
];

/**
 * What the store holds for one case, read straight from the table (consistent reads): its totals,
 * its sessions, and how many audit entries name each session.
 */
export async function readLedger(
  db: DynamoDBDocumentClient,
  tableName: string,
  officeId: string,
  caseId: string,
): Promise<CaseLedger> {
  const pk = keys.casePartition(officeId, caseId);
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: { pk, sk: keys.caseRoot }, ConsistentRead: true }),
  );
  if (!Item) throw new Error(`case ${caseId} is missing`);
  const sessions = await queryAll(db, {
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': 'SESSION#' },
    ConsistentRead: true,
  });
  const audit = await queryAll(db, {
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': auditPartition(officeId, { type: 'case', id: caseId }) },
    ConsistentRead: true,
  });
  const sessionAudit = new Map<string, number>();
  for (const entry of audit) {
    if (entry.action !== 'session.create') continue;
    const change = (entry.changes as { field: string; after: unknown }[]).find(
      (c) => c.field === 'session.id',
    );
    if (change) sessionAudit.set(String(change.after), (sessionAudit.get(String(change.after)) ?? 0) + 1);
  }
  const derived = caseItem(toCase(Item));
  const staleKeys = DERIVED_KEYS.filter((key) => derived[key] !== Item[key]).map(
    (key) => `${key} ${String(Item[key])} ≠ ${String(derived[key])}`,
  );
  return {
    caseId,
    staleKeys,
    creditedMinutes: Number(Item.creditedMinutes),
    remainingMinutes: Number(Item.remainingMinutes),
    orderedMinutes: Number((Item.sentence as { hours: number }).hours) * 60,
    sessions: sessions.map((s) => ({ id: String(s.id), creditedMinutes: Number(s.creditedMinutes) })),
    sessionAudit,
  };
}

/**
 * The ledger's own consistency: totals equal the sum of sessions, each session has one audit entry,
 * and the case's index keys (lists, due dates, "on track until") match its stored fields.
 */
export function ledgerProblems(ledger: CaseLedger): string[] {
  const problems: string[] = [];
  const sum = ledger.sessions.reduce((total, s) => total + s.creditedMinutes, 0);
  if (sum !== ledger.creditedMinutes) {
    problems.push(`${ledger.caseId}: credited ${ledger.creditedMinutes} ≠ sum of sessions ${sum}`);
  }
  if (ledger.creditedMinutes + ledger.remainingMinutes !== ledger.orderedMinutes) {
    problems.push(
      `${ledger.caseId}: credited ${ledger.creditedMinutes} + remaining ${ledger.remainingMinutes} ≠ ordered ${ledger.orderedMinutes}`,
    );
  }
  for (const stale of ledger.staleKeys) problems.push(`${ledger.caseId}: derived index key ${stale}`);
  for (const session of ledger.sessions) {
    const entries = ledger.sessionAudit.get(session.id) ?? 0;
    if (entries !== 1) problems.push(`${ledger.caseId}: session ${session.id} has ${entries} audit entries`);
  }
  for (const id of ledger.sessionAudit.keys()) {
    if (!ledger.sessions.some((s) => s.id === id)) {
      problems.push(`${ledger.caseId}: audit entry for a session that does not exist (${id})`);
    }
  }
  return problems;
}
