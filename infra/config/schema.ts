/**
 * The shape of a deployment, checked with zod so that a typo in `deployments.ts` fails `cdk synth` with a
 * message naming the deployment and the field, instead of producing a half-configured stack.
 */
import * as z from 'zod';
import { ROLES } from '../../functions/identity/principal';

/** Indonesia's three zones; none observes daylight saving. */
export const officeTimeZones = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;

/** CloudWatch Logs accepts only these retention periods (days). */
export const logRetentionDays = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const MB = 1024 * 1024;

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

export const officeSchema = z.strictObject({
  /** Tenant id, the `<officeId>` in `O#<officeId>#…` keys. */
  id: z.string().regex(/^bapas-[a-z0-9-]+$/, 'office ids look like "bapas-palopo"'),
  name: z.string().min(3),
  class: z.enum(['I', 'II']),
  timeZone: z.enum(officeTimeZones),
  /** Street address, shown on documents and the dashboard. */
  address: z.string().min(3).optional(),
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
});

export const deploymentSchema = z.strictObject({
  name: slug,
  description: z.string().optional(),
  /** Target account; leave out to deploy into whatever account the CLI credentials point at. */
  account: z
    .string()
    .regex(/^\d{12}$/, 'an AWS account id has 12 digits')
    .optional(),
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
  alarmEmail: z.email().optional(),
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
   * Origins allowed to upload evidence from a browser (the evidence bucket's CORS) and to call the
   * execute-api URL directly (the API's CORS), and the dashboard's OAuth callback hosts. The custom
   * `domain.web` is added automatically. The deployed dashboard calls the API on its own origin, but it
   * uploads evidence straight to S3: without a custom domain, add the CloudFront URL (output `WebUrl`) here
   * after the first deployment, because the stateful stack cannot learn it earlier without depending on
   * the stateless one.
   */
  webOrigins: z.array(origin).default([]),
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

const deploymentsSchema = z
  .array(deploymentSchema)
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
