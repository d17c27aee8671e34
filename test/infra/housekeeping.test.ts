import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { auditPartition } from '../../functions/store/audit';
import { keys } from '../../functions/store/keys';
import { housekeepingSchedule } from '../../infra/config/housekeeping-schedule';
import type { DeploymentConfig } from '../../infra/config/schema';
import { HOUSEKEEPING_PARTITIONS, housekeepingTableAccess } from '../../infra/constructs/housekeeping';
import { allows, remindersTableAccess, type ItemAction } from '../../infra/constructs/table-access';
import { deploymentWith, deployments, resourcesOf, synthesize } from './support';
import { sorted, toAccess, type Statement } from './iam-statements';

/**
 * Issue 16, item 7: the nightly housekeeping runs in every deployment, once per office time zone at
 * 00:30 local time, through EventBridge Scheduler, with retries, a dead-letter queue and alarms; its
 * function reaches only what ending an expired placement writes.
 */
const twoZones: DeploymentConfig = deploymentWith({
  name: 'housekeeping',
  authDomainPrefix: 'abdi-housekeeping',
  offices: [
    { id: 'bapas-palopo', name: 'Bapas Kelas II Palopo', class: 'II', timeZone: 'Asia/Makassar' },
    { id: 'bapas-makassar', name: 'Bapas Kelas I Makassar', class: 'I', timeZone: 'Asia/Makassar' },
    { id: 'bapas-jayapura', name: 'Bapas Kelas I Jayapura', class: 'I', timeZone: 'Asia/Jayapura' },
  ],
});

function setUp(deployment: DeploymentConfig) {
  const synthesized = synthesize(deployment);
  const { appTemplate } = synthesized;
  const [jobId, job] =
    resourcesOf(appTemplate, 'AWS::Lambda::Function').find(([, p]) =>
      /^Abdi housekeeping/.test(String(p.Description)),
    ) ?? [];
  const schedules = resourcesOf(appTemplate, 'AWS::Scheduler::Schedule').filter(([, p]) =>
    String((p.Target as { Input: string }).Input).includes('"housekeeping"'),
  );
  const roleId = (job?.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const statements = resourcesOf(appTemplate, 'AWS::IAM::Policy')
    .filter(([, policy]) => JSON.stringify(policy.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap(([, policy]) => (policy.PolicyDocument as { Statement: Statement[] }).Statement);
  const [deadLetterId] = resourcesOf(appTemplate, 'AWS::SQS::Queue').find(([id]) =>
    id.startsWith('HousekeepingDeadLetters'),
  ) ?? [''];
  return { synthesized, appTemplate, jobId: jobId!, job: job!, schedules, statements, deadLetterId };
}

describe('the housekeeping schedules', () => {
  const { schedules, jobId, deadLetterId } = setUp(twoZones);

  it('run once a night per office time zone, at 00:30 local time in that zone', () => {
    const actual = schedules.map(([, p]) => {
      const input = JSON.parse(String((p.Target as { Input: string }).Input)) as Record<string, unknown>;
      return [input.job, input.timeZone, p.ScheduleExpressionTimezone, p.ScheduleExpression];
    });
    expect(actual.sort()).toEqual([
      ['housekeeping', 'Asia/Jayapura', 'Asia/Jayapura', 'cron(30 0 * * ? *)'],
      ['housekeeping', 'Asia/Makassar', 'Asia/Makassar', 'cron(30 0 * * ? *)'],
    ]);
    expect(housekeepingSchedule).toMatchObject({ hour: 0, minute: 30 });
  });

  it('invoke the housekeeping function, retry, and hand what they cannot deliver to its dead-letter queue', () => {
    for (const [, props] of schedules) {
      const target = props.Target as Record<string, unknown>;
      expect(target.Arn).toEqual({ 'Fn::GetAtt': [jobId, 'Arn'] });
      expect(target.RetryPolicy).toMatchObject({ MaximumRetryAttempts: 3 });
      expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [deadLetterId, 'Arn'] } });
      expect(props.State ?? 'ENABLED').toBe('ENABLED');
    }
  });
});

describe('the housekeeping function', () => {
  it.each(deployments.map((d) => [d.name, d] as const))(
    '%s: has the job, one schedule per zone, its dead-letter queue alarmed',
    (_name, deployment) => {
      const { appTemplate, schedules, job, deadLetterId } = setUp(deployment);
      expect(job).toBeDefined();
      expect(schedules).toHaveLength(new Set(deployment.offices.map((o) => o.timeZone)).size);
      const alarmed = resourcesOf(appTemplate, 'AWS::CloudWatch::Alarm').filter(([, a]) =>
        JSON.stringify(a.Dimensions ?? a.Metrics ?? '').includes(`"${deadLetterId}"`),
      );
      expect(alarmed.length).toBeGreaterThan(0);
      const environment = (job.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(environment.POWERTOOLS_SERVICE_NAME).toBe('abdi-housekeeping');
      expect(environment.TABLE_NAME).toBeDefined();
    },
  );

  it('holds exactly its access list on the main table, every statement bound to partitions', () => {
    const { statements } = setUp(twoZones);
    const dynamo = statements.filter((s) =>
      [s.Action].flat().some((a) => /^dynamodb:\w+Item$|^dynamodb:Query$/.test(a)),
    );
    expect(sorted(dynamo.map(toAccess))).toEqual(sorted(housekeepingTableAccess));
    for (const statement of dynamo) {
      expect(statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']).toBeDefined();
    }
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions).not.toContain('dynamodb:BatchWriteItem');
    const services = new Set(actions.map((a) => a.split(':')[0]));
    expect([...services].sort()).toEqual(['dynamodb', 'kms', 'logs', 's3', 'sqs']);
  });

  it('acts on evidence and thumbnail versions for the retention schedule, never bypassing a lock (ADR 0020)', () => {
    const { statements } = setUp(twoZones);
    const s3 = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    expect(s3.flatMap((s) => [s.Action].flat()).sort()).toEqual(
      [
        's3:DeleteObject',
        's3:DeleteObjectVersion',
        's3:GetObjectRetention',
        's3:ListBucketVersions',
        's3:PutObjectRetention',
      ].sort(),
    );
    const resources = JSON.stringify(s3.map((s) => s.Resource));
    expect(resources).toContain('/evidence/*');
    expect(resources).toContain('/thumbnails/*');
    expect(resources).not.toContain('documents');
    expect(JSON.stringify(statements)).not.toMatch(/BypassGovernanceRetention|LegalHold/);
  });

  it('is named in the evidence bucket policy for extending locks and deleting lapsed versions only', () => {
    const { synthesized } = setUp(twoZones);
    const policies = resourcesOf(synthesized.dataTemplate, 'AWS::S3::BucketPolicy').map(([, p]) =>
      JSON.stringify(p.PolicyDocument),
    );
    const named = policies.filter((p) => p.includes('abdi-housekeeping-housekeeping'));
    // The evidence bucket's alone (not the documents' nor the trail's), in the one statement of its two actions.
    expect(named).toHaveLength(1);
    const statements = (JSON.parse(named[0]!) as { Statement: Statement[] }).Statement;
    const exempting = statements.filter((s) =>
      JSON.stringify(s.Condition ?? {}).includes('abdi-housekeeping-housekeeping'),
    );
    expect(exempting.map((s) => [s.Sid, [s.Action].flat().sort()])).toEqual([
      [
        'DenyRetentionChangesExceptBreakGlassAndRetentionJob',
        ['s3:DeleteObjectVersion', 's3:PutObjectRetention'],
      ],
    ]);
  });

  it('reaches the case, its site, the records the retention schedule removes, and nothing of people', () => {
    const office = 'palopo';
    const can = (action: ItemAction, partitionKey: string, index?: string) =>
      allows(housekeepingTableAccess, { action, partitionKey, ...(index ? { index } : {}) });
    expect(can('dynamodb:Query', keys.activePlacements(office), 'due')).toBe(true);
    expect(can('dynamodb:Query', keys.openCases(office), 'due')).toBe(false);
    expect(can('dynamodb:UpdateItem', keys.site(office, 'S1').pk)).toBe(true);
    expect(can('dynamodb:PutItem', keys.site(office, 'S1').pk)).toBe(false);
    expect(can('dynamodb:PutItem', auditPartition(office, { type: 'case', id: 'C1' }))).toBe(true);
    expect(can('dynamodb:GetItem', auditPartition(office, { type: 'case', id: 'C1' }))).toBe(false);
    // The retention schedule (ADR 0020): its listing and log, the client and NIK guard it removes.
    expect(can('dynamodb:Query', keys.retentionCases(office), 'due')).toBe(true);
    expect(can('dynamodb:PutItem', keys.retentionLog(office))).toBe(true);
    expect(can('dynamodb:DeleteItem', keys.retentionLog(office))).toBe(false);
    expect(can('dynamodb:DeleteItem', keys.nikGuard(office, 'hash').pk)).toBe(true);
    expect(can('dynamodb:GetItem', keys.nikGuard(office, 'hash').pk)).toBe(false);
    expect(can('dynamodb:PutItem', keys.client(office, 'K1').pk)).toBe(true);
    expect(can('dynamodb:DeleteItem', auditPartition(office, { type: 'client', id: 'K1' }))).toBe(true);
    expect(can('dynamodb:UpdateItem', keys.officeStats(office).pk)).toBe(true);
    expect(can('dynamodb:GetItem', keys.officeStats(office).pk)).toBe(false);
    for (const pk of [
      keys.userPartition('pk.palopo'),
      keys.partner(office, 'P1').pk,
      auditPartition(office, { type: 'office', id: office }),
      auditPartition(office, { type: 'user', id: 'pk.palopo' }),
    ]) {
      for (const action of [
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
      ] as const) {
        expect(can(action, pk), `${action} ${pk}`).toBe(false);
      }
    }
    expect(Object.values(HOUSEKEEPING_PARTITIONS).sort()).toEqual(
      [...new Set(housekeepingTableAccess.flatMap((s) => s.leadingKeys ?? []))].sort(),
    );
  });

  it("leaves the reminders function's access as it was: no site write, no audit trail", () => {
    const office = 'palopo';
    expect(
      allows(remindersTableAccess, {
        action: 'dynamodb:UpdateItem',
        partitionKey: keys.site(office, 'S1').pk,
      }),
    ).toBe(false);
    expect(
      allows(remindersTableAccess, {
        action: 'dynamodb:PutItem',
        partitionKey: auditPartition(office, { type: 'case', id: 'C1' }),
      }),
    ).toBe(false);
  });

  it('leaves no open cdk-nag finding', () => {
    const { synthesized } = setUp(twoZones);
    const { violations } = new AwsSolutionsChecks(synthesized.appScope).validateScope(synthesized.app);
    expect(violations.map((v) => v.ruleName)).toEqual([]);
  });
});
