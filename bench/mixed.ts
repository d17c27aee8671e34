import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { addDays } from '../functions/domain';
import { registeredCase, workSite } from '../test/support/cases';
import { seedDirectory } from '../test/support/fixtures';
import type { Harness } from './lib/environment';
import { inParallel, percentile, ratio, round, timed } from './lib/stats';

export interface MixedOptions {
  readonly offices: number;
  readonly casesPerOffice: number;
  readonly requests: number;
  readonly clients: number;
}

type World = Awaited<ReturnType<typeof seedDirectory>>;

/** One office's world and its placed cases, each with the next free session date. */
interface Office {
  readonly world: World;
  readonly siteId: string;
  readonly cases: { readonly id: string; nextDay: number }[];
}

/**
 * What an office's day looks like to the API, by weight: mostly reading (the case list, a case, its
 * sessions), then recording sessions, with the dashboard's summary and a partner list now and then.
 */
const MIX = [
  { operation: 'getCase', weight: 30 },
  { operation: 'listCases', weight: 20 },
  { operation: 'listSessions', weight: 15 },
  { operation: 'createSession', weight: 20 },
  { operation: 'getOfficeSummary', weight: 10 },
  { operation: 'listPartners', weight: 5 },
] as const;
type Operation = (typeof MIX)[number]['operation'];

/** A deterministic choice of operation, office and case for request `i` (runs send the same mix). */
function pick(i: number, offices: readonly Office[]) {
  const total = MIX.reduce((sum, m) => sum + m.weight, 0);
  let slot = (i * 7919) % total;
  const operation = MIX.find((m) => (slot -= m.weight) < 0)!.operation;
  const office = offices[(i * 31) % offices.length]!;
  const theCase = office.cases[(i * 17) % office.cases.length]!;
  return { operation, office, theCase };
}

function request(operation: Operation, office: Office, theCase: Office['cases'][number]) {
  const base = `/v1/offices/${office.world.home}`;
  const claims = office.world.claims.officer;
  switch (operation) {
    case 'getCase':
      return { method: 'GET', url: `${base}/cases/${theCase.id}`, options: { claims } };
    case 'listCases':
      return { method: 'GET', url: `${base}/cases`, options: { claims } };
    case 'listSessions':
      return { method: 'GET', url: `${base}/cases/${theCase.id}/sessions`, options: { claims } };
    case 'getOfficeSummary':
      return { method: 'GET', url: `${base}/summary`, options: { claims } };
    case 'listPartners':
      return { method: 'GET', url: `${base}/partners`, options: { claims } };
    case 'createSession': {
      // A new day each time, so sessions never overlap: the case's window runs March to June 2026.
      const date = addDays('2026-03-02', theCase.nextDay++ % 100);
      return {
        method: 'POST',
        url: `${base}/cases/${theCase.id}/sessions`,
        options: {
          claims,
          headers: { 'idempotency-key': randomUUID() },
          body: { date, startTime: '08:00', endTime: '09:00', siteId: office.siteId, outcome: 'attended' },
        },
      };
    }
  }
}

/**
 * (g) A mixed workload over many offices (issue 12): `offices` offices with their people and placed
 * cases, then `requests` requests of MIX from `clients` concurrent callers, against one GetItem of a
 * case as the reference in the same run; p50 and p99 per operation.
 */
export async function benchMixed(h: Harness, options: MixedOptions) {
  const offices: Office[] = [];
  await inParallel(
    Array.from({ length: options.offices }, (_, i) => i),
    4,
    async (i) => {
      const world = await seedDirectory(h.directory, `mix${i}`);
      const siteId = await workSite(h.call, world);
      const cases = [];
      for (let c = 0; c < options.casesPerOffice; c += 1) {
        cases.push({ id: (await registeredCase(h.call, world, { siteId })).caseId, nextDay: c * 7 });
      }
      offices.push({ world, siteId, cases });
    },
  );
  offices.sort((a, b) => a.world.home.localeCompare(b.world.home));

  const latencies = new Map<Operation, number[]>();
  const statuses = new Map<number, number>();
  const started = performance.now();
  await inParallel(
    Array.from({ length: options.requests }, (_, i) => i),
    options.clients,
    async (i) => {
      const { operation, office, theCase } = pick(i, offices);
      const { method, url, options: sent } = request(operation, office, theCase);
      const { ms, value } = await timed(() => h.call(method, url, sent));
      latencies.set(operation, [...(latencies.get(operation) ?? []), ms]);
      statuses.set(value.status, (statuses.get(value.status) ?? 0) + 1);
    },
  );
  const seconds = (performance.now() - started) / 1000;

  // The reference: one GetItem of a case, from as many callers, as often as the run read a case.
  const sample = offices[0]!;
  const key = { pk: `O#${sample.world.home}#CASE#${sample.cases[0]!.id}`, sk: 'CASE' };
  const reference: number[] = [];
  await inParallel(
    Array.from({ length: latencies.get('getCase')?.length ?? 100 }, (_, i) => i),
    options.clients,
    async () => {
      const { ms } = await timed(() =>
        h.db.send(new GetCommand({ TableName: h.tableName, Key: key, ConsistentRead: true })),
      );
      reference.push(ms);
    },
  );
  const referenceP50 = percentile(reference, 50);

  const perOperation = Object.fromEntries(
    MIX.map(({ operation }) => {
      const sampleOf = latencies.get(operation) ?? [];
      const p50 = percentile(sampleOf, 50);
      return [
        operation,
        {
          requests: sampleOf.length,
          p50Ms: round(p50),
          p99Ms: round(percentile(sampleOf, 99)),
          p50AgainstGetItem: ratio(p50, referenceP50),
        },
      ];
    }),
  );
  return {
    ...options,
    requestsPerSecond: round(options.requests / seconds),
    statuses: Object.fromEntries(statuses),
    reference: { getItemP50Ms: round(referenceP50), getItemP99Ms: round(percentile(reference, 99)) },
    perOperation,
  };
}
