import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { CfnAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ApiRelease, liveAliasName } from '../../infra/constructs/api-release';
import {
  deliveryMatrices,
  deploymentStacks,
  githubOutputs,
  readAssemblyManifest,
  type AssemblyManifest,
} from '../../infra/ops/delivery-plan';
import { runDeploy, type DeployIo } from '../../infra/ops/deploy-command';
import { notesWithSmokeLine, SMOKE_NOTE_PREFIX } from '../../infra/ops/smoke-run';
import { deploymentWith, deployments, newApp, resourcesOf, synthesize } from './support';

/**
 * Delivery (issue 16): the workflow file as GitHub reads it, the deployment lists it runs on, the deploy
 * command's plan, and the API function's live alias with its CodeDeploy release in the App template.
 */

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
  readonly id?: string;
}
interface Job {
  readonly needs?: string | string[];
  readonly if?: string;
  readonly environment?: string;
  readonly permissions?: Record<string, string>;
  readonly strategy?: { 'max-parallel'?: number; 'fail-fast'?: boolean; matrix?: unknown };
  readonly outputs?: Record<string, string>;
  readonly steps: Step[];
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly permissions: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

const workflowText = readFileSync(new URL('../../.github/workflows/deliver.yml', import.meta.url), 'utf8');
const workflow = parse(workflowText) as Workflow;
const jobs = workflow.jobs;
const needsOf = (name: string) => [jobs[name]?.needs ?? []].flat();
const runs = (job: Job) => job.steps.map((step) => step.run ?? '').join('\n');
const stepsUsing = (job: Job, action: string) => job.steps.filter((s) => s.uses?.startsWith(`${action}@`));

/** Every job `name` waits for, directly or not. */
function upstream(name: string, seen = new Set<string>()): Set<string> {
  for (const need of needsOf(name)) {
    if (!seen.has(need)) {
      seen.add(need);
      upstream(need, seen);
    }
  }
  return seen;
}

describe('the workflow (.github/workflows/deliver.yml)', () => {
  it('runs on pull requests and on pushes to main', () => {
    // Assess
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['pull_request', 'push']));
    expect(workflow.on.push).toEqual({ branches: ['main'] });
  });

  it('orders the jobs test → synth → deploy staging → smoke → approval → production', () => {
    // Prepare
    const chain = ['test', 'synth', 'deploy-staging', 'smoke', 'approval', 'deploy-production'];

    // Assess: each job waits for the one before it, and so for all before that.
    for (const [index, name] of chain.entries()) {
      expect(jobs[name], name).toBeDefined();
      if (index > 0) expect(needsOf(name), name).toContain(chain[index - 1]);
      expect([...upstream(name)].sort(), name).toEqual(expect.arrayContaining(chain.slice(0, index)));
    }
    // Pull requests stop at a diff after the one synthesis; deploying only happens on main.
    expect(needsOf('diff')).toEqual(['synth']);
    expect(jobs.diff?.if).toContain("github.event_name == 'pull_request'");
    expect(jobs['deploy-staging']?.if).toContain("github.ref == 'refs/heads/main'");
    expect(jobs['deploy-staging']?.if).toContain("github.event_name != 'pull_request'");
  });

  it('holds production behind the reviewed environment, and deploys it one wave at a time', () => {
    // Prepare
    const production = jobs['deploy-production']!;

    // Assess
    expect(jobs.approval?.environment).toBe('production');
    expect(jobs.approval?.permissions).toBeUndefined();
    expect(runs(jobs.approval!)).not.toMatch(/deploy|cdk/);
    expect(production.strategy?.['max-parallel']).toBe(1);
    expect(production.strategy?.['fail-fast']).toBe(true);
    expect(production.strategy?.matrix).toBe('${{ fromJSON(needs.synth.outputs.production) }}');
    expect(jobs['deploy-staging']?.strategy?.matrix).toBe('${{ fromJSON(needs.synth.outputs.staging) }}');
    expect(jobs['deploy-staging']?.environment).toBe('staging');
    // Production is approved on the command line too, and its waves are only health-checked.
    expect(runs(production)).toMatch(/npm run deploy -- .* --app cdk\.out --approve/);
    expect(runs(production)).toMatch(/npm run smoke -- .*--health-only/);
    expect(runs(jobs['deploy-staging']!)).not.toContain('--approve');
  });

  it('synthesizes once, with the dashboard built in the same step, and deploys only that assembly', () => {
    // Prepare
    const synthRuns = jobs.synth!.steps.map((s) => s.run ?? '');
    const upload = stepsUsing(jobs.synth!, 'actions/upload-artifact')[0];

    // Assess
    expect(synthRuns.filter((run) => /cdk synth/.test(run))).toEqual([
      expect.stringMatching(/^npm run build:web && npx cdk synth --quiet --output cdk\.out$/),
    ]);
    expect(upload?.with).toMatchObject({ name: 'cloud-assembly', path: 'cdk.out' });
    for (const [name, job] of Object.entries(jobs).filter(([n]) => n !== 'synth')) {
      expect(runs(job), name).not.toMatch(/cdk synth|build:web|cdk deploy(?! --app)/);
    }
    for (const name of ['diff', 'deploy-staging', 'deploy-production']) {
      const job = jobs[name]!;
      expect(stepsUsing(job, 'actions/download-artifact')[0]?.with, name).toEqual({
        name: 'cloud-assembly',
        path: 'cdk.out',
      });
      expect(runs(job), name).toMatch(
        /npm run (--silent )?deploy -- "\$\{\{ matrix\.deployment \}\}" --app cdk\.out/,
      );
    }
  });

  it('installs the system packages .ci/run installs before npm ci and npm test', () => {
    // Prepare
    const ciRun = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8');
    const ciPackages = [...ciRun.matchAll(/missing\+=\(([^)]+)\)/g)].map((m) => m[1]!.trim());
    const test = runs(jobs.test!);

    // Assess
    expect(ciPackages.length).toBeGreaterThanOrEqual(3);
    const installLine = /apt-get install[^\n]*/.exec(test)?.[0] ?? '';
    for (const name of ciPackages) expect(installLine.split(/\s+/)).toContain(name);
    expect(test.indexOf('apt-get install')).toBeLessThan(test.indexOf('npm ci'));
    expect(test.indexOf('npm ci')).toBeLessThan(test.indexOf('npm test'));
  });

  it('reaches AWS through OIDC roles only: id-token where credentials are taken, no keys anywhere', () => {
    // Prepare
    const withAws = Object.entries(jobs).filter(
      ([, job]) => stepsUsing(job, 'aws-actions/configure-aws-credentials').length > 0,
    );

    // Assess
    expect(withAws.map(([name]) => name).sort()).toEqual(['deploy-production', 'deploy-staging', 'diff']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    for (const [name, job] of withAws) {
      expect(job.permissions, name).toEqual({ contents: 'read', 'id-token': 'write' });
      for (const step of stepsUsing(job, 'aws-actions/configure-aws-credentials')) {
        expect(Object.keys(step.with ?? {}).sort(), name).toEqual([
          'aws-region',
          'role-session-name',
          'role-to-assume',
        ]);
        expect(step.with?.['role-to-assume'], name).toMatch(/^\$\{\{ vars\.AWS_[A-Z]+_ROLE_ARN \}\}$/);
      }
    }
    // One role per stage, and a read-only one for pull-request diffs.
    const roles = withAws.map(([, job]) => stepsUsing(job, 'aws-actions/configure-aws-credentials')[0]);
    expect(new Set(roles.map((s) => s?.with?.['role-to-assume'])).size).toBe(3);
    expect(workflowText).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET|AWS_ACCESS_KEY/i);
    expect([...workflowText.matchAll(/secrets\.(\w+)|secrets\[/g)].map((m) => m[0])).toEqual(['secrets[']);
    // A job that takes no credentials cannot ask for an OIDC token either.
    for (const [name, job] of Object.entries(jobs).filter(([n]) => !withAws.some(([a]) => a === n))) {
      expect(job.permissions?.['id-token'], name).toBeUndefined();
    }
  });

  it('exports every matrix the later jobs read from the plan step', () => {
    // Prepare
    const printed = githubOutputs(deliveryMatrices(deployments));
    const names = new Set(printed.split('\n').map((line) => line.split('=')[0]));

    // Assess
    for (const [output, value] of Object.entries(jobs.synth!.outputs ?? {})) {
      expect(value).toBe(`\${{ steps.plan.outputs.${output} }}`);
      expect(names.has(output), output).toBe(true);
    }
    const read = [...workflowText.matchAll(/needs\.synth\.outputs\.(\w+)/g)].map((m) => m[1]!);
    for (const output of read) expect(Object.keys(jobs.synth!.outputs ?? {})).toContain(output);
    expect(runs(jobs.synth!)).toContain('node --import tsx infra/ops/deployment-matrix.ts --github');
  });
});

describe('the deployment lists (infra/ops/deployment-matrix.ts)', () => {
  it('covers every deployment of the config, each in its own stage only', () => {
    // Act
    const matrices = deliveryMatrices(deployments);

    // Assess
    expect(matrices.all.include.map((e) => e.deployment)).toEqual(deployments.map((d) => d.name));
    for (const deployment of deployments) {
      const other = deployment.stage === 'staging' ? 'production' : 'staging';
      expect(matrices[deployment.stage].include.map((e) => e.deployment)).toContain(deployment.name);
      expect(matrices[other].include.map((e) => e.deployment)).not.toContain(deployment.name);
    }
    expect(matrices.staging.include.length).toBeGreaterThan(0);
    expect(matrices.production.include.length).toBeGreaterThan(0);
  });

  it('picks up a deployment added to the config, in config order, with names GitHub secrets allow', () => {
    // Prepare
    const added = deploymentWith({ name: 'nusa-tenggara-b', stage: 'production', account: '333333333333' });

    // Act
    const matrices = deliveryMatrices([...deployments, added]);

    // Assess
    expect(matrices.production.include.at(-1)).toEqual({
      deployment: 'nusa-tenggara-b',
      stage: 'production',
      account: '333333333333',
      region: added.region,
      key: 'NUSA_TENGGARA_B',
      office: added.offices[0]!.id,
    });
  });

  it('prints the same lists from the command line', () => {
    // Act
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'infra/ops/deployment-matrix.ts'], {
      encoding: 'utf8',
    });

    // Assess
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(deliveryMatrices(deployments));
  });
});

describe('the deploy command (npm run deploy)', () => {
  const staging = deployments.find((d) => d.stage === 'staging')!;
  const production = deployments.find((d) => d.stage === 'production')!;
  const manifestOf = (name: string): AssemblyManifest => ({
    artifacts: {
      [`Abdi-${name}-App`]: { type: 'aws:cloudformation:stack', dependencies: [`Abdi-${name}-Data`] },
      [`Abdi-${name}-Data`]: { type: 'aws:cloudformation:stack', dependencies: [] },
      [`Abdi-${name}-x-Data`]: { type: 'aws:cloudformation:stack' },
      Tree: { type: 'cdk:tree' },
    },
  });

  /** An io that records commands instead of running them; each command exits with `code`. */
  function recorder(manifest: AssemblyManifest, code = 0) {
    const commands: string[] = [];
    const out: string[] = [];
    const err: string[] = [];
    const io: DeployIo = {
      run: async (command, args) => {
        commands.push([command, ...args].join(' '));
        return code;
      },
      readManifest: () => manifest,
      readOutputs: (file) =>
        file.endsWith('-App.json')
          ? { [file.replace(/^.*outputs-|\.json$/g, '')]: { WebUrl: 'https://x' } }
          : {},
      writeFile: () => undefined,
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    };
    return { io, commands, out, err };
  }
  const find = (name: string) => deployments.find((d) => d.name === name)!;

  it('refuses a production deployment without --approve, before building anything', async () => {
    // Prepare
    const { io, commands, err } = recorder(manifestOf(production.name));

    // Act
    const code = await runDeploy([production.name], find, io, {});

    // Assess
    expect(code).toBe(1);
    expect(commands).toEqual([]);
    expect(err.join('\n')).toContain('--approve');
  });

  it('builds the dashboard, synthesizes once, and deploys Data then App from that assembly', async () => {
    // Prepare
    const { io, commands, out } = recorder(manifestOf(staging.name));
    const assembly = `cdk.out/deploy-${staging.name}`;

    // Act
    const code = await runDeploy([staging.name], find, io, {});

    // Assess
    expect(code).toBe(0);
    expect(commands).toEqual([
      'npm run build:web',
      `npx cdk synth --quiet -c deployment=${staging.name} --output ${assembly}`,
      ...['Data', 'App'].map(
        (part) =>
          `npx cdk deploy --app ${assembly} --exclusively Abdi-${staging.name}-${part} --require-approval broadening --outputs-file ${assembly}/outputs-Abdi-${staging.name}-${part}.json`,
      ),
    ]);
    expect(out.at(-1)).toContain(`Abdi-${staging.name}-App.WebUrl  https://x`);
  });

  it('deploys an approved production deployment from a given assembly without building, unattended', async () => {
    // Prepare
    const { io, commands } = recorder(manifestOf(production.name));

    // Act
    const code = await runDeploy([production.name, '--app', 'cdk.out', '--approve'], find, io, {});

    // Assess
    expect(code).toBe(0);
    expect(commands).toEqual([
      `npx cdk deploy --app cdk.out --exclusively Abdi-${production.name}-Data --require-approval never --outputs-file cdk.out/outputs-Abdi-${production.name}-Data.json`,
      `npx cdk deploy --app cdk.out --exclusively Abdi-${production.name}-App --require-approval never --outputs-file cdk.out/outputs-Abdi-${production.name}-App.json`,
    ]);
  });

  it('stops at the first stack that fails, and diffs without --approve', async () => {
    // Prepare
    const failing = recorder(manifestOf(staging.name), 1);
    const diffing = recorder(manifestOf(production.name));

    // Act
    const failed = await runDeploy([staging.name, '--app', 'cdk.out'], find, failing.io, { CI: 'true' });
    const diffed = await runDeploy([production.name, '--app', 'cdk.out', '--diff'], find, diffing.io, {});

    // Assess
    expect(failed).toBe(1);
    expect(failing.commands).toHaveLength(1);
    expect(failing.err.join('\n')).toContain('the stacks after it were not touched');
    expect(diffed).toBe(0);
    expect(diffing.commands).toEqual([
      `npx cdk diff --app cdk.out --no-color Abdi-${production.name}-Data Abdi-${production.name}-App`,
    ]);
  });

  it('documents itself with --help', () => {
    // Act
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'infra/ops/deploy.ts', '--help'], {
      encoding: 'utf8',
    });

    // Assess
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('npm run deploy -- <name> [--approve]');
    expect(result.stdout).toContain('npm run build:web');
  });

  it('orders an edge stack in us-east-1 between Data and App, by their dependencies', () => {
    // Prepare
    const manifest: AssemblyManifest = {
      artifacts: {
        'Abdi-z-App': { type: 'aws:cloudformation:stack', dependencies: ['Abdi-z-Data', 'Abdi-z-Edge'] },
        'Abdi-z-Edge': { type: 'aws:cloudformation:stack', environment: 'aws://1/us-east-1' },
        'Abdi-z-Data': { type: 'aws:cloudformation:stack', dependencies: ['Abdi-z-Data.assets'] },
        'Abdi-z-Data.assets': { type: 'cdk:asset-manifest' },
      },
    };

    // Act / Assess
    expect(deploymentStacks(manifest, 'z').map((s) => s.id)).toEqual([
      'Abdi-z-Data',
      'Abdi-z-Edge',
      'Abdi-z-App',
    ]);
    expect(() => deploymentStacks(manifest, 'y')).toThrow(/no stack of deployment "y"/);
  });

  it('finds the stacks of each deployment in a synthesized assembly, whatever stacks it has', () => {
    for (const deployment of deployments) {
      // Prepare
      const synthesized = synthesize(deployment);
      const assembly = synthesized.appScope.synth();

      // Act
      const stacks = deploymentStacks(readAssemblyManifest(assembly.directory), deployment.name);

      // Assess
      const expected = assembly.stacks
        .map((s) => s.stackName)
        .filter((n) => n.startsWith(`Abdi-${deployment.name}-`));
      expect(stacks.map((s) => s.id).sort()).toEqual([...expected].sort());
      expect(stacks[0]?.id).toBe(`Abdi-${deployment.name}-Data`);
      expect(stacks.at(-1)?.id).toBe(`Abdi-${deployment.name}-App`);
    }
  });
});

describe('the smoke test notes', () => {
  it("replaces the last run's line and keeps what people wrote", () => {
    // Act
    const first = notesWithSmokeLine('Dipindah ke Masjid Bara.', 'run-1');
    const second = notesWithSmokeLine(first, 'run-2');

    // Assess
    expect(first).toBe(`Dipindah ke Masjid Bara.\n${SMOKE_NOTE_PREFIX}run-1`);
    expect(second).toBe(`Dipindah ke Masjid Bara.\n${SMOKE_NOTE_PREFIX}run-2`);
    expect(notesWithSmokeLine(undefined, 'run-3')).toBe(`${SMOKE_NOTE_PREFIX}run-3`);
  });
});

describe.each(deployments.map((d) => [d.name, d] as const))('the API release of %s', (_name, deployment) => {
  const { appTemplate: template } = synthesize(deployment);
  const [[aliasId, alias] = ['', {}]] = resourcesOf(template, 'AWS::Lambda::Alias');

  it(`integrates the HTTP API's catch-all route with the ${liveAliasName} alias of a published version`, () => {
    // Prepare
    const routes = resourcesOf(template, 'AWS::ApiGatewayV2::Route').map(([, props]) => props);
    const integrations = new Map(resourcesOf(template, 'AWS::ApiGatewayV2::Integration'));
    const proxy = routes.find((r) => r.RouteKey === 'ANY /v1/{proxy+}');
    const integrationId = /"Ref":"([^"]+)"/.exec(JSON.stringify(proxy?.Target))?.[1] ?? '';
    const [[versionId] = ['']] = resourcesOf(template, 'AWS::Lambda::Version');

    // Assess
    expect(resourcesOf(template, 'AWS::Lambda::Alias')).toHaveLength(1);
    expect(alias.Name).toBe(liveAliasName);
    expect(JSON.stringify(alias.FunctionName)).toMatch(/ApiFunction/);
    expect(alias.FunctionVersion).toEqual({ 'Fn::GetAtt': [versionId, 'Version'] });
    expect(integrations.get(integrationId)?.IntegrationUri).toEqual({ Ref: aliasId });
    // API Gateway may invoke the alias (the permission names it, not the bare function).
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { Ref: aliasId },
      Principal: 'apigateway.amazonaws.com',
    });
  });

  it(`shifts traffic ${deployment.stage === 'production' ? 'as a 10 % canary for 5 minutes' : 'all at once'} and rolls back on the release alarms`, () => {
    // Prepare
    const [[, group] = ['', {}]] = resourcesOf(template, 'AWS::CodeDeploy::DeploymentGroup');
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm').filter(([id]) =>
      id.startsWith('ApiRelease'),
    );
    const aliasResource = (template.toJSON() as { Resources: Record<string, { UpdatePolicy?: unknown }> })
      .Resources[aliasId];

    // Assess
    expect(group.DeploymentConfigName).toBe(
      deployment.stage === 'production'
        ? 'CodeDeployDefault.LambdaCanary10Percent5Minutes'
        : 'CodeDeployDefault.LambdaAllAtOnce',
    );
    expect(group.AutoRollbackConfiguration).toEqual({
      Enabled: true,
      Events: expect.arrayContaining([
        'DEPLOYMENT_FAILURE',
        'DEPLOYMENT_STOP_ON_REQUEST',
        'DEPLOYMENT_STOP_ON_ALARM',
      ]),
    });
    expect(alarms.map(([id]) => id).sort()).toEqual([
      expect.stringMatching(/^ApiReleaseApiServerErrorRate/),
      expect.stringMatching(/^ApiReleaseFunctionErrors/),
    ]);
    expect(group.AlarmConfiguration).toEqual({
      Enabled: true,
      Alarms: expect.arrayContaining(alarms.map(([id]) => ({ Name: { Ref: id } }))),
    });
    expect(aliasResource?.UpdatePolicy).toEqual({
      CodeDeployLambdaAliasUpdate: {
        ApplicationName: { Ref: expect.stringMatching(/^ApiReleaseDeploymentApplication/) },
        DeploymentGroupName: { Ref: expect.stringMatching(/^ApiReleaseDeployment/) },
      },
    });
  });

  it("watches the API's 5xx rate, not a count, and the alias's errors", () => {
    // Prepare
    const alarms = new Map(resourcesOf(template, 'AWS::CloudWatch::Alarm'));
    const rate = [...alarms].find(([id]) => id.startsWith('ApiReleaseApiServerErrorRate'))?.[1];
    const errors = [...alarms].find(([id]) => id.startsWith('ApiReleaseFunctionErrors'))?.[1];

    // Assess
    const expression = (rate?.Metrics as { Expression?: string }[] | undefined)?.find((m) => m.Expression);
    expect(expression?.Expression).toBe('IF(requests >= 20, 100 * errors / requests, 0)');
    expect(rate?.Threshold).toBe(5);
    // The alias's own metric (`<function>:live`), not the bare function's.
    expect(JSON.stringify(errors?.Dimensions)).toContain(
      `{"Name":"Resource","Value":{"Fn::Join":["",[{"Ref":"ApiFunction`,
    );
    expect(JSON.stringify(errors?.Dimensions)).toContain(`":${liveAliasName}"]]}}`);
  });
});

describe('ApiRelease.addAlarm', () => {
  it('adds an alarm of another construct to the alarms that stop a release', () => {
    // Prepare
    const stack = new Stack(newApp(), 'Release');
    const fn = new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({})'),
    });
    const release = new ApiRelease(stack, 'ApiRelease', { function: fn, stage: 'production' });
    const paging = new cloudwatch.Alarm(stack, 'Paging', {
      metric: fn.metricErrors(),
      threshold: 3,
      evaluationPeriods: 1,
    });

    // Act
    release.addAlarm(paging);

    // Assess
    const [[, group] = ['', {}]] = resourcesOf(Template.fromStack(stack), 'AWS::CodeDeploy::DeploymentGroup');
    expect((group.AlarmConfiguration as { Alarms: unknown[] }).Alarms).toEqual(
      expect.arrayContaining([{ Name: { Ref: stack.getLogicalId(paging.node.defaultChild as CfnAlarm) } }]),
    );
    expect((group.AlarmConfiguration as { Alarms: unknown[] }).Alarms).toHaveLength(2);
  });
});
