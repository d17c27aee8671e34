/**
 * Least-privilege DynamoDB access for Abdi's functions: each function's role gets only the item actions
 * its code sends (no `dynamodb:*`, no Scan, no streams, no table management), on the table or on named
 * indexes, and where a function needs only some partitions, only those: an IAM `dynamodb:LeadingKeys`
 * condition lists the partition key patterns (store/keys.ts) it may touch.
 *
 * How IAM sees DynamoDB calls (what the lists below rely on):
 * - TransactWriteItems and BatchGetItem are authorised item by item, as the underlying PutItem,
 *   UpdateItem, DeleteItem, ConditionCheckItem and GetItem; each item's own partition key is checked
 *   against LeadingKeys.
 * - A Query on an index is authorised on `<table>/index/<name>`, and its LeadingKeys value is the
 *   partition key value of the query (the index's partition key).
 * - `ForAllValues:StringLike` is true for a request with no partition key at all (a Scan): never add
 *   Scan to a list with a LeadingKeys condition.
 *
 * The lists are data, so the infra tests compare them with the synthesized policies, and the integration
 * tests record the calls the evidence workers really make and check each against them (`allows`).
 */
import { Aws } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';

/** The DynamoDB item actions Abdi's code sends. Anything else is never granted. */
export type ItemAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:Query'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:ConditionCheckItem';

const WRITE_ACTIONS: readonly ItemAction[] = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
];

/** One policy statement's worth of access to one table. */
export interface TableAccess {
  /** Statement id (letters and digits only). */
  readonly sid: string;
  readonly actions: readonly ItemAction[];
  /** On the table itself (`table`) or on these indexes (Query only). @default 'table' */
  readonly indexes?: readonly string[];
  /**
   * IAM StringLike patterns every partition key of a request must match (`*` is any text, `#` is
   * literal), e.g. `O#*#CASE#*`. @default any partition
   */
  readonly leadingKeys?: readonly string[];
}

/** The one call IAM authorises: an action, on the table or an index, on one partition. */
export interface DynamoCall {
  readonly action: ItemAction;
  readonly index?: string;
  readonly partitionKey: string;
}

/** Whether a list of access statements allows a call, evaluated as IAM evaluates them. */
export function allows(access: readonly TableAccess[], call: DynamoCall): boolean {
  return access.some(
    (statement) =>
      statement.actions.includes(call.action) &&
      (call.index === undefined
        ? statement.indexes === undefined
        : (statement.indexes ?? []).includes(call.index)) &&
      (statement.leadingKeys === undefined ||
        statement.leadingKeys.some((pattern) => stringLike(pattern, call.partitionKey))),
  );
}

/** IAM's StringLike: `*` any run of characters, `?` one character, everything else literal. */
export function stringLike(pattern: string, value: string): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 's').test(value);
}

/**
 * Adds the statements for `access` on `table` to `role`, and the table key's use through DynamoDB only
 * (`kms:ViaService`): decrypt for reads, and the data-key actions DynamoDB needs for writes.
 */
export function grantTableAccess(
  role: iam.IRole,
  table: dynamodb.ITable,
  encryptionKey: kms.IKey | undefined,
  access: readonly TableAccess[],
): void {
  for (const statement of access) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: statement.sid,
        actions: [...statement.actions],
        resources: statement.indexes
          ? statement.indexes.map((index) => `${table.tableArn}/index/${index}`)
          : [table.tableArn],
        ...(statement.leadingKeys && {
          conditions: {
            'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...statement.leadingKeys] },
          },
        }),
      }),
    );
  }
  if (!encryptionKey) return;
  const writes = access.some((statement) => statement.actions.some((a) => WRITE_ACTIONS.includes(a)));
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: writes ? [...tableKeyWriteActions] : [...tableKeyReadActions],
      resources: [encryptionKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Aws.REGION}.amazonaws.com` } },
    }),
  );
}

/** What a reader needs of a customer-managed table key (DynamoDB calls KMS for it). */
export const tableKeyReadActions = ['kms:Decrypt', 'kms:DescribeKey'] as const;
/** What a writer needs: the set the CDK's own table grants use, limited here to calls through DynamoDB. */
export const tableKeyWriteActions = [
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
] as const;

/**
 * The API function on the main table: every item action the stores send (functions/store: Get, BatchGet,
 * Query, Put, Update, and ConditionCheck inside transactions), on the table and its indexes. No
 * LeadingKeys: one API function serves every office and the directory; the access guard scopes each
 * request to the caller's offices, and every key carries its office (store/keys.ts).
 * `test/infra/table-access.test.ts` fails when a store starts sending an action that is not listed here.
 */
export const apiMainTableAccess = (indexes: readonly string[]): TableAccess[] => [
  {
    sid: 'MainTableItems',
    actions: [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:ConditionCheckItem',
    ],
  },
  { sid: 'MainTableIndexes', actions: ['dynamodb:Query'], indexes },
];

/** `Idempotency-Key` records (store/idempotency.ts, ADR 0011): Get, Put (also inside a transaction), Update, Delete. */
export const apiIdempotencyTableAccess: TableAccess[] = [
  {
    sid: 'IdempotencyRecords',
    actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  },
];

/**
 * Partitions the evidence workers (the verifier and the expiry sweep) reach, from store/keys.ts:
 * - `O#<office>#CASE#<case>`: the evidence record, the session it names, the case's hash items;
 * - `O#<office>#SITE#<site>`: the session's work site (location check);
 * - `OFFICE#<office>`: the office's time zone;
 * - `O#<office>#AUDIT#case#<case>`: the case timeline, where a verdict's audit entry is put in the same
 *   transaction as the verdict (EV-VERDICT). Put only: the workers can neither read, change nor delete
 *   an audit entry. (IAM cannot tell a new item from an overwrite; overwriting would need the exact
 *   `AUDIT#<instant>#<ulid>` key of an existing entry, which they cannot read.)
 * Not reachable: memberships and profiles (`USER#…`, `CLIENT#…`), clients (`O#…#CLIENT#…`, NIK guards),
 * partners, counters, any other audit trail, local credentials.
 */
export const EVIDENCE_PARTITIONS = {
  case: 'O#*#CASE#*',
  site: 'O#*#SITE#*',
  office: 'OFFICE#*',
  caseAudit: 'O#*#AUDIT#case#*',
  /** The sparse `due` listing of an office's pending uploads. */
  pendingUploads: 'O#*#EVIDENCE#PENDING',
  /** The gsi1 listing of every office (the sweep's list of offices). */
  offices: 'OFFICES',
} as const;

const P = EVIDENCE_PARTITIONS;

/** What both workers read and write. */
const evidenceWorkerCommon: TableAccess[] = [
  {
    sid: 'ReadEvidenceContext',
    actions: ['dynamodb:GetItem'],
    leadingKeys: [P.case, P.site, P.office],
  },
  { sid: 'WriteVerdicts', actions: ['dynamodb:PutItem'], leadingKeys: [P.case, P.caseAudit] },
];

/** The verifier: the common access, and the thumbnail's key recorded on verified evidence. */
export const verifierTableAccess: TableAccess[] = [
  ...evidenceWorkerCommon,
  { sid: 'RecordThumbnails', actions: ['dynamodb:UpdateItem'], leadingKeys: [P.case] },
];

/** The expiry sweep: the common access, and its two listings (offices, pending uploads). */
export const expiryTableAccess: TableAccess[] = [
  ...evidenceWorkerCommon,
  { sid: 'ListOffices', actions: ['dynamodb:Query'], indexes: ['gsi1'], leadingKeys: [P.offices] },
  {
    sid: 'ListPendingUploads',
    actions: ['dynamodb:Query'],
    indexes: ['due'],
    leadingKeys: [P.pendingUploads],
  },
];

/**
 * Partitions the webhook workers (ADR 0013) reach, from store/webhook-*.ts and store/audit.ts:
 * - `O#<office>#WEBHOOKS`: the office's subscriptions (read only: the workers never change one);
 * - `O#<office>#WHQ#<webhook>#<case>`: a delivery queue (claim, record an attempt, leave the queue);
 * - `O#<office>#WHLOG#<webhook>`: the delivery log (each attempt's outcome);
 * - `O#<office>#AUDIT#webhook#<webhook>`: the audit entry of a skip the retry sweep decides on its own
 *   (the queues of a deleted subscription). Put only, as for the evidence workers' verdicts;
 * - `WEBHOOK#DUE`: the `due` index partition of every pending delivery (the retry sweep's work list).
 * Not reachable: cases, clients, users, evidence, any other audit trail, the API's idempotency table.
 */
export const WEBHOOK_PARTITIONS = {
  subscriptions: 'O#*#WEBHOOKS',
  queue: 'O#*#WHQ#*',
  log: 'O#*#WHLOG#*',
  webhookAudit: 'O#*#AUDIT#webhook#*',
  due: 'WEBHOOK#DUE',
} as const;

const W = WEBHOOK_PARTITIONS;

/**
 * What both webhook workers do to a queue (actions/webhooks/deliver.ts `deliverQueue`): read the
 * queue's head, claim it and record the attempt in the queue and the log (a delivered one leaves the
 * queue, as does a skipped one).
 */
const webhookWorkerCommon: TableAccess[] = [
  { sid: 'ReadQueues', actions: ['dynamodb:Query'], leadingKeys: [W.queue] },
  {
    sid: 'RecordAttempts',
    actions: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
    leadingKeys: [W.queue, W.log],
  },
];

/**
 * The stream's dispatcher: the common access, the office's subscriptions (listed once per batch and
 * passed on, so never read one by one), and new deliveries put into their queue and the log
 * (store/webhook-deliveries.ts `enqueue`). Its stream read is granted by the event source mapping
 * (webhook-delivery.ts), not here.
 */
export const webhookDispatcherTableAccess: TableAccess[] = [
  ...webhookWorkerCommon,
  { sid: 'ListSubscriptions', actions: ['dynamodb:Query'], leadingKeys: [W.subscriptions] },
  { sid: 'QueueDeliveries', actions: ['dynamodb:PutItem'], leadingKeys: [W.queue, W.log] },
];

/**
 * The retry sweep: the common access, the deliveries due (`due` index), a queue's subscription by id,
 * and, when that subscription is gone, the audit entry of skipping its queue.
 */
export const webhookRetryTableAccess: TableAccess[] = [
  ...webhookWorkerCommon,
  { sid: 'ListDueDeliveries', actions: ['dynamodb:Query'], indexes: ['due'], leadingKeys: [W.due] },
  { sid: 'ReadSubscriptions', actions: ['dynamodb:GetItem'], leadingKeys: [W.subscriptions] },
  { sid: 'RecordSkips', actions: ['dynamodb:PutItem'], leadingKeys: [W.webhookAudit] },
];

/**
 * Partitions the case re-planner (case-replanning.ts) reaches, from store/keys.ts:
 * - `O#<office>#CASE#<case>`: the case item (read, and the one conditional update of its plan) and its
 *   placements (a Query of the partition; IAM cannot limit a Query to the `PLACEMENT#` sort keys, so the
 *   grant covers the whole case partition, which the evidence workers reach as well);
 * - `OFFICE#<office>`: the office (time zone, working days);
 * - `O#<office>#SITE#<site>`: the placements' work sites;
 * - `O#<office>#CLIENT#<client>`: the client's days (`DAY#<date>`). LeadingKeys sees partition keys
 *   only, so this also reaches the client item in the same partition; read only, never written.
 * - `O#<office>#SLOTLOAD`: the sites' load per day (a Query over the plan's window, ADR 0014);
 * - `O#<office>#CLIENT#<client>#SLOTS` (gsi2): the client's accepted slots over the window, whose other
 *   cases' minutes count against the daily cap.
 * Not reachable: audit trails (StringLike is case-sensitive: `AUDIT#case#…` is not `CASE#…`),
 * memberships and profiles, partners, NIK guards, counters, webhooks, local credentials.
 */
export const CASE_REPLAN_PARTITIONS = {
  case: 'O#*#CASE#*',
  office: 'OFFICE#*',
  site: 'O#*#SITE#*',
  clientDays: 'O#*#CLIENT#*',
  slotLoad: 'O#*#SLOTLOAD',
  clientSlots: 'O#*#CLIENT#*#SLOTS',
} as const;

const R = CASE_REPLAN_PARTITIONS;

/**
 * The re-planner: strongly consistent reads of the planning context (GetItem and BatchGetItem: each is
 * authorised on its own action, and either reads the same items), the case's placements, and one
 * UpdateItem on the case item. No Put, no Delete, no audit entry. Its stream read is granted by the
 * event source mapping, not here.
 */
export const caseReplannerTableAccess: TableAccess[] = [
  {
    sid: 'ReadPlanningContext',
    actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem'],
    leadingKeys: [R.case, R.office, R.site, R.clientDays],
  },
  { sid: 'ReadPlacements', actions: ['dynamodb:Query'], leadingKeys: [R.case] },
  { sid: 'ReadSiteLoad', actions: ['dynamodb:Query'], leadingKeys: [R.slotLoad] },
  { sid: 'ReadClientSlots', actions: ['dynamodb:Query'], indexes: ['gsi2'], leadingKeys: [R.clientSlots] },
  { sid: 'RecordPlans', actions: ['dynamodb:UpdateItem'], leadingKeys: [R.case] },
];

/**
 * What the stream's re-planner adds to release a case's void slots (actions/schedule/release-slots.ts):
 * delete the slots in the case partition, give their places back on the day's load, and put the audit
 * entry on the case's timeline, in one transaction. The morning sweep never releases, so the timed jobs'
 * function does not hold it.
 */
export const SLOT_RELEASE_PARTITIONS = {
  case: R.case,
  slotLoad: R.slotLoad,
  /** The case's timeline (`O#<office>#AUDIT#case#<case>`): the release's audit entry, put only. */
  caseAudit: 'O#*#AUDIT#case#*',
} as const;

export const slotReleaseTableAccess: TableAccess[] = [
  { sid: 'ReleaseSlots', actions: ['dynamodb:DeleteItem'], leadingKeys: [SLOT_RELEASE_PARTITIONS.case] },
  {
    sid: 'GiveBackPlaces',
    actions: ['dynamodb:UpdateItem'],
    leadingKeys: [SLOT_RELEASE_PARTITIONS.slotLoad],
  },
  {
    sid: 'AuditReleases',
    actions: ['dynamodb:PutItem'],
    leadingKeys: [SLOT_RELEASE_PARTITIONS.caseAudit],
  },
];

/**
 * Partitions the reminders job (reminders.ts, ADR 0014) reaches, from the stores its use cases call
 * (actions/reminders/*: directory, users, slots, cases, clients, sites, reminder log):
 * - `OFFICES` (gsi1): the offices of the job's time zone;
 * - `O#<office>#SLOTS` (gsi1): the slots of a day or a week; `O#<office>#MEMBERS` (gsi1): the office's
 *   people with their emails (PKs, admins, supervisors); `O#<office>#OPEN` (due): the open cases (digest);
 * - `O#<office>#CASE#<case>`, `O#<office>#CLIENT#<client>` (the phone and the "no SMS" mark),
 *   `O#<office>#SITE#<site>`: read by key, in batches;
 * - the reminder log: `REMINDER#…` items in the case partition, or under `O#<office>#REMINDERS` for
 *   those that gather many cases: claimed by a conditional Put, the outcome by Update, the copies in each
 *   case by Put (in transactions). IAM sees partitions only, so the writes could reach any item of a case partition,
 *   as the re-planner's update can; the code writes only `REMINDER#` sort keys.
 * Not reachable: audit trails, the directory's users, partners, NIK guards, counters, webhooks, local
 * credentials, the cases' other listings; no Delete.
 */
export const REMINDER_PARTITIONS = {
  offices: 'OFFICES',
  slots: 'O#*#SLOTS',
  members: 'O#*#MEMBERS',
  openCases: 'O#*#OPEN',
  case: 'O#*#CASE#*',
  client: 'O#*#CLIENT#*',
  site: 'O#*#SITE#*',
  officeReminders: 'O#*#REMINDERS',
} as const;

const M = REMINDER_PARTITIONS;

/**
 * The timed jobs' function when it only re-plans (a deployment without reminder settings): the nightly
 * `replan-sweep` (actions/plans/replan-office.ts) lists the zone's offices and their open cases and plans
 * each as the stream's re-planner does, with the re-planner's own access (`caseReplannerTableAccess`).
 */
export const replanSweepTableAccess: TableAccess[] = [
  ...caseReplannerTableAccess,
  { sid: 'ListOffices', actions: ['dynamodb:Query'], indexes: ['gsi1'], leadingKeys: [M.offices] },
  { sid: 'ListOpenCases', actions: ['dynamodb:Query'], indexes: ['due'], leadingKeys: [M.openCases] },
];

/**
 * The reminders function: the sweep's access, and its listings, batch reads by key and the reminder log.
 * Defined after the re-planner's, so the lists stay in step.
 */
export const remindersTableAccess: TableAccess[] = [
  ...replanSweepTableAccess,
  {
    sid: 'ListSlotsAndPeople',
    actions: ['dynamodb:Query'],
    indexes: ['gsi1'],
    leadingKeys: [M.slots, M.members],
  },
  {
    sid: 'ReadReminderContext',
    actions: ['dynamodb:BatchGetItem'],
    leadingKeys: [M.case, M.client, M.site],
  },
  {
    sid: 'LogReminders',
    actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
    leadingKeys: [M.case, M.officeReminders],
  },
];

/**
 * What the case re-planner adds when the deployment sends reminders: its at-risk / impossible alert
 * (actions/reminders/alert-feasibility.ts) reads the office's people (their emails) and claims and logs
 * each alert in the case's partition. The reminders function holds the same statements.
 */
export const feasibilityAlertTableAccess: TableAccess[] = [
  { sid: 'ListPeople', actions: ['dynamodb:Query'], indexes: ['gsi1'], leadingKeys: [M.members] },
  { sid: 'LogAlerts', actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'], leadingKeys: [M.case] },
];

/**
 * The delivery-report function (reminder-delivery.ts): finds a sent reminder by its provider id in the
 * partition the message's tags name (one Query of the case's, or of `O#<office>#REMINDERS`, limited to
 * the kind and day by the sort key; store/reminder-log.ts `findSent`) and settles it and its per-case
 * copies by conditional UpdateItem. Nothing else: no Put (a report never creates a log item), no Delete,
 * no index, no other partition. IAM sees partitions only, so the grant covers the whole case partition
 * (as the reminders job's does); the code updates only `REMINDER#` items holding the report's provider id.
 */
export const deliveryReportTableAccess: TableAccess[] = [
  { sid: 'FindSentReminders', actions: ['dynamodb:Query'], leadingKeys: [M.case, M.officeReminders] },
  { sid: 'SettleReminders', actions: ['dynamodb:UpdateItem'], leadingKeys: [M.case, M.officeReminders] },
];

/** The API function's access to one of the tables of functions/tables.ts, by its id. */
export function apiTableAccess(definition: {
  readonly id: string;
  readonly globalIndexes: readonly { readonly name: string }[];
}): TableAccess[] {
  if (definition.id === 'main') return apiMainTableAccess(definition.globalIndexes.map((i) => i.name));
  if (definition.id === 'idempotency') return apiIdempotencyTableAccess;
  throw new Error(`No API access defined for table "${definition.id}" (infra/constructs/table-access.ts)`);
}
