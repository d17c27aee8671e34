import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { auditPartition } from '../../functions/store/audit';
import { keys } from '../../functions/store/keys';
import { reminderSchedules } from '../../infra/config/reminder-schedule';
import { parseDeployments, type DeploymentConfig, type DeploymentInput } from '../../infra/config/schema';
import {
  allows,
  CASE_REPLAN_PARTITIONS,
  caseReplannerTableAccess,
  feasibilityAlertTableAccess,
  REMINDER_PARTITIONS,
  remindersTableAccess,
  replanSweepTableAccess,
  slotReleaseTableAccess,
  type ItemAction,
} from '../../infra/constructs/table-access';
import { deploymentWith, deployments, resourcesOf, synthesize } from './support';
import { toAccess, sorted, type Statement } from './iam-statements';

/**
 * Reminders in the cloud (ADR 0014): EventBridge Scheduler runs the reminders function per office time
 * zone at fixed local times, with a dead-letter queue that alarms; the function may send only from the
 * configured identities and reach only what the job reads and the reminder log. Without reminder
 * settings a deployment has none of it.
 */
const SMS_IDENTITY = 'arn:aws:sms-voice:ap-southeast-3:123456789012:phone-number/phone-0123abcd';

/** Offices in two zones, every reminder setting, alarms on. */
const withReminders: DeploymentConfig = deploymentWith({
  name: 'reminders-all',
  authDomainPrefix: 'abdi-reminders-all',
  alarms: { email: 'ops@example.go.id' },
  offices: [
    { id: 'bapas-palopo', name: 'Bapas Kelas II Palopo', class: 'II', timeZone: 'Asia/Makassar' },
    { id: 'bapas-makassar', name: 'Bapas Kelas I Makassar', class: 'I', timeZone: 'Asia/Makassar' },
    { id: 'bapas-jayapura', name: 'Bapas Kelas I Jayapura', class: 'I', timeZone: 'Asia/Jayapura' },
  ],
  reminders: {
    senderEmail: 'pengingat@bapas.example.go.id',
    configurationSet: 'abdi-reminders',
    smsOriginationIdentity: SMS_IDENTITY,
  },
});

/** Email only: no SMS identity, no configuration set, no alarm target. */
const emailOnly: DeploymentConfig = deploymentWith({
  name: 'reminders-email',
  authDomainPrefix: 'abdi-reminders-email',
  reminders: { senderEmail: 'pengingat@bapas.example.go.id' },
});

const JOB = /reminders job/;

/** The reminders' schedules: the stack also schedules the nightly housekeeping (test/infra/housekeeping.test.ts). */
const reminderSchedulesOf = (template: Parameters<typeof resourcesOf>[0]) =>
  resourcesOf(template, 'AWS::Scheduler::Schedule').filter(
    ([, props]) => !String((props.Target as { Input?: string }).Input).includes('"housekeeping"'),
  );

function setUp(deployment: DeploymentConfig) {
  const synthesized = synthesize(deployment);
  const { appTemplate } = synthesized;
  const functions = resourcesOf(appTemplate, 'AWS::Lambda::Function');
  const jobs = functions.filter(([, props]) => JOB.test(String(props.Description)));
  const [jobId, job] = jobs[0] ?? ['', {}];
  const roleOf = (props: Record<string, unknown>) =>
    (props.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const statementsOfRole = (roleId: string): Statement[] =>
    resourcesOf(appTemplate, 'AWS::IAM::Policy')
      .filter(([, policy]) => JSON.stringify(policy.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap(([, policy]) => (policy.PolicyDocument as { Statement: Statement[] }).Statement);
  const [deadLetterId] = resourcesOf(appTemplate, 'AWS::SQS::Queue').find(([id]) =>
    id.startsWith('RemindersDeadLetters'),
  ) ?? [''];
  return { synthesized, appTemplate, jobs, jobId, job, roleOf, statementsOfRole, deadLetterId };
}

describe('reminder schedules', () => {
  const { appTemplate, jobId, deadLetterId } = setUp(withReminders);
  const schedules = reminderSchedulesOf(appTemplate);

  it('run each job once per office time zone of the deployment, at local time in that zone', () => {
    // Assess: four jobs, two zones (two Makassar offices share their schedules)
    const expected = [
      ['day-before', 'Asia/Jayapura', 'cron(0 17 * * ? *)'],
      ['day-before', 'Asia/Makassar', 'cron(0 17 * * ? *)'],
      ['end-of-day', 'Asia/Jayapura', 'cron(0 21 * * ? *)'],
      ['end-of-day', 'Asia/Makassar', 'cron(0 21 * * ? *)'],
      ['replan-sweep', 'Asia/Jayapura', 'cron(0 6 * * ? *)'],
      ['replan-sweep', 'Asia/Makassar', 'cron(0 6 * * ? *)'],
      ['weekly-digest', 'Asia/Jayapura', 'cron(0 7 ? * MON *)'],
      ['weekly-digest', 'Asia/Makassar', 'cron(0 7 ? * MON *)'],
    ];
    const actual = schedules.map(([, props]) => {
      const input = JSON.parse(String((props.Target as { Input: string }).Input)) as {
        job: string;
        timeZone: string;
      };
      // The event names the zone the schedule runs in: the job handles exactly that zone's offices.
      expect(props.ScheduleExpressionTimezone).toBe(input.timeZone);
      return [input.job, input.timeZone, props.ScheduleExpression];
    });
    expect(actual.sort()).toEqual(expected);
    expect(schedules).toHaveLength(reminderSchedules.length * 2);
    for (const [, props] of schedules) {
      expect(props).toMatchObject({ State: 'ENABLED', FlexibleTimeWindow: { Mode: 'OFF' } });
    }
  });

  it('invoke the reminders function, retry, and hand what they cannot deliver to its dead-letter queue', () => {
    const roles = new Set<string>();
    for (const [, props] of schedules) {
      const target = props.Target as Record<string, unknown>;
      expect(target.Arn).toEqual({ 'Fn::GetAtt': [jobId, 'Arn'] });
      expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [deadLetterId, 'Arn'] } });
      expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 7200 });
      roles.add(JSON.stringify(target.RoleArn));
    }
    expect(roles.size).toBe(1);
  });

  it("give Scheduler's role nothing but invoking that function and sending to that queue", () => {
    const { statementsOfRole } = setUp(withReminders);
    const [roleId, role] = resourcesOf(appTemplate, 'AWS::IAM::Role').find(([id]) =>
      id.startsWith('RemindersSchedulerRole'),
    )!;
    expect(role.AssumeRolePolicyDocument).toMatchObject({
      Statement: [
        {
          Principal: { Service: 'scheduler.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': withReminders.account } },
        },
      ],
    });
    const statements = statementsOfRole(roleId);
    expect(statements.flatMap((s) => [s.Action].flat()).sort()).toEqual([
      'lambda:InvokeFunction',
      'sqs:SendMessage',
    ]);
    for (const s of statements)
      expect(JSON.stringify(s.Resource)).toMatch(new RegExp(`${jobId}|${deadLetterId}`));
  });

  it('a job that fails through Lambda retries goes to the same queue, which is encrypted and TLS-only', () => {
    const configs = resourcesOf(appTemplate, 'AWS::Lambda::EventInvokeConfig').filter(
      ([, c]) => JSON.stringify(c.FunctionName) === JSON.stringify({ Ref: jobId }),
    );
    expect(configs).toHaveLength(1);
    expect(configs[0]![1]).toMatchObject({
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 7200,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [deadLetterId, 'Arn'] } } },
    });
    const [, queue] = resourcesOf(appTemplate, 'AWS::SQS::Queue').find(([id]) => id === deadLetterId)!;
    expect(queue).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 });
  });

  it('alarm at the first dead letter, and on the function errors and throttles', () => {
    const [topicId] = resourcesOf(appTemplate, 'AWS::SNS::Topic').find(
      ([, t]) => t.DisplayName === 'Abdi alarms',
    ) ?? [''];
    const queueAlarms = resourcesOf(appTemplate, 'AWS::CloudWatch::Alarm').filter(
      ([, a]) =>
        a.MetricName === 'ApproximateNumberOfMessagesVisible' &&
        JSON.stringify(a.Dimensions).includes(`"${deadLetterId}"`),
    );
    expect(queueAlarms).toHaveLength(1);
    expect(queueAlarms[0]![1]).toMatchObject({
      Threshold: 1,
      Statistic: 'Maximum',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: topicId }],
    });
    expect(JSON.stringify(queueAlarms[0]![1].AlarmDescription)).toMatch(
      /timed job \(the nightly re-plan or a reminders job\) did not run/,
    );
    const functionAlarms = resourcesOf(appTemplate, 'AWS::CloudWatch::Alarm').filter(
      ([, a]) => a.Namespace === 'AWS/Lambda' && JSON.stringify(a.Dimensions).includes(`"${jobId}"`),
    );
    expect(functionAlarms.map(([, a]) => a.MetricName).sort()).toEqual(['Errors', 'Throttles']);
  });
});

describe('the reminders function', () => {
  it('gets the runtime configuration of the other workers and the messaging settings', () => {
    const { job, appTemplate } = setUp(withReminders);
    const [, replanner] = resourcesOf(appTemplate, 'AWS::Lambda::Function').find(([, p]) =>
      /case re-planner/.test(String(p.Description)),
    )!;
    const variables = (props: Record<string, unknown>) =>
      (props.Environment as { Variables: Record<string, unknown> }).Variables;
    const { POWERTOOLS_SERVICE_NAME: own, ...rest } = variables(job);
    const { POWERTOOLS_SERVICE_NAME: _theirs, ...shared } = variables(replanner);
    expect(own).toBe('abdi-reminders');
    expect(rest).toEqual({
      ...shared,
      REMINDER_SENDER_EMAIL: 'pengingat@bapas.example.go.id',
      SES_CONFIGURATION_SET: 'abdi-reminders',
      SMS_ORIGINATION_IDENTITY: SMS_IDENTITY,
    });
    expect(job).toMatchObject({ Architectures: ['arm64'], Timeout: 900 });
  });

  it('sends email only from the sender (its address or domain identity, its configuration set)', () => {
    const { job, roleOf, statementsOfRole } = setUp(withReminders);
    const ses = statementsOfRole(roleOf(job)).filter((s) =>
      [s.Action].flat().some((a) => a.startsWith('ses:')),
    );
    expect(ses).toHaveLength(1);
    expect(ses[0]!.Action).toBe('ses:SendEmail');
    expect(ses[0]!.Condition).toEqual({
      StringEquals: { 'ses:FromAddress': 'pengingat@bapas.example.go.id' },
    });
    const resources = JSON.stringify(ses[0]!.Resource);
    expect(resources).toContain(':identity/pengingat@bapas.example.go.id');
    expect(resources).toContain(':identity/bapas.example.go.id');
    expect(resources).toContain(':configuration-set/abdi-reminders');
    expect([ses[0]!.Resource].flat()).toHaveLength(3);
  });

  it('sends SMS only from the configured origination identity, in the configuration set that reports them', () => {
    const { job, roleOf, statementsOfRole, appTemplate } = setUp(withReminders);
    const sms = statementsOfRole(roleOf(job)).filter((s) =>
      [s.Action].flat().some((a) => a.startsWith('sms-voice:')),
    );
    const [smsSetId] = resourcesOf(appTemplate, 'AWS::SMSVOICE::ConfigurationSet')[0]!;
    expect(sms.map((s) => s.Action)).toEqual(['sms-voice:SendTextMessage']);
    const resources = [sms[0]!.Resource].flat();
    expect(resources).toHaveLength(2);
    expect(resources[0]).toBe(SMS_IDENTITY);
    expect(JSON.stringify(resources[1])).toContain(`:configuration-set/",{"Ref":"${smsSetId}"}`);
    const variables = (job.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables.SMS_CONFIGURATION_SET).toEqual({ Ref: smsSetId });
  });

  it('without an SMS identity has no SMS right and no SMS setting; without a configuration set, the one it makes', () => {
    const { job, jobId, roleOf, statementsOfRole, appTemplate } = setUp(emailOnly);
    const actions = statementsOfRole(roleOf(job)).flatMap((s) => [s.Action].flat());
    expect(actions.filter((a) => a.startsWith('sms-voice:'))).toEqual([]);
    const variables = (job.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables).not.toHaveProperty('SMS_ORIGINATION_IDENTITY');
    expect(variables).not.toHaveProperty('SMS_CONFIGURATION_SET');
    expect(resourcesOf(appTemplate, 'AWS::SMSVOICE::ConfigurationSet')).toEqual([]);
    // Email goes out in the configuration set made for its delivery reports.
    const [[setId] = ['']] = resourcesOf(appTemplate, 'AWS::SES::ConfigurationSet');
    expect(variables.SES_CONFIGURATION_SET).toEqual({ Ref: setId });
    const ses = statementsOfRole(roleOf(job)).find((s) => s.Action === 'ses:SendEmail')!;
    expect(JSON.stringify(ses.Resource)).toContain(`:configuration-set/",{"Ref":"${setId}"}`);
    // One zone (the example offices are all in Makassar): four schedules. No alarm target configured,
    // yet the job alarms all the same (issue 16): the topic waits for a subscriber.
    expect(reminderSchedulesOf(appTemplate)).toHaveLength(4);
    const jobAlarms = resourcesOf(appTemplate, 'AWS::CloudWatch::Alarm').filter(
      ([, a]) => a.Namespace === 'AWS/Lambda' && JSON.stringify(a.Dimensions).includes(`"${jobId}"`),
    );
    expect(jobAlarms.map(([, a]) => a.MetricName).sort()).toEqual(['Errors', 'Throttles']);
    expect(resourcesOf(appTemplate, 'AWS::SNS::Subscription')).toEqual([]);
  });

  it('holds exactly its access list on the main table, every statement bound to partitions', () => {
    const { job, roleOf, statementsOfRole } = setUp(withReminders);
    const statements = statementsOfRole(roleOf(job));
    const dynamo = statements.filter((s) =>
      [s.Action].flat().some((a) => /^dynamodb:\w+Item$|^dynamodb:Query$/.test(a)),
    );
    expect(sorted(dynamo.map(toAccess))).toEqual(sorted(remindersTableAccess));
    for (const statement of dynamo) {
      expect(statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']).toBeDefined();
    }
    // No wildcard resource at all; services: its logs, the table and key, its queue, SES, SMS.
    expect(statements.filter((s) => JSON.stringify(s.Resource).includes('"*"'))).toEqual([]);
    const services = new Set(statements.flatMap((s) => [s.Action].flat()).map((a) => a.split(':')[0]));
    expect([...services].sort()).toEqual(['dynamodb', 'kms', 'logs', 'ses', 'sms-voice', 'sqs']);
    expect(statements.flatMap((s) => [s.Action].flat())).not.toContain('dynamodb:DeleteItem');
  });

  it('leaves no open cdk-nag finding', () => {
    const { synthesized } = setUp(withReminders);
    const { violations } = new AwsSolutionsChecks(synthesized.appScope).validateScope(synthesized.app);
    expect(violations.map((v) => v.ruleName)).toEqual([]);
  });
});

describe.each(deployments.map((d) => [d.name, d] as const))(
  'deployment %s without reminder settings',
  (_name, deployment) => {
    const { jobs, job, appTemplate, roleOf, statementsOfRole } = setUp(deployment);

    it('still re-plans every open case each morning: the sweep alone is scheduled, in each time zone', () => {
      expect(deployment.reminders).toBeUndefined();
      expect(jobs).toHaveLength(1);
      const scheduled = reminderSchedulesOf(appTemplate).map(
        ([, props]) => (JSON.parse(String((props.Target as { Input: string }).Input)) as { job: string }).job,
      );
      expect(new Set(scheduled)).toEqual(new Set(['replan-sweep']));
      expect(scheduled).toHaveLength(new Set(deployment.offices.map((o) => o.timeZone)).size);
    });

    it('with no channel, no sender setting, and the sweep’s table access alone', () => {
      const statements = statementsOfRole(roleOf(job));
      const services = new Set(statements.flatMap((s) => [s.Action].flat()).map((a) => a.split(':')[0]));
      expect(services.has('ses') || services.has('sms-voice')).toBe(false);
      const environment = (job.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(environment.REMINDER_SENDER_EMAIL).toBeUndefined();
      const dynamo = statements.filter((s) =>
        [s.Action].flat().some((a) => /^dynamodb:\w+Item$|^dynamodb:Query$/.test(a)),
      );
      expect(sorted(dynamo.map(toAccess))).toEqual(sorted(replanSweepTableAccess));
    });
  },
);

describe("the case re-planner's feasibility alerts", () => {
  const REPLANNER = /case re-planner/;
  const replanner = (deployment: DeploymentConfig) => {
    const { appTemplate, roleOf, statementsOfRole } = setUp(deployment);
    const [, props] = resourcesOf(appTemplate, 'AWS::Lambda::Function').find(([, p]) =>
      REPLANNER.test(String(p.Description)),
    )!;
    const statements = statementsOfRole(roleOf(props));
    const dynamo = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
    const environment = (props.Environment as { Variables: Record<string, unknown> }).Variables;
    return { statements, dynamo, environment };
  };

  it('with reminders: the sender setting, email from the sender only, the people and the alert log', () => {
    const { statements, dynamo, environment } = replanner(withReminders);
    expect(environment.REMINDER_SENDER_EMAIL).toBe(withReminders.reminders!.senderEmail);
    expect(statements.filter((s) => [s.Action].flat().includes('ses:SendEmail'))).toHaveLength(1);
    expect(
      sorted(dynamo.filter((s) => s.Sid !== undefined && /^[A-Z]\w+$/.test(s.Sid)).map(toAccess)),
    ).toEqual(
      sorted([...caseReplannerTableAccess, ...slotReleaseTableAccess, ...feasibilityAlertTableAccess]),
    );
  });

  it('without reminders: no channel, no setting, and the planning access alone', () => {
    const plain = deployments.find((d) => !d.reminders)!;
    const { statements, dynamo, environment } = replanner(plain);
    expect(environment.REMINDER_SENDER_EMAIL).toBeUndefined();
    const services = new Set(statements.flatMap((s) => [s.Action].flat()).map((a) => a.split(':')[0]));
    expect(services.has('ses') || services.has('sms-voice')).toBe(false);
    expect(
      sorted(dynamo.filter((s) => s.Sid !== undefined && /^[A-Z]\w+$/.test(s.Sid)).map(toAccess)),
    ).toEqual(sorted([...caseReplannerTableAccess, ...slotReleaseTableAccess]));
  });
});

describe('reminder settings (infra/config/schema.ts)', () => {
  const base = deployments[0]! as DeploymentInput;
  const parse = (reminders: unknown) =>
    parseDeployments([{ ...base, reminders } as DeploymentInput])[0]!.reminders;

  it('take a sender address, and optionally a configuration set and an SMS origination identity ARN', () => {
    expect(parse({ senderEmail: 'abdi@bapas.example.go.id' })).toEqual({
      senderEmail: 'abdi@bapas.example.go.id',
    });
    expect(
      parse({ senderEmail: 'a@b.go.id', configurationSet: 'abdi-1', smsOriginationIdentity: SMS_IDENTITY }),
    ).toMatchObject({ smsOriginationIdentity: SMS_IDENTITY });
    expect(parseDeployments([base])[0]!.reminders).toBeUndefined();
  });

  it('refuse a sender that is not an address, an SMS identity that is not an ARN, an unknown field', () => {
    expect(() => parse({ senderEmail: 'Abdi <abdi@b.go.id>' })).toThrow(/reminders\.senderEmail/);
    expect(() => parse({ senderEmail: 'a@b.go.id', smsOriginationIdentity: '+6281234567890' })).toThrow(
      /reminders\.smsOriginationIdentity: the ARN of an End User Messaging SMS/,
    );
    expect(() => parse({ senderEmail: 'a@b.go.id', configurationSet: 'no spaces' })).toThrow(
      /reminders\.configurationSet/,
    );
    expect(() => parse({ senderEmail: 'a@b.go.id', sender: 'x' })).toThrow(/reminders/);
  });
});

describe('the reminders access list (infra/constructs/table-access.ts)', () => {
  const office = 'palopo';
  const can = (action: ItemAction, partitionKey: string, index?: string) =>
    allows(remindersTableAccess, { action, partitionKey, ...(index ? { index } : {}) });

  it("lists the zone's offices, a day's slots, the office's people and its open cases", () => {
    expect(can('dynamodb:Query', 'OFFICES', 'gsi1')).toBe(true);
    // ADR 0014: gsi1 `O#<office>#SLOTS`.
    expect(can('dynamodb:Query', `O#${office}#SLOTS`, 'gsi1')).toBe(true);
    expect(can('dynamodb:Query', keys.officeMembers(office), 'gsi1')).toBe(true);
    expect(can('dynamodb:Query', keys.openCases(office), 'due')).toBe(true);
    // Not the office's clients by name, nor a PK's or a status's cases.
    expect(can('dynamodb:Query', `O#${office}#CLIENTS`, 'gsi1')).toBe(false);
    expect(can('dynamodb:Query', keys.officerCases(office, 'pk.palopo'), 'gsi2')).toBe(false);
    expect(can('dynamodb:Query', keys.casesInStatus(office, 'active'), 'gsi1')).toBe(false);
    expect(can('dynamodb:Query', `O#${office}#SLOTS`, 'due')).toBe(false);
    expect(can('dynamodb:Query', 'OFFICES')).toBe(false);
  });

  it('holds everything the re-planner may do, for the nightly replan-sweep, and no more writes', () => {
    for (const statement of caseReplannerTableAccess) {
      expect(remindersTableAccess).toContainEqual(statement);
    }
    const writes = new Set(
      remindersTableAccess.flatMap((s) => s.actions).filter((a) => !/Get|Query/.test(a)),
    );
    expect([...writes].sort()).toEqual(['dynamodb:PutItem', 'dynamodb:UpdateItem']);
  });

  it('reads cases, clients and sites in batches; claims and records reminders', () => {
    for (const pk of [
      keys.caseRecord(office, 'C1').pk,
      keys.client(office, 'K1').pk,
      keys.site(office, 'S1').pk,
    ]) {
      expect(can('dynamodb:BatchGetItem', pk), pk).toBe(true);
    }
    for (const pk of [keys.casePartition(office, 'C1'), `O#${office}#REMINDERS`]) {
      for (const action of ['dynamodb:PutItem', 'dynamodb:UpdateItem'] as const) {
        expect(can(action, pk), `${action} ${pk}`).toBe(true);
      }
      expect(can('dynamodb:DeleteItem', pk)).toBe(false);
    }
  });

  it('writes nothing but the reminder log, and reaches no audit trail, user, guard, counter or credential', () => {
    for (const pk of [
      keys.office(office).pk,
      keys.client(office, 'K1').pk,
      keys.site(office, 'S1').pk,
      keys.userPartition('pk.palopo'),
      auditPartition(office, { type: 'case', id: 'C1' }),
    ]) {
      for (const action of ['dynamodb:PutItem', 'dynamodb:UpdateItem'] as const) {
        expect(can(action, pk), `${action} ${pk}`).toBe(false);
      }
    }
    for (const pk of [
      auditPartition(office, { type: 'case', id: 'C1' }),
      keys.userPartition('pk.palopo'),
      keys.nikGuard(office, 'hash').pk,
      keys.officeStats(office).pk,
      keys.partner(office, 'P1').pk,
      `O#${office}#WEBHOOKS`,
      keys.localCredential('admin.palopo').pk,
    ]) {
      for (const action of ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const) {
        expect(can(action, pk), `${action} ${pk}`).toBe(false);
      }
    }
    expect(
      [...new Set([...Object.values(REMINDER_PARTITIONS), ...Object.values(CASE_REPLAN_PARTITIONS)])].sort(),
    ).toEqual([...new Set(remindersTableAccess.flatMap((s) => s.leadingKeys ?? []))].sort());
  });
});
