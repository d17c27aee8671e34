import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulidx';
import { addDays, hoursToMinutes, type CaseStatus } from '../../functions/domain';
import { caseItem, type CaseRecord } from '../../functions/store/case-store';
import { inParallel } from './stats';

const ulid = monotonicFactory();
const OPEN: readonly CaseStatus[] = ['placed', 'active', 'active', 'active', 'warned'];

/**
 * A case as the store keeps it, for bulk loading: valid for the law (40–200 hours, at most 4 a day,
 * a six-month window) with deadlines spread over a year so the `due` index has a realistic spread.
 */
export function syntheticCase(officeId: string, index: number, createdAt: Date): CaseRecord {
  const hours = 40 + (index % 161);
  const credited = (index * 37) % hoursToMinutes(hours);
  const startDate = addDays('2026-01-05', index % 180);
  return {
    id: ulid(createdAt.getTime()),
    officeId,
    clientId: ulid(createdAt.getTime()),
    clientName: `Klien ${index}`,
    officerUsername: `pk-${index % 20}`,
    prosecutor: { name: 'Rahmawati Said', office: 'Kejaksaan Negeri Palopo' },
    decision: {
      number: `${index}/Pid.B/2026/PN Plp`,
      court: 'PN Palopo',
      date: '2026-01-02',
      offenceArticles: ['Pasal 476 UU 1/2023'],
      threatenedMaxMonths: 36,
      imposed: { prisonMonths: 4 },
      nonComplianceSanction: 'serve_prison',
    },
    sentence: {
      kind: 'kerja_sosial',
      hours,
      maxHoursPerDay: 4,
      daysPerWeek: 3,
      startDate,
      deadline: addDays(startDate, 180),
    },
    consent: { given: true, recordedOn: '2026-01-03' },
    status: OPEN[index % OPEN.length]!,
    version: 3,
    createdAt: createdAt.toISOString(),
    updatedAt: createdAt.toISOString(),
    creditedMinutes: credited,
    remainingMinutes: hoursToMinutes(hours) - credited,
    currentSiteId: `site-${index % 50}`,
    openWarnings: 0,
  };
}

/**
 * Writes items with BatchWriteItem (25 a call, `concurrency` calls in flight), re-sending whatever
 * DynamoDB leaves unprocessed. Returns the items written per second.
 */
export async function batchLoad(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Record<string, unknown>[],
  concurrency = 8,
): Promise<number> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25)
    batches.push(items.slice(i, i + 25) as Record<string, unknown>[]);
  const start = performance.now();
  await inParallel(batches, concurrency, async (batch) => {
    let pending = batch.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 20) throw new Error('BatchWriteItem kept leaving items unprocessed');
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (result.UnprocessedItems?.[tableName] ?? []) as typeof pending;
      if (pending.length > 0) await new Promise((r) => setTimeout(r, 20 * attempt));
    }
  });
  return items.length / ((performance.now() - start) / 1000);
}

/** `count` synthetic case items of one office, in the exact stored shape (`caseItem`). */
export function syntheticCaseItems(officeId: string, count: number, from = 0): Record<string, unknown>[] {
  const createdAt = new Date('2026-01-05T02:00:00Z');
  return Array.from({ length: count }, (_, i) => caseItem(syntheticCase(officeId, from + i, createdAt)));
}
