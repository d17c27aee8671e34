/**
 * The monthly AWS cost of one deployment, from the DynamoDB request units each API operation was
 * measured to consume (`bench/results.json`, written by `npm run bench`) and the usage profile below.
 * `node --import tsx bench/cost.ts` prints the tables of docs/cost.md.
 *
 * PRICES ARE A SNAPSHOT: ap-southeast-3 (Jakarta) on-demand list prices in USD as known from the
 * AWS price pages of 2025, some of them Singapore's standing in for Jakarta's. This repository's
 * machines have no internet access, so they were not re-checked when this was written (November
 * 2026). Check every line against the AWS Pricing Calculator before relying on a total.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PRICES = {
  snapshot: 'ap-southeast-3 list prices as known in 2025, not re-checked (no internet): verify them',
  lambdaRequestPerMillion: 0.2,
  /** arm64, first pricing tier. */
  lambdaArmGbSecond: 0.0000133334,
  /** HTTP API, first 300 million requests a month. */
  httpApiPerMillion: 1.2,
  /** On-demand, after the November 2024 price reduction. */
  dynamoWriteUnitPerMillion: 0.7135,
  dynamoReadUnitPerMillion: 0.1427,
  dynamoStorageGbMonth: 0.285,
  dynamoPitrGbMonth: 0.228,
  s3StandardGbMonth: 0.025,
  s3PutPerThousand: 0.005,
  s3GetPerThousand: 0.0004,
  /** Indonesia edge locations; the first 1 TB and 10 million requests a month are always free. */
  cloudFrontGb: 0.12,
  cloudFrontHttpsPer10k: 0.012,
  /** The stack's user pool uses the Plus feature plan (threat protection): no free MAUs. */
  cognitoPlusMau: 0.02,
  /** Machine-to-machine (client credentials): per app client per month, and per 1,000 token requests. */
  cognitoM2mClientMonth: 6,
  cognitoM2mPerThousandTokens: 0.00225,
  kmsKeyMonth: 1,
  kmsPer10kRequests: 0.03,
  logsIngestGb: 0.7,
  logsStorageGbMonth: 0.033,
  alarmMonth: 0.1,
  secretMonth: 0.4,
  // The smallest always-on alternative a deployer would pick: one instance and a managed database.
  ec2T4gSmallHour: 0.0212,
  ebsGp3GbMonth: 0.096,
  publicIpv4Hour: 0.005,
  rdsPostgresT4gMicroHour: 0.026,
  rdsGp3GbMonth: 0.138,
} as const;

const HOURS_PER_MONTH = 730;

/**
 * The usage profile, per active case and month (a case lasts about six months): two work sessions a
 * week, half of them recorded by a site supervisor and verified by the PK, one evidence photo per
 * session (1.5 MB), the case opened twice per session, and the office's occasional changes.
 */
export const PER_CASE_PER_MONTH: Readonly<Record<string, number>> = {
  createSession: 8.66,
  updateSession: 4.33,
  createEvidence: 8.66,
  listEvidence: 8.66,
  getEvidence: 4.33,
  getCase: 17.3,
  listSessions: 8.66,
  listPlacements: 1,
  listWarnings: 1,
  listReferrals: 0.2,
  getCaseAudit: 1,
  getClient: 2,
  createClient: 0.17,
  createCase: 0.17,
  updateCase: 0.5,
  transitionCase: 0.35,
  createPlacement: 0.2,
  endPlacement: 0.17,
  createWarning: 0.05,
  createReferral: 0.01,
  recordReferralOutcome: 0.01,
};

/** What each dashboard user does besides case work, per month (22 working days). */
export const PER_USER_PER_MONTH: Readonly<Record<string, number>> = {
  getMe: 22,
  listOffices: 22,
  getOffice: 22,
  listCases: 110,
  getOfficeSummary: 44,
  listClients: 11,
  listPartners: 4,
  listSites: 4,
  getSite: 2,
  getPartner: 1,
};

/** People per deployment: a PK per 25 cases, a site supervisor per 10, a prosecutor per 100, admins. */
export function usersFor(cases: number) {
  return (
    Math.ceil(cases / 25) +
    Math.ceil(cases / 10) +
    Math.ceil(cases / 100) +
    Math.max(2, Math.ceil(cases / 500))
  );
}

const PHOTO_MB = 1.5;
/** Estimated, not measured: the verifier reads the record, the object (1.5 MB, hashed) and decides. */
const VERIFIER = { readUnits: 2, writeUnits: 20, ms: 300 };
/** The pending-upload sweep runs every 15 minutes. */
const EXPIRY = { runsPerMonth: 2_880, readUnits: 1, ms: 100 };
/** Lambda duration of an API request: compute plus one DynamoDB round trip per call (estimate). */
const msPerRequest = (calls: number) => 10 + 6 * calls;
/** Access log, START/END/REPORT and the odd warning, per request. */
const LOG_BYTES_PER_REQUEST = 1_500;
/** Store size per case, tables and indexes, and cases kept after they end (a year of history). */
const DYNAMO_KB_PER_CASE = 250;
const CASES_KEPT_PER_ACTIVE = 2;
const MONTHS_OF_EVIDENCE = 12;

interface Measured {
  readonly operationId: string;
  readonly total: number;
  readonly readUnits: number;
  readonly writeUnits: number;
}

export function monthlyCost(cases: number, measured: readonly Measured[], coldStartMs: number) {
  const byId = new Map(measured.map((m) => [m.operationId, m]));
  const users = usersFor(cases);
  const ops = new Map<string, number>();
  for (const [id, n] of Object.entries(PER_CASE_PER_MONTH)) ops.set(id, (ops.get(id) ?? 0) + n * cases);
  for (const [id, n] of Object.entries(PER_USER_PER_MONTH)) ops.set(id, (ops.get(id) ?? 0) + n * users);

  let requests = 0;
  let gbSeconds = 0;
  let readUnits = 0;
  let writeUnits = 0;
  for (const [id, n] of ops) {
    const m = byId.get(id);
    if (!m) throw new Error(`no measurement for ${id}: run npm run bench first`);
    requests += n;
    gbSeconds += (n * msPerRequest(m.total)) / 1000;
    readUnits += n * m.readUnits;
    writeUnits += n * m.writeUnits;
  }
  const photos = PER_CASE_PER_MONTH.createEvidence! * cases;
  readUnits += photos * VERIFIER.readUnits + EXPIRY.runsPerMonth * EXPIRY.readUnits;
  writeUnits += photos * VERIFIER.writeUnits;
  // About one cold start per ten minutes of working hours per concurrent instance, at least one instance.
  const coldStarts = 22 * 10 * 6 * Math.max(1, Math.ceil(requests / 500_000));
  gbSeconds += (photos * VERIFIER.ms + EXPIRY.runsPerMonth * EXPIRY.ms + coldStarts * coldStartMs) / 1000;
  const invocations = requests + photos + EXPIRY.runsPerMonth;

  const dynamoGb = (cases * CASES_KEPT_PER_ACTIVE * DYNAMO_KB_PER_CASE) / 1024 / 1024;
  const evidenceGb = (photos * MONTHS_OF_EVIDENCE * PHOTO_MB) / 1024;
  const logGb = (requests * LOG_BYTES_PER_REQUEST) / 1024 ** 3;
  const p = PRICES;
  const lines = {
    lambda: (invocations / 1e6) * p.lambdaRequestPerMillion + gbSeconds * p.lambdaArmGbSecond,
    httpApi: (requests / 1e6) * p.httpApiPerMillion,
    dynamodb:
      (writeUnits / 1e6) * p.dynamoWriteUnitPerMillion +
      (readUnits / 1e6) * p.dynamoReadUnitPerMillion +
      dynamoGb * (p.dynamoStorageGbMonth + p.dynamoPitrGbMonth),
    s3:
      evidenceGb * p.s3StandardGbMonth +
      (photos / 1000) * p.s3PutPerThousand +
      ((photos * 1.5) / 1000) * p.s3GetPerThousand,
    // The dashboard is a few hundred kB per user and day: inside CloudFront's always-free tier.
    cloudFront: 0,
    cognito:
      users * p.cognitoPlusMau + p.cognitoM2mClientMonth + (720 / 1000) * p.cognitoM2mPerThousandTokens,
    kms: 2 * p.kmsKeyMonth + ((20_000 + photos) / 10_000) * p.kmsPer10kRequests,
    cloudWatch: logGb * p.logsIngestGb + logGb * 12 * 0.15 * p.logsStorageGbMonth + 3 * p.alarmMonth,
    secretsManager: p.secretMonth,
  };
  const total = Object.values(lines).reduce((sum, v) => sum + v, 0);
  return { cases, users, requests, readUnits, writeUnits, gbSeconds, evidenceGb, lines, total };
}

/** One t4g.small with 30 GB gp3 and a public IPv4 address, and a single-AZ db.t4g.micro PostgreSQL. */
export function alwaysOn(evidenceGb: number) {
  const p = PRICES;
  const instance = HOURS_PER_MONTH * (p.ec2T4gSmallHour + p.publicIpv4Hour) + 30 * p.ebsGp3GbMonth;
  const database = HOURS_PER_MONTH * p.rdsPostgresT4gMicroHour + 20 * p.rdsGp3GbMonth;
  // Evidence still needs durable object storage; everything else is on the two machines.
  const storage = evidenceGb * p.s3StandardGbMonth;
  return { instance, database, storage, total: instance + database + storage };
}

function main() {
  const results = JSON.parse(readFileSync(join(import.meta.dirname, 'results.json'), 'utf8')) as {
    generatedAt: string;
    calls?: { rows: Measured[] };
    cold?: { functions: { name: string; totalMs: number }[] };
  };
  if (!results.calls) throw new Error('bench/results.json has no calls section: run npm run bench');
  const coldStartMs = results.cold?.functions.find((f) => f.name === 'api')?.totalMs ?? 500;
  const money = (v: number) => `$${v < 10 ? v.toFixed(2) : v.toFixed(0)}`;
  const rows = [100, 1_000, 10_000].map((cases) => monthlyCost(cases, results.calls!.rows, coldStartMs));
  const names = Object.keys(rows[0]!.lines) as (keyof (typeof rows)[0]['lines'])[];
  const out: string[] = [
    `Measured units from bench/results.json of ${results.generatedAt}; prices: ${PRICES.snapshot}.`,
    '',
    `| | ${rows.map((r) => `${r.cases.toLocaleString('en')} cases`).join(' | ')} |`,
    `|---|${rows.map(() => '---:').join('|')}|`,
    `| people (Cognito MAU) | ${rows.map((r) => r.users).join(' | ')} |`,
    `| API requests | ${rows.map((r) => Math.round(r.requests).toLocaleString('en')).join(' | ')} |`,
    `| DynamoDB read / write units | ${rows.map((r) => `${(r.readUnits / 1e6).toFixed(2)} M / ${(r.writeUnits / 1e6).toFixed(2)} M`).join(' | ')} |`,
    `| evidence stored (12 months) | ${rows.map((r) => `${r.evidenceGb.toFixed(0)} GB`).join(' | ')} |`,
    ...names.map((name) => `| ${name} | ${rows.map((r) => money(r.lines[name])).join(' | ')} |`),
    `| **serverless total / month** | ${rows.map((r) => `**${money(r.total)}**`).join(' | ')} |`,
    `| per active case | ${rows.map((r) => money(r.total / r.cases)).join(' | ')} |`,
    `| always-on: t4g.small + db.t4g.micro (+ S3 evidence) | ${rows.map((r) => money(alwaysOn(r.evidenceGb).total)).join(' | ')} |`,
  ];
  process.stdout.write(out.join('\n') + '\n');
}

if (process.argv[1] && import.meta.filename === process.argv[1]) main();
