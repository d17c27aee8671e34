import { describe, expect, it } from 'vitest';
import { deployments, selectDeployments } from '../../infra/config/deployments';
import { parseDeployments, type DeploymentInput } from '../../infra/config/schema';

const valid: DeploymentInput = {
  name: 'sulsel',
  stage: 'staging',
  account: '111111111111',
  region: 'ap-southeast-3',
  offices: [{ id: 'bapas-palopo', name: 'Bapas Kelas II Palopo', class: 'II', timeZone: 'Asia/Makassar' }],
  retention: { evidenceObjectLockDays: 1825, logRetentionDays: 365 },
  authDomainPrefix: 'abdi-sulsel',
};

describe('deployment config', () => {
  it('has at least two valid example deployments with unique names', () => {
    // Prepare / Act
    const names = deployments.map((d) => d.name);

    // Assess
    expect(names.length).toBeGreaterThanOrEqual(2);
    expect(new Set(names).size).toBe(names.length);
  });

  it('fills in defaults: 20 MB uploads, 35 days of PITR, no extra origins, API throttling', () => {
    // Act
    const [deployment] = parseDeployments([valid]);

    // Assess
    expect(deployment?.evidence.maxUploadBytes).toBe(20 * 1024 * 1024);
    expect(deployment?.retention.pointInTimeRecoveryDays).toBe(35);
    expect(deployment?.webOrigins).toEqual([]);
    expect(deployment?.api).toEqual({ rateLimit: 100, burstLimit: 200 });
  });

  it.each([
    ['a misspelt key', { ...valid, reigon: 'ap-southeast-3' }, /reigon/],
    ['a bad region', { ...valid, region: 'jakarta' }, /deployment "sulsel" region: an AWS region/],
    [
      'an unknown time zone',
      { ...valid, offices: [{ ...valid.offices[0], timeZone: 'Asia/Singapore' }] },
      /timeZone/,
    ],
    [
      'a log retention CloudWatch refuses',
      { ...valid, retention: { ...valid.retention, logRetentionDays: 100 } },
      /logRetentionDays: use one of/,
    ],
    ['an origin with a path', { ...valid, webOrigins: ['https://abdi.example.go.id/app'] }, /webOrigins\.0/],
    [
      'plain http to a real host',
      { ...valid, webOrigins: ['http://abdi.example.go.id'] },
      /webOrigins\.0: https is required/,
    ],
    ['a Cognito prefix with "aws"', { ...valid, authDomainPrefix: 'abdi-aws' }, /authDomainPrefix/],
  ])('rejects %s with a message naming the field', (_label, input, message) => {
    // Act / Assess
    expect(() => parseDeployments([input as DeploymentInput])).toThrow(message);
  });

  it('rejects duplicate deployments and duplicate offices', () => {
    // Prepare
    const twice = { ...valid, offices: [...valid.offices, ...valid.offices] };

    // Act / Assess
    expect(() => parseDeployments([valid, valid])).toThrow(/duplicate deployment "sulsel"/);
    expect(() => parseDeployments([twice])).toThrow(/duplicate office "bapas-palopo"/);
  });

  it('selects one deployment by name, all by default, and names the known ones on a typo', () => {
    // Act / Assess
    expect(selectDeployments(undefined)).toHaveLength(deployments.length);
    expect(selectDeployments('sulsel').map((d) => d.name)).toEqual(['sulsel']);
    expect(() => selectDeployments('sulawesi')).toThrow(
      /Unknown deployment "sulawesi".*Known deployments: sulsel/,
    );
  });

  it('refuses a production deployment without alarms that reach a person or without its own domain', () => {
    // Act / Assess
    expect(() => parseDeployments([{ ...valid, stage: 'production' }])).toThrow(
      /deployment "sulsel" alarms: production needs alarms[\s\S]*deployment "sulsel" domain: production serves/,
    );
    expect(() => parseDeployments([{ ...valid, alarms: {} }])).toThrow(/alarms: name an email or a topicArn/);
    expect(() => parseDeployments([{ ...valid, account: undefined } as unknown as DeploymentInput])).toThrow(
      /deployment "sulsel" account/,
    );
  });

  it('names a stage and an account for every example deployment, and production ones are ready', () => {
    for (const deployment of deployments) {
      expect(deployment.account, deployment.name).toMatch(/^\d{12}$/);
      if (deployment.stage === 'production') {
        expect(deployment.alarms, deployment.name).toBeDefined();
        expect(deployment.domain, deployment.name).toBeDefined();
      }
    }
    expect(deployments.map((d) => d.stage)).toContain('staging');
    expect(deployments.map((d) => d.stage)).toContain('production');
  });
});
