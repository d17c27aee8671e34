/**
 * The documents function (ADR 0015): the API routes that render PDFs (issue, preview, finish), served by
 * a Lambda of their own so that pdfmake, pdfkit and the fonts never load in the API function. It sits
 * behind the same HTTP API and authorizer, on the routes listed here, and runs the same pipeline and
 * guard. Its build copies the four Roboto files beside the bundle.
 */
import { Aws, Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TableDefinition } from '../../functions/tables';
import { AbdiFunction } from './abdi-function';
import { apiTableAccess, grantTableAccess } from './table-access';

export const documentsEntry = fileURLToPath(
  new URL('../../functions/handlers/documents.ts', import.meta.url),
);

/**
 * The routes the documents function serves: exactly the route table's `runsIn: 'documents'` rows
 * (test/infra/documents.test.ts holds the two equal). Every other route stays on the API function.
 */
export const documentRoutes = [
  { method: 'POST', path: '/v1/offices/{officeId}/documents' },
  { method: 'POST', path: '/v1/offices/{officeId}/documents/preview' },
  { method: 'POST', path: '/v1/offices/{officeId}/documents/{documentId}/finish' },
  { method: 'GET', path: '/v1/offices/{officeId}/documents/{documentId}/spreadsheet' },
  { method: 'GET', path: '/v1/offices/{officeId}/import-templates/{kind}' },
  { method: 'GET', path: '/v1/regions/{regionId}/report' },
  // A subject's export renders its PDF here too, and its files' links are signed here (issue 17).
  { method: 'POST', path: '/v1/offices/{officeId}/clients/{clientId}/exports' },
  { method: 'GET', path: '/v1/offices/{officeId}/clients/{clientId}/exports/{exportId}' },
] as const;

const requireHere = createRequire(import.meta.url);
const robotoDir = () => join(dirname(requireHere.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const FONT_FILES = [
  'Roboto-Regular.ttf',
  'Roboto-Medium.ttf',
  'Roboto-Italic.ttf',
  'Roboto-MediumItalic.ttf',
];

/**
 * What the function reads at run time besides its bundle, copied beside it by the build: the fonts
 * (functions/handlers/documents.ts looks in `fonts/`) and the XLSX charts' rasteriser (`resvg.wasm`).
 */
export const documentsFunctionFiles = () => [
  ...FONT_FILES.map((file) => ({ from: join(robotoDir(), file), to: `fonts/${file}` })),
  { from: requireHere.resolve('@resvg/resvg-wasm/index_bg.wasm'), to: 'resvg.wasm' },
];

export interface DocumentIssuingProps {
  readonly tables: readonly { readonly table: dynamodb.ITable; readonly definition: TableDefinition }[];
  readonly bucketName: string;
  readonly bucketKey: kms.IKey;
  /** The exports bucket (issue 17): subjects' exports are written and presigned here, by this function only. */
  readonly exportsBucketName?: string;
  /** Runtime configuration shared with the other functions, plus PUBLIC_URL (the verification links). */
  readonly environment: Readonly<Record<string, string>>;
  readonly logRetention: logs.RetentionDays;
  readonly tracing?: boolean;
  /** Tests only: stub code instead of bundling (see AbdiFunctionProps.skipBundling). */
  readonly skipBundling?: boolean;
}

export class DocumentIssuing extends Construct {
  readonly handler: AbdiFunction;
  private readonly bucketName: string;
  private readonly bucketKey: kms.IKey;

  constructor(scope: Construct, id: string, props: DocumentIssuingProps) {
    super(scope, id);
    this.bucketName = props.bucketName;
    this.bucketKey = props.bucketKey;
    this.handler = new AbdiFunction(this, 'Function', {
      entry: documentsEntry,
      description: 'Abdi documents: issue, preview and finish official PDFs (ADR 0015)',
      logRetention: props.logRetention,
      // Layout of a 40-session record takes about 0.1 s at this size; more memory is more CPU.
      memorySize: 1536,
      timeout: Duration.seconds(29),
      tracing: props.tracing,
      skipBundling: props.skipBundling,
      environment: props.environment,
      esmDirname: true,
      copyFiles: documentsFunctionFiles(),
    });
    // It reads what a document says and writes the register, the record and the audit entry: the same
    // item actions as the API function, on the same tables.
    for (const { table, definition } of props.tables) {
      grantTableAccess(this.handler.role, table, table.encryptionKey, apiTableAccess(definition));
    }
    this.handler.acknowledgeWildcard(
      'Action',
      'kms:ReEncrypt*',
      'DynamoDB uses the customer-managed table key for writes; limited to that single key ARN and to calls through DynamoDB (kms:ViaService).',
    );
    this.handler.acknowledgeWildcard(
      'Action',
      'kms:GenerateDataKey*',
      'DynamoDB uses the customer-managed table key for writes; limited to that single key ARN and to calls through DynamoDB (kms:ViaService).',
    );
    const objects = this.objects();
    this.handler.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'StoreDocumentFiles',
        // Put (If-None-Match: never over another) and Get (HeadObject of a file a retry finds stored).
        actions: ['s3:PutObject', 's3:GetObject'],
        resources: [objects],
      }),
    );
    props.bucketKey.grant(this.handler.role, 'kms:GenerateDataKey', 'kms:Decrypt');
    if (props.exportsBucketName) {
      const exportObjects = `arn:${Aws.PARTITION}:s3:::${props.exportsBucketName}/*`;
      this.handler.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'StoreSubjectExports',
          // Put the two files, Get for the presigned links it hands out; no delete, no listing.
          actions: ['s3:PutObject', 's3:GetObject'],
          resources: [exportObjects],
        }),
      );
      this.handler.acknowledgeWildcard(
        'Resource',
        exportObjects,
        "Each export has keys of its own (`<office>/<export id>/…`), so the grant covers this one bucket's objects; put and get only: no delete, no listing.",
      );
    }
    this.handler.acknowledgeWildcard(
      'Resource',
      objects,
      'Each document has its own never-reused key, so the grant covers the objects of this one bucket; actions are put and get only: no delete, no retention or legal-hold change, no listing.',
    );
  }

  /**
   * A function that presigns download links (the API's GET of a document): read-only, on this bucket's
   * objects and its key.
   */
  grantRead(fn: AbdiFunction): void {
    const objects = this.objects();
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadDocumentFiles',
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [objects],
      }),
    );
    this.bucketKey.grant(fn.role, 'kms:Decrypt');
    fn.acknowledgeWildcard(
      'Resource',
      objects,
      'Presigned download links of issued documents, whose keys are one per document: get only, on this one bucket.',
    );
  }

  private objects(): string {
    return `arn:${Aws.PARTITION}:s3:::${this.bucketName}/*`;
  }
}
