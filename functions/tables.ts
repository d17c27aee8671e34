/**
 * The one definition of Abdi's DynamoDB tables and S3 buckets.
 *
 * Read by the CDK stack (infra/constructs) and by local mode (infra/local), so the key schema, the
 * indexes, the TTL attribute and the bucket CORS rules can never drift between the cloud and a
 * developer's machine. Plain data only: no AWS SDK or CDK imports here.
 */

export type KeyType = 'S' | 'N';

export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyType;
}

export interface IndexDefinition {
  /** Index name as it appears in DynamoDB; at least 3 characters (DynamoDB Local insists). */
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /**
   * `ALL` for listings that return whole items; `KEYS_ONLY` for indexes that are only ever counted,
   * so a count over thousands of cases reads kilobytes, not megabytes.
   */
  readonly projection: 'ALL' | 'KEYS_ONLY';
}

export interface TableDefinition {
  /** Logical id, also the suffix of the physical name (`<prefix>-<id>`). */
  readonly id: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalIndexes: readonly IndexDefinition[];
  /** Attribute holding an epoch-seconds expiry, or undefined for no TTL. */
  readonly timeToLiveAttribute?: string;
  /** A change stream of new images (ADR 0013: audit entries carry webhook events out). */
  readonly stream?: 'NEW_IMAGE';
}

/**
 * The main table holds every entity of every office (single-table design). Partition keys carry the
 * tenant (`O#<officeId>#…`) so every query is scoped by construction, and global indexes carry it too.
 *
 * - gsi1: per-office listings: `O#<office>#CASES#<status>` by deadline, partners, sites, clients,
 *   members, the office audit log.
 * - gsi2: cases by officer (`O#<office>#OFFICER#<username>`), by deadline.
 * - gsi3: cases by current work site (`O#<office>#SITE#<siteId>#CASES`), by deadline.
 * - due: sparse index of open cases by deadline: the default case list and "due within 30 days".
 * - track: sparse, keys-only index of open cases by the last date on which the remaining hours still
 *   fit ("on track until"); the office summary counts the off-track ones with one Query.
 */
export const mainTable: TableDefinition = {
  id: 'main',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [
    index('gsi1', 'ALL'),
    index('gsi2', 'ALL'),
    index('gsi3', 'ALL'),
    index('due', 'ALL'),
    index('track', 'KEYS_ONLY'),
  ],
  timeToLiveAttribute: 'expiresAt',
  stream: 'NEW_IMAGE',
};

/**
 * Idempotency records for POST requests (Idempotency-Key header). Kept apart from the main table so
 * that their short TTL and high churn never mix with case records and their backups.
 */
export const idempotencyTable: TableDefinition = {
  id: 'idempotency',
  partitionKey: { name: 'id', type: 'S' },
  globalIndexes: [],
  timeToLiveAttribute: 'expiration',
};

export const tables = [mainTable, idempotencyTable] as const;

/** An index keyed by `<name>pk` / `<name>sk` string attributes. */
function index(name: string, projection: IndexDefinition['projection']): IndexDefinition {
  return {
    name,
    partitionKey: { name: `${name}pk`, type: 'S' },
    sortKey: { name: `${name}sk`, type: 'S' },
    projection,
  };
}

export interface CorsRule {
  readonly allowedMethods: readonly ('GET' | 'PUT' | 'HEAD' | 'POST')[];
  readonly allowedHeaders: readonly string[];
  readonly exposedHeaders: readonly string[];
  readonly maxAgeSeconds: number;
}

export interface BucketDefinition {
  readonly id: string;
  /** Browsers upload evidence straight to the bucket with a presigned PUT, so it needs CORS. */
  readonly cors: readonly CorsRule[];
}

export const evidenceBucket: BucketDefinition = {
  id: 'evidence',
  cors: [
    {
      allowedMethods: ['PUT', 'GET', 'HEAD'],
      allowedHeaders: [
        'content-type',
        'content-length',
        'x-amz-checksum-sha256',
        'x-amz-sdk-checksum-algorithm',
      ],
      exposedHeaders: ['etag', 'x-amz-version-id'],
      maxAgeSeconds: 3000,
    },
  ],
};

/**
 * Issued documents (ADR 0015): written by the documents function only, read through presigned links a
 * browser opens as a page (no script reads them), so no CORS.
 */
export const documentsBucket: BucketDefinition = { id: 'documents', cors: [] };

/**
 * Subjects' exports (issue 17): a person's copy of their data, JSON and PDF, written by the documents
 * function and read through presigned links that a browser opens; kept for the retention schedule's
 * `exports` period, then deleted by the bucket's lifecycle. No CORS: no script reads it.
 */
export const exportsBucket: BucketDefinition = { id: 'exports', cors: [] };

/**
 * Spreadsheet imports (issue 22): the office spreadsheets an admin uploads (full of personal data: NIKs,
 * names, phones) and the report workbooks made from them, under `imports/<officeId>/<importId>/`.
 * Browsers upload with a presigned PUT, so it needs CORS for PUT (and HEAD); the report is fetched
 * through a presigned link the browser opens, which needs none. The bucket's lifecycle deletes every
 * object 30 days after it was written: an import's file is kept for its dry run, commit and undo, not as
 * a copy of the caseload.
 */
export const importsBucket: BucketDefinition = {
  id: 'imports',
  cors: [
    {
      allowedMethods: ['PUT', 'HEAD'],
      allowedHeaders: [
        'content-type',
        'content-length',
        'x-amz-checksum-sha256',
        'x-amz-sdk-checksum-algorithm',
      ],
      exposedHeaders: ['etag'],
      maxAgeSeconds: 3000,
    },
  ],
};

/** Appended in order: local mode and the tests pick buckets by index (0 evidence, 1 documents, 2 exports). */
export const buckets = [evidenceBucket, documentsBucket, exportsBucket, importsBucket] as const;

/** Physical resource name for a deployment prefix, e.g. `abdi-local-main`. */
export function physicalName(prefix: string, definition: { readonly id: string }): string {
  return `${prefix}-${definition.id}`;
}
