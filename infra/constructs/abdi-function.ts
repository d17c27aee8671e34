/**
 * A Lambda function with Abdi's defaults: latest Node.js on arm64, one ESM bundle with the AWS SDK inside,
 * source maps, an explicit log group with retention, and a role that can do nothing but write its own logs
 * until the caller grants more.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { lockFile, repoRoot } from '../config/paths';
import { acknowledge, acknowledgeWildcard } from './nag';

/** cdk-nag's L1 asks for the newest runtime the CDK knows; pinning it here makes upgrades a visible change. */
export const functionRuntime = lambda.Runtime.NODEJS_24_X;

/**
 * ESM bundles cannot `require`, but some CommonJS dependencies do; this gives them a working `require`.
 */
export const esmRequireBanner =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * For bundles whose CommonJS dependencies find their files through `__dirname` (pdfmake does, before it
 * reads a font): ESM has none, so the banner defines it as the bundle's folder. Only where needed: a
 * bundled ES module declaring its own `__dirname` would clash with it.
 */
export const esmDirnameBanner =
  "import { fileURLToPath as __abdiFileUrl } from 'url'; import { dirname as __abdiDirname } from 'path'; const __filename = __abdiFileUrl(import.meta.url); const __dirname = __abdiDirname(__filename);";

export interface AbdiFunctionProps {
  /** Absolute path of the TypeScript entry file; it must export `handler`. */
  readonly entry: string;
  readonly description?: string;
  /** Retention of the function's log group. */
  readonly logRetention: logs.RetentionDays;
  /** Added to the defaults (`POWERTOOLS_SERVICE_NAME`, `NODE_OPTIONS`). */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default 1024 (more memory also means more CPU for cold starts) */
  readonly memorySize?: number;
  /** @default 29 seconds, just under the HTTP API integration limit */
  readonly timeout?: Duration;
  /** X-Ray active tracing. @default false */
  readonly tracing?: boolean;
  /** Define `__dirname` and `__filename` in the bundle (see esmDirnameBanner). @default false */
  readonly esmDirname?: boolean;
  /**
   * Files copied beside the bundle (`to` is relative to it), e.g. fonts a renderer reads at run time.
   * @default none
   */
  readonly copyFiles?: readonly { readonly from: string; readonly to: string }[];
  /**
   * A fixed name for the function's role, where a bucket policy in another stack must name it (the
   * housekeeping job's retention exemption, ADR 0020). @default a generated name
   */
  readonly roleName?: string;
  /**
   * Tests only: deploys a stub instead of bundling `entry`, so a synth takes seconds. Every setting except
   * the code stays the same. Never set it for a real deployment.
   * @default false
   */
  readonly skipBundling?: boolean;
}

export class AbdiFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AbdiFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention,
      // The log is an audit trail of requests; it should expire by retention, not with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // An explicit role instead of the default one: the default attaches the AWS managed
    // AWSLambdaBasicExecutionRole (logs:* on every log group), this one may write only its own log group.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: props.description ?? `Abdi function ${id}`,
      ...(props.roleName ? { roleName: props.roleName } : {}),
    });
    this.logGroup.grantWrite(this.role);

    const common = {
      description: props.description,
      runtime: functionRuntime,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(29),
      role: this.role,
      logGroup: this.logGroup,
      tracing: props.tracing ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'abdi',
        POWERTOOLS_METRICS_NAMESPACE: 'Abdi',
        // The tracer loads only where the deployment traces (functions/platform/tracing.ts).
        POWERTOOLS_TRACE_ENABLED: props.tracing ? 'true' : 'false',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
    } satisfies Partial<lambda.FunctionProps>;

    if (props.skipBundling) {
      this.function = new lambda.Function(this, 'Function', {
        ...common,
        code: lambda.Code.fromInline(
          "exports.handler = async () => ({ statusCode: 503, body: 'stub: synthesized with skipBundling' });",
        ),
        handler: 'index.handler',
      });
    } else {
      const copies = props.copyFiles ?? [];
      if (!existsSync(props.entry)) {
        throw new Error(`Lambda entry ${props.entry} does not exist; it must export \`handler\`.`);
      }
      this.function = new nodejs.NodejsFunction(this, 'Function', {
        ...common,
        entry: props.entry,
        handler: 'handler',
        projectRoot: repoRoot,
        depsLockFilePath: lockFile,
        bundling: {
          format: nodejs.OutputFormat.ESM,
          minify: true,
          sourceMap: true,
          sourcesContent: false,
          // Bundle the AWS SDK: a pinned, tree-shaken SDK beats the runtime's copy, which changes under us.
          externalModules: [],
          mainFields: ['module', 'main'],
          // A function that does not trace carries none of the tracer's code: the check folds to false.
          define: {
            'process.env.POWERTOOLS_TRACE_ENABLED': JSON.stringify(props.tracing ? 'true' : 'false'),
          },
          banner: props.esmDirname ? `${esmRequireBanner} ${esmDirnameBanner}` : esmRequireBanner,
          ...(copies.length
            ? {
                commandHooks: {
                  beforeBundling: () => [],
                  beforeInstall: () => [],
                  afterBundling: (_input: string, output: string) =>
                    copies.map(
                      ({ from, to }) =>
                        `mkdir -p "${dirname(join(output, to))}" && cp "${from}" "${join(output, to)}"`,
                    ),
                },
              }
            : {}),
          // Bundle with the esbuild from node_modules; Docker is neither needed nor available in CI.
          forceDockerBundling: false,
        },
      });
    }

    if (props.tracing) {
      acknowledge(
        this.role,
        'AwsSolutions-IAM5[Resource::*]',
        'xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions; the statement grants only those two actions.',
      );
    }
  }

  /**
   * Acknowledges, on this function's role, one IAM5 wildcard that a grant produced. Kept here so that
   * every acknowledgement sits next to the role it concerns.
   */
  acknowledgeWildcard(kind: 'Action' | 'Resource', value: string, reason: string): void {
    acknowledgeWildcard(this.role, kind, value, reason);
  }
}
