/**
 * The shape of a deployment, checked with zod so that a typo in `deployments.ts` fails `cdk synth` with a
 * message naming the deployment and the field, instead of producing a half-configured stack.
 */
import * as z from 'zod';
import {
  DEFAULT_RETENTION_SETTINGS,
  RETENTION_RECORD_TYPES,
  type RetentionRecordType,
} from '../../functions/domain/data-protection/retention-schedule';
import { ROLES } from '../../functions/identity/principal';

/** Indonesia's three zones; none observes daylight saving. */
export const officeTimeZones = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;

/** CloudWatch Logs accepts only these retention periods (days). */
export const logRetentionDays = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const MB = 1024 * 1024;

/** The edge's defaults (ADR 0017): ~10 requests a second per office address, ~5 per token. */
export const edgeDefaults = {
  requestsPerIp: 3000,
  requestsPerToken: 1500,
  rateWindowSeconds: 300,
  cloudFront5xxRatePercent: 5,
} as const;

/** Lower-case slug: used in stack names, physical table names and bucket names, so keep it short. */
const slug = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,18}[a-z0-9]$/, 'use 3-20 lower-case letters, digits or dashes (e.g. "sulsel")');

const origin = z
  .string()
  .regex(
    /^https?:\/\/[a-z0-9.-]+(:\d+)?$/,
    'an origin is scheme://host[:port] with no path or trailing slash',
  )
  // Cognito accepts plain-http callback URLs only for localhost, and browsers treat it as secure too.
  .refine(
    (o) => o.startsWith('https://') || /^http:\/\/localhost(:\d+)?$/.test(o),
    'https is required (http only for localhost)',
  );

const hostname = z
  .string()
  .regex(/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/, 'a lower-case DNS name such as abdi.example.go.id');

/**
 * A Kanwil region, as `/v1/regions/{regionId}` and a Kanwil's membership name it: a slug of its own,
 * not the deployment's name, so two deployments can serve one region or one deployment several.
 */
export const regionIdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{1,62}$/,
    'a region id is 2-63 lower-case letters, digits or dashes (e.g. "sulsel")',
  );

export const officeSchema = z.strictObject({
  /** Tenant id, the `<officeId>` in `O#<officeId>#…` keys. */
  id: z.string().regex(/^bapas-[a-z0-9-]+$/, 'office ids look like "bapas-palopo"'),
  name: z.string().min(3),
  class: z.enum(['I', 'II']),
  timeZone: z.enum(officeTimeZones),
  /** Street address, shown on documents and the dashboard. */
  address: z.string().min(3).optional(),
  /** The Kanwil region the office reports to, when not its deployment's `regionId` (issue 16). */
  regionId: regionIdSchema.optional(),
});

export const retentionSchema = z.strictObject({
  /** Object Lock (governance mode) default retention for evidence files. */
  evidenceObjectLockDays: z.int().min(1).max(36_500),
  /**
   * Object Lock default retention for issued documents (ADR 0015). Ten years by default: a berita acara
   * is a record of a criminal sentence's execution; issue 17's retention schedule may set it per kind.
   */
  documentObjectLockDays: z.int().min(1).max(36_500).default(3650),
  /** Lambda, API access-log and S3/CloudFront access-log retention. */
  logRetentionDays: z.literal(logRetentionDays, { error: `use one of ${logRetentionDays.join(', ')}` }),
  /** DynamoDB point-in-time recovery window; PITR itself is always on. */
  pointInTimeRecoveryDays: z.int().min(1).max(35).default(35),
  /**
   * The retention schedule (issue 17, ADR 0020): per record type, the days after a case's closure that
   * its records are kept and whether they are then deleted or anonymised. Types left out keep their
   * defaults (functions/domain/data-protection/retention-schedule.ts).
   */
  schedule: retentionScheduleSchema(),
  /** How many days ahead the retention dry run looks, so an office sees what ends before it does. */
  noticeDays: z.int().min(1).max(365).default(DEFAULT_RETENTION_SETTINGS.noticeDays),
});

/** Each record type's period, defaulting type by type; periods that would contradict each other are refused. */
function retentionScheduleSchema() {
  const defaults = DEFAULT_RETENTION_SETTINGS.schedule;
  const period = (type: RetentionRecordType) =>
    z
      .strictObject({
        days: z.int().min(1).max(36_500),
        then: z.enum(['delete', 'anonymise']),
      })
      .default(defaults[type]);
  const shape = Object.fromEntries(RETENTION_RECORD_TYPES.map((type) => [type, period(type)])) as {
    [type in RetentionRecordType]: ReturnType<typeof period>;
  };
  return z
    .strictObject(shape)
    .refine((s) => s.thumbnails.days <= s.evidence.days, {
      path: ['thumbnails'],
      message: 'a thumbnail is a copy of the photo: keep it no longer than the evidence',
    })
    .refine((s) => s.guardian.days <= s.client.days, {
      path: ['guardian'],
      message: "keep a guardian's details no longer than the client's record",
    })
    .refine((s) => s.accessLogs.days <= s.audit.days, {
      path: ['accessLogs'],
      message: 'keep read logs no longer than the audit trail they belong to',
    })
    .default(defaults);
}

export const deploymentSchema = z.strictObject({
  name: slug,
  description: z.string().optional(),
  /** The Kanwil region its offices report to (an office may name another); by default the deployment's name. */
  regionId: regionIdSchema.optional(),
  /**
   * `staging` takes every change first and is smoke-tested on real AWS; `production` is deployed from the
   * same synthesized templates after a person approves. Production must name who its alarms reach and
   * serve the dashboard on its own domain.
   */
  stage: z.enum(['staging', 'production']),
  /** The AWS account it is deployed into: a deployment never lands wherever the CLI happens to point. */
  account: z.string().regex(/^\d{12}$/, 'an AWS account id has 12 digits'),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as ap-southeast-3'),
  offices: z.array(officeSchema).min(1),
  retention: retentionSchema,
  /**
   * Prefix of the Cognito hosted domain (`<prefix>.auth.<region>.amazoncognito.com`). It must be unique in
   * the region across all AWS customers and must not contain "aws", "amazon" or "cognito".
   */
  authDomainPrefix: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lower-case letters, digits and dashes')
    .refine(
      (p) => !/aws|amazon|cognito/.test(p),
      'Cognito refuses prefixes containing aws, amazon or cognito',
    ),
  /** Custom name for the dashboard. Without it CloudFront's default `*.cloudfront.net` name is used. */
  domain: z
    .strictObject({
      web: hostname,
      /** ACM certificate for `web`; CloudFront only accepts certificates from us-east-1. */
      certificateArn: z
        .string()
        .regex(/^arn:aws:acm:us-east-1:\d{12}:certificate\/[\w-]+$/, 'an ACM certificate ARN in us-east-1'),
    })
    .optional(),
  /**
   * Who the alarms reach: an email address (subscribed to the deployment's KMS-encrypted topic; the
   * recipient confirms once), or an existing SNS topic the operators already watch, or both.
   */
  alarms: z
    .strictObject({
      email: z.email().optional(),
      topicArn: z
        .string()
        .regex(/^arn:aws:sns:[a-z0-9-]+:\d{12}:[\w-]+$/, 'an SNS topic ARN')
        .optional(),
    })
    .refine(
      (alarms) => alarms.email !== undefined || alarms.topicArn !== undefined,
      'name an email or a topicArn',
    )
    .optional(),
  evidence: z
    .strictObject({
      maxUploadBytes: z
        .int()
        .min(1)
        .max(5 * 1024 * MB)
        .default(20 * MB),
      /**
       * An upload requested this many minutes ago whose bytes never arrived is marked expired. At least
       * the upload URL's 15 minutes; at most a week.
       */
      pendingExpiryMinutes: z
        .int()
        .min(15)
        .max(7 * 24 * 60)
        .default(60),
    })
    .default({ maxUploadBytes: 20 * MB, pendingExpiryMinutes: 60 }),
  /**
   * Extra browser origins (say, a developer's dashboard on http://localhost:5173): allowed to upload
   * evidence (the evidence bucket's CORS), to call the API through the distribution (the API's CORS), and
   * as OAuth callback hosts. The deployed dashboard needs none: its own origin (the custom `domain.web` or
   * the distribution's name) is added everywhere automatically, in the same deploy (ADR 0017).
   */
  webOrigins: z.array(origin).default([]),
  /**
   * The edge (ADR 0017): the WAF web ACL in front of the distribution and the CloudFront alarm, in the
   * deployment's `Abdi-<name>-Edge` stack in us-east-1 (CloudFront's region). Limits count requests per
   * `rateWindowSeconds`; a client over a limit gets 429 until its count falls below it.
   */
  edge: z
    .strictObject({
      /**
       * Requests from one IP address, any path. Generous: a Bapas office reaches the internet through one
       * NAT address shared by all its staff.
       */
      requestsPerIp: z.int().min(10).max(2_000_000_000).default(edgeDefaults.requestsPerIp),
      /** Requests under `/v1/` carrying one `Authorization` header: one token of one client or person. */
      requestsPerToken: z.int().min(10).max(2_000_000_000).default(edgeDefaults.requestsPerToken),
      /** The window WAF counts over; it allows 60, 120, 300 or 600 seconds. */
      rateWindowSeconds: z
        .literal([60, 120, 300, 600], { error: 'use 60, 120, 300 or 600' })
        .default(edgeDefaults.rateWindowSeconds),
      /** CloudFront's 5xx error rate (percent of requests, worst distribution of the account) that alarms. */
      cloudFront5xxRatePercent: z.number().min(0.1).max(100).default(edgeDefaults.cloudFront5xxRatePercent),
      /**
       * The Secrets Manager version id of the origin secret that CloudFront sends to the API. Left out,
       * the current version at the time of the deploy; set it when rotating (docs/runbook.md), because
       * CloudFormation re-reads a secret only when the text referring to it changes.
       */
      originSecretVersionId: z
        .string()
        .regex(/^[A-Za-z0-9-]{32,64}$/, 'a Secrets Manager VersionId')
        .optional(),
    })
    .default(edgeDefaults),
  api: z
    .strictObject({
      /** Steady-state requests per second for the whole stage. */
      rateLimit: z.int().min(1).default(100),
      burstLimit: z.int().min(1).default(200),
    })
    .default({ rateLimit: 100, burstLimit: 200 }),
  /**
   * Multi-factor sign-in. Cognito can only require MFA for a whole pool, so the pool keeps it optional
   * (TOTP) and the API refuses a person holding any of these roles, in any office, until they have TOTP
   * enrolled (ADR 0008). `[]` turns the requirement off; machine clients are never asked.
   */
  mfa: z
    .strictObject({
      requiredFor: z
        .array(z.enum(ROLES).exclude(['integration']))
        .refine((roles) => new Set(roles).size === roles.length, 'list each role once'),
    })
    .default({ requiredFor: ['admin', 'officer'] }),
  /**
   * AWS Backup of the tables and the evidence and documents buckets into a locked vault (ADR 0016). The
   * daily rule keeps `dailyRetentionDays`, the monthly one `monthlyRetentionDays` (tables move to cold
   * storage after 90 days when that leaves 90 days in cold). `vaultLockMinDays` (default: the daily
   * retention) is the shortest retention the vault accepts. With `changeableForDays` the lock is in
   * compliance mode and becomes immutable that many days after the deploy that sets it (nobody, not even
   * the account's root user, can then delete a backup early or change the lock: a later change of
   * `vaultLockMinDays` fails the deploy); without it the lock is in governance mode. Production defaults to
   * compliance with the minimum 3 days (infra/constructs/backups.ts `vaultLockOf`).
   */
  backup: z
    .strictObject({
      dailyRetentionDays: z.int().min(7).max(36_500).default(35),
      monthlyRetentionDays: z.int().min(30).max(36_500).default(1825),
      vaultLockMinDays: z.int().min(1).max(36_500).optional(),
      changeableForDays: z.int().min(3).max(36_500).optional(),
    })
    .refine((b) => b.monthlyRetentionDays >= b.dailyRetentionDays, {
      path: ['monthlyRetentionDays'],
      message: 'keep monthly backups at least as long as daily ones',
    })
    .refine((b) => (b.vaultLockMinDays ?? b.dailyRetentionDays) <= b.dailyRetentionDays, {
      path: ['vaultLockMinDays'],
      message:
        'the vault would refuse the daily backups: vaultLockMinDays must not exceed dailyRetentionDays',
    })
    .default({ dailyRetentionDays: 35, monthlyRetentionDays: 1825 }),
  /**
   * The one IAM role that may bypass Object Lock governance mode, delete object versions, change
   * retention or legal holds on the evidence and documents buckets, and delete backups (ADR 0016). The
   * Data stack creates it; IAM names are global to the account, so the default carries the deployment's
   * name (`abdi-<name>-break-glass`).
   */
  breakGlassRoleName: z
    .string()
    .regex(/^[\w+=,.@-]{1,64}$/, 'an IAM role name: up to 64 letters, digits or +=,.@_-')
    .optional(),
  /**
   * Point the App stack at tables other than the Data stack's own, e.g. a table restored from PITR or a
   * backup (docs/runbook.md). A restored table must be encrypted with the Data stack's table key; a main
   * table restored this way also needs its stream (NEW_IMAGE) turned on and its ARN given in
   * `mainStreamArn`, because the webhook dispatcher and the re-planner read it.
   */
  tables: z
    .strictObject({
      nameOverride: z
        .strictObject({
          main: z
            .string()
            .regex(/^[\w.-]{3,255}$/, 'a DynamoDB table name')
            .optional(),
          idempotency: z
            .string()
            .regex(/^[\w.-]{3,255}$/, 'a DynamoDB table name')
            .optional(),
        })
        .optional(),
      mainStreamArn: z
        .string()
        .regex(
          /^arn:aws[\w-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[\w.-]+\/stream\/[\w:.-]+$/,
          'a DynamoDB stream ARN (describe-table … LatestStreamArn)',
        )
        .optional(),
    })
    .refine((t) => (t.nameOverride?.main === undefined) === (t.mainStreamArn === undefined), {
      path: ['mainStreamArn'],
      message:
        'nameOverride.main and mainStreamArn go together: the stream consumers read the restored table',
    })
    .default({}),
  /**
   * Sign-in mail (ADR 0018). With `sesSender`, the user pool sends invitations, verification and reset
   * codes through Amazon SES from that verified identity (Cognito's own mailer stops at 50 messages a
   * day), and offers sign-in codes by email as a second factor beside TOTP. Without it, Cognito's mailer
   * and TOTP alone. The SES identity is verified outside the stack (and the account out of the SES
   * sandbox), as for `reminders.senderEmail`; one verified domain can serve both.
   */
  identity: z
    .strictObject({
      sesSender: z
        .strictObject({
          /** The From address: a verified SES address, or an address of the verified `domain`. */
          email: z.email(),
          /** The verified SES domain identity the address belongs to, when the domain is verified rather than the address. */
          domain: hostname.optional(),
          /** Shown as the sender's name, e.g. "Abdi Bapas Jawa Timur". */
          fromName: z.string().min(1).max(64).optional(),
          /** SES configuration set for delivery, bounce and complaint events of sign-in mail. */
          configurationSet: z
            .string()
            .regex(/^[A-Za-z0-9_-]{1,64}$/, 'an SES configuration set name: letters, digits, _ or -')
            .optional(),
        })
        .refine((sender) => !sender.domain || sender.email.endsWith(`@${sender.domain}`), {
          path: ['email'],
          message: 'the address must belong to the verified domain',
        })
        .optional(),
    })
    .default({}),
  /**
   * A nightly full export of the main table to S3 that a national analytics account reads (ADR 0019).
   * The export is personal data, specific personal data included (criminal records, children): turn it
   * on only under a data-sharing agreement that binds the reader to UU 27/2022. `keepDays` is how long
   * an export stays in the bucket.
   */
  analytics: z
    .strictObject({
      accountId: z.string().regex(/^\d{12}$/, 'an AWS account id has 12 digits'),
      exportHourUtc: z.int().min(0).max(23).default(19),
      keepDays: z.int().min(1).max(365).default(30),
    })
    .optional(),
  /** X-Ray active tracing for the API function. */
  tracing: z.boolean().default(false),
  /**
   * Reminders (ADR 0014): email through Amazon SES v2 and SMS through AWS End User Messaging SMS, sent by
   * a job that EventBridge Scheduler runs per office time zone. Without this block the deployment has no
   * reminders function and no schedules. The SES identity, the configuration set and the SMS origination
   * identity are set up outside the stack (verification and registration take days and are per account).
   */
  reminders: z
    .strictObject({
      /** A verified SES identity (the address, or an address of a verified domain) reminders come from. */
      senderEmail: z.email(),
      /** SES configuration set for delivery, bounce and complaint events. */
      configurationSet: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/, 'an SES configuration set name: letters, digits, _ or -')
        .optional(),
      /** ARN of the SMS origination identity (phone number, pool or sender id); no SMS without it. */
      smsOriginationIdentity: z
        .string()
        .regex(
          /^arn:aws:sms-voice:[a-z0-9-]+:\d{12}:(phone-number|pool|sender-id)\/[\w/-]+$/,
          'the ARN of an End User Messaging SMS phone number, pool or sender id',
        )
        .optional(),
    })
    .optional(),
});

export type OfficeConfig = z.infer<typeof officeSchema>;
export type DeploymentConfig = z.infer<typeof deploymentSchema>;
/** What a DevOps engineer writes: defaults may be left out. */
export type DeploymentInput = z.input<typeof deploymentSchema>;

/** What production may not go without (issue 16): a person its alarms reach, its own domain. */
const productionReady = deploymentSchema.superRefine((deployment, ctx) => {
  if (deployment.stage !== 'production') return;
  if (!deployment.alarms) {
    ctx.addIssue({
      code: 'custom',
      path: ['alarms'],
      message: 'production needs alarms: an email or a topicArn',
    });
  }
  if (!deployment.domain) {
    ctx.addIssue({
      code: 'custom',
      path: ['domain'],
      message:
        'production serves the dashboard and the API on its own domain (domain.web and its certificate)',
    });
  }
  if (!deployment.identity.sesSender) {
    ctx.addIssue({
      code: 'custom',
      path: ['identity', 'sesSender'],
      message:
        "production sends sign-in mail through SES (identity.sesSender): Cognito's own mailer stops at 50 a day",
    });
  }
});

const deploymentsSchema = z
  .array(productionReady)
  .min(1)
  .superRefine((deployments, ctx) => {
    const seen = new Set<string>();
    for (const [index, deployment] of deployments.entries()) {
      if (seen.has(deployment.name)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'name'],
          message: `duplicate deployment "${deployment.name}"`,
        });
      }
      seen.add(deployment.name);
      const officeIds = deployment.offices.map((office) => office.id);
      const duplicate = officeIds.find((id, i) => officeIds.indexOf(id) !== i);
      if (duplicate) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'offices'],
          message: `duplicate office "${duplicate}"`,
        });
      }
    }
  });

/**
 * Validates the deployments and returns them with defaults filled in.
 * @throws Error listing every problem as `deployments[1].region: …`, readable in a terminal.
 */
export function parseDeployments(input: readonly DeploymentInput[]): DeploymentConfig[] {
  const result = deploymentsSchema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const [index, ...rest] = issue.path;
      const name = typeof index === 'number' ? (input[index]?.name ?? `#${index}`) : '';
      const where = [name && `deployment "${name}"`, rest.join('.')].filter(Boolean).join(' ');
      return `  - ${where || 'deployments'}: ${issue.message}`;
    });
    throw new Error(`Invalid deployment config (infra/config/deployments.ts):\n${lines.join('\n')}`);
  }
  return result.data;
}
