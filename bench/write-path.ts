import { randomUUID } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { addDays } from '../functions/domain';
import { registeredCase, workSite } from '../test/support/cases';
import { withSeededApi } from './lib/environment';
import { inParallel, percentile, ratio, round, timed } from './lib/stats';
import { ledgerProblems, readLedger } from './lib/verify';

export interface WritePathOptions {
  readonly cases: number;
  readonly sessionsPerCase: number;
  readonly clients: number;
}

const PREFIX = 'abdi-bench-write';
const OUTCOMES = ['attended', 'attended', 'attended', 'partial', 'unexcused_absence'] as const;

/** A session request: distinct dates per case, lengths from 30 minutes to 5 hours (some clipped). */
function sessionBody(siteId: string, index: number) {
  const minutes = 30 + ((index * 47) % 271);
  const end = 8 * 60 + minutes;
  const hhmm = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return {
    date: addDays('2026-03-02', index * 3),
    startTime: '08:00',
    endTime: hhmm(end),
    siteId,
    outcome: OUTCOMES[index % OUTCOMES.length],
    activity: 'Membersihkan masjid',
  };
}

/**
 * The items of a session write without the rules around it: a new session, the case's totals, the
 * client's day, the audit entry and the office's month and week counters (the last two shared by every
 * request, as in the office's real counters).
 */
function sessionLikeTransaction(table: string, caseIndex: number, index: number, sample: object) {
  const pk = `BENCH#TX#CASE#${caseIndex}`;
  const now = new Date().toISOString();
  return [
    {
      Put: {
        TableName: table,
        Item: { pk, sk: `SESSION#${index}`, type: 'bench', ...sample },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: table,
        Key: { pk, sk: 'CASE' },
        UpdateExpression: 'SET updatedAt = :now ADD creditedMinutes :m',
        ExpressionAttributeValues: { ':now': now, ':m': 60 },
      },
    },
    { Put: { TableName: table, Item: { pk: `BENCH#TX#DAY#${index}`, sk: 'DAY', sessions: {} } } },
    {
      Put: { TableName: table, Item: { pk: `${pk}#AUDIT`, sk: `AUDIT#${now}#${index}`, changes: [sample] } },
    },
    {
      Update: {
        TableName: table,
        Key: { pk: 'BENCH#TX#STATS', sk: 'MONTH' },
        UpdateExpression: 'ADD creditedMinutes :m',
        ExpressionAttributeValues: { ':m': 60 },
      },
    },
    {
      Update: {
        TableName: table,
        Key: { pk: 'BENCH#TX#STATS', sk: `WEEK#${index % 12}` },
        UpdateExpression: 'ADD creditedMinutes :m, sessions :one',
        ExpressionAttributeValues: { ':m': 60, ':one': 1 },
      },
    },
  ];
}

/** Deterministic shuffle (a linear congruential generator), so runs send the same order. */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  let seed = 42;
  for (let i = out.length - 1; i > 0; i -= 1) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * (c) Sessions recorded through the handler by `clients` concurrent callers across many cases (each
 * POST with an Idempotency-Key, as the dashboard sends it), against the same number of bare PutItem
 * calls of a session-sized item by as many callers, and against bare transactions of a session write's
 * items (the fair reference). Afterwards every case is read back: its credited
 * total must equal the sum of its sessions, and each session must have exactly one audit entry.
 */
export async function benchWritePath(options: WritePathOptions) {
  return withSeededApi(PREFIX, 'write', async (h, world) => {
    // The office's work site, where registeredCase places every case and so where sessions happen.
    const siteId = await workSite(h.call, world);
    const caseIds: string[] = [];
    await inParallel(
      Array.from({ length: options.cases }, (_, i) => i),
      4,
      async () => {
        caseIds.push((await registeredCase(h.call, world)).caseId);
      },
    );
    const requests = shuffled(
      caseIds.flatMap((caseId) =>
        Array.from({ length: options.sessionsPerCase }, (_, i) => ({
          caseId,
          body: sessionBody(siteId, i),
        })),
      ),
    );
    // One warm-up session per case on a date no measured request uses.
    await inParallel(caseIds, options.clients, async (caseId) => {
      await h.call('POST', `/v1/offices/${world.home}/cases/${caseId}/sessions`, {
        claims: world.claims.officer,
        body: { ...sessionBody(siteId, 0), date: '2026-03-01', endTime: '08:30' },
      });
    });

    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const accepted = new Map<string, number>();
    const started = performance.now();
    await inParallel(requests, options.clients, async ({ caseId, body }) => {
      const { ms, value } = await timed(() =>
        h.call('POST', `/v1/offices/${world.home}/cases/${caseId}/sessions`, {
          claims: world.claims.officer,
          body,
          headers: { 'idempotency-key': randomUUID() },
        }),
      );
      latencies.push(ms);
      statuses.set(value.status, (statuses.get(value.status) ?? 0) + 1);
      if (value.status === 201) accepted.set(caseId, (accepted.get(caseId) ?? 0) + 1);
    });
    const seconds = (performance.now() - started) / 1000;

    // The reference: the smallest durable write, one PutItem of a session-sized item per request.
    const sample = { ...sessionBody(siteId, 1), notes: 'x'.repeat(400) };
    const referenceLatencies: number[] = [];
    const referenceStart = performance.now();
    await inParallel(requests, options.clients, async (_, index) => {
      const { ms } = await timed(() =>
        h.db.send(
          new PutCommand({
            TableName: h.tableName,
            Item: { pk: `BENCH#${index % 97}`, sk: `PUT#${index}`, type: 'bench', ...sample },
          }),
        ),
      );
      referenceLatencies.push(ms);
    });
    const referenceSeconds = (performance.now() - referenceStart) / 1000;

    // The fair reference (issue 12): one bare TransactWriteItems carrying the items a session write
    // carries (session, case totals, client day, audit, month and week counters), on the same case
    // items and counters, so it meets the same contention; a cancelled transaction is sent again.
    const caseIndex = new Map(caseIds.map((id, i) => [id, i]));
    const transactionLatencies: number[] = [];
    let transactionRetries = 0;
    const transactionStart = performance.now();
    await inParallel(requests, options.clients, async ({ caseId }, index) => {
      const items = sessionLikeTransaction(h.tableName, caseIndex.get(caseId)!, index, sample);
      const { ms } = await timed(async () => {
        for (;;) {
          try {
            return await h.db.send(new TransactWriteCommand({ TransactItems: items }));
          } catch (error) {
            if (!(error instanceof TransactionCanceledException)) throw error;
            transactionRetries += 1;
          }
        }
      });
      transactionLatencies.push(ms);
    });
    const transactionSeconds = (performance.now() - transactionStart) / 1000;

    const problems: string[] = [];
    let sessionsStored = 0;
    for (const caseId of caseIds) {
      const ledger = await readLedger(h.db, h.tableName, world.home, caseId);
      problems.push(...ledgerProblems(ledger));
      // Every accepted request is one stored session (plus the warm-up), and nothing else is.
      const expected = (accepted.get(caseId) ?? 0) + 1;
      if (ledger.sessions.length !== expected) {
        problems.push(`${caseId}: ${ledger.sessions.length} sessions stored, ${expected} accepted`);
      }
      sessionsStored += ledger.sessions.length;
    }
    const subject = {
      sessionsPerSecond: round(requests.length / seconds),
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
    };
    const reference = {
      putsPerSecond: round(requests.length / referenceSeconds),
      p50Ms: round(percentile(referenceLatencies, 50)),
      p99Ms: round(percentile(referenceLatencies, 99)),
    };
    const transactionReference = {
      transactionsPerSecond: round(requests.length / transactionSeconds),
      p50Ms: round(percentile(transactionLatencies, 50)),
      p99Ms: round(percentile(transactionLatencies, 99)),
      retries: transactionRetries,
    };
    return {
      ...options,
      requests: requests.length,
      statuses: Object.fromEntries(statuses),
      subject,
      reference,
      transactionReference,
      ratio: {
        throughput: ratio(subject.sessionsPerSecond, reference.putsPerSecond),
        p99: ratio(subject.p99Ms, reference.p99Ms),
        throughputAgainstTransaction: ratio(
          subject.sessionsPerSecond,
          transactionReference.transactionsPerSecond,
        ),
        p50AgainstTransaction: ratio(subject.p50Ms, transactionReference.p50Ms),
      },
      verification: { casesChecked: caseIds.length, sessionsStored, problems, exact: problems.length === 0 },
    };
  });
}
