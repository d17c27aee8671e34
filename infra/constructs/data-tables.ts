/**
 * The DynamoDB tables, built from `functions/tables.ts` so the cloud and local mode share one definition
 * of keys, indexes and TTL.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import {
  physicalName,
  tables as tableDefinitions,
  type KeyAttribute,
  type TableDefinition,
} from '../../functions/tables';

export interface DataTablesProps {
  /** Physical name prefix: a table is named `<prefix>-<id>`, e.g. `abdi-sulsel-main`. */
  readonly namePrefix: string;
  /** DynamoDB PITR window in days (1-35). PITR itself is not optional. */
  readonly pointInTimeRecoveryDays: number;
  /** @default the definitions in functions/tables.ts */
  readonly definitions?: readonly TableDefinition[];
  /** @default a new customer-managed key with yearly rotation, retained on stack deletion */
  readonly encryptionKey?: kms.IKey;
}

export function toAttribute(key: KeyAttribute): dynamodb.Attribute {
  return {
    name: key.name,
    type: key.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER,
  };
}

export class DataTables extends Construct {
  /** Encrypts every table; callers use it through DynamoDB only (`grantTableAccess` in table-access.ts). */
  readonly encryptionKey: kms.IKey;
  /** Tables by their id in functions/tables.ts (`main`, `idempotency`). */
  readonly tables: ReadonlyMap<string, dynamodb.Table>;

  constructor(scope: Construct, id: string, props: DataTablesProps) {
    super(scope, id);
    this.encryptionKey =
      props.encryptionKey ??
      new kms.Key(this, 'Key', {
        description: `Abdi ${props.namePrefix} DynamoDB tables`,
        enableKeyRotation: true,
        rotationPeriod: Duration.days(365),
        // Losing the key loses every table and backup encrypted with it.
        removalPolicy: RemovalPolicy.RETAIN,
      });

    const tables = new Map<string, dynamodb.Table>();
    for (const definition of props.definitions ?? tableDefinitions) {
      const table = new dynamodb.Table(this, definition.id, {
        // A fixed name lets local mode, scripts and the stateless stack find the table without an export,
        // and makes an accidental replacement fail instead of silently creating an empty table.
        tableName: physicalName(props.namePrefix, definition),
        partitionKey: toAttribute(definition.partitionKey),
        ...(definition.sortKey && { sortKey: toAttribute(definition.sortKey) }),
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: this.encryptionKey,
        pointInTimeRecoverySpecification: {
          pointInTimeRecoveryEnabled: true,
          recoveryPeriodInDays: props.pointInTimeRecoveryDays,
        },
        deletionProtection: true,
        ...(definition.timeToLiveAttribute && { timeToLiveAttribute: definition.timeToLiveAttribute }),
        ...(definition.stream && { stream: dynamodb.StreamViewType.NEW_IMAGE }),
        removalPolicy: RemovalPolicy.RETAIN,
      });
      for (const index of definition.globalIndexes) {
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: toAttribute(index.partitionKey),
          ...(index.sortKey && { sortKey: toAttribute(index.sortKey) }),
          projectionType: dynamodb.ProjectionType[index.projection],
        });
      }
      tables.set(definition.id, table);
    }
    this.tables = tables;
  }

  /** The table with this id from functions/tables.ts. */
  table(id: string): dynamodb.Table {
    const table = this.tables.get(id);
    if (!table) throw new Error(`No table "${id}" in functions/tables.ts`);
    return table;
  }
}

/**
 * References a table of another stack by its fixed name, without a CloudFormation export, so the stateless
 * stack can be replaced freely. Index names are passed so that grants cover `<table>/index/<name>`.
 * `nameOverride` names another table with the same definition instead (a table restored from PITR or a
 * backup, `tables.nameOverride` in the deployment config); it must be encrypted with the same key.
 */
export function importTable(
  scope: Construct,
  id: string,
  namePrefix: string,
  definition: TableDefinition,
  encryptionKey: kms.IKey,
  nameOverride?: string,
): dynamodb.ITable {
  return dynamodb.Table.fromTableAttributes(scope, id, {
    tableName: nameOverride ?? physicalName(namePrefix, definition),
    encryptionKey,
    globalIndexes: definition.globalIndexes.map((index) => index.name),
  });
}
