import { Stack } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployments } from '../../infra/config/deployments';
import { AbdiFunction, esmRequireBanner } from '../../infra/constructs/abdi-function';
import { WebHosting } from '../../infra/constructs/web-hosting';
import { addDeployment, stackNames } from '../../infra/stacks/deployment';
import { fakeSiteDir, newApp } from './support';

describe('synthesis', () => {
  it('synthesizes every configured deployment into a Data and an App stack, tagged', () => {
    // Prepare
    const app = newApp();
    const siteDir = fakeSiteDir();

    // Act
    for (const deployment of deployments) addDeployment(app, deployment, { skipBundling: true, siteDir });
    const assembly = app.synth();

    // Assess
    const expected = deployments.flatMap((d) => Object.values(stackNames(d)));
    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual(expected.sort());
    for (const deployment of deployments) {
      const stack = assembly.getStackByName(stackNames(deployment).app);
      expect(stack.tags).toMatchObject({ Project: 'Abdi', Deployment: deployment.name });
      expect(stack.environment.region).toBe(deployment.region);
    }
  });

  it('bundles a function as minified ESM with the require banner and a source map, using local esbuild', () => {
    // Prepare
    const app = newApp();
    const outdir = app.outdir;
    const stack = new Stack(app, 'Bundle', { env: { region: 'ap-southeast-3' } });

    // Act
    new AbdiFunction(stack, 'Echo', {
      entry: new URL('./fixtures/echo-handler.ts', import.meta.url).pathname,
      logRetention: RetentionDays.ONE_WEEK,
    });
    app.synth();

    // Assess
    const assetDir = readdirSync(outdir).find(
      (name) => name.startsWith('asset.') && readdirSync(join(outdir, name)).includes('index.mjs'),
    );
    expect(assetDir).toBeDefined();
    const files = readdirSync(join(outdir, assetDir ?? ''));
    const code = readFileSync(join(outdir, assetDir ?? '', 'index.mjs'), 'utf8');
    expect(files).toContain('index.mjs.map');
    expect(code.startsWith(esmRequireBanner)).toBe(true);
    expect(code).toMatch(/export\s*\{/);
  });

  it('refuses to synthesize without a dashboard build and says how to make one', () => {
    // Prepare
    const stack = new Stack(newApp(), 'NoSite');
    const web = new WebHosting(stack, 'Web', {
      accessLogBucket: new s3.Bucket(stack, 'Logs'),
      csp: { auth: 'https://auth.example', evidence: 'https://evidence.example' },
      logRetention: RetentionDays.ONE_WEEK,
    });

    // Act / Assess
    expect(() => web.deploySite({ siteDir: join(tmpdir(), 'abdi-no-such-dir'), runtimeConfig: {} })).toThrow(
      /Run `npm run build:web`/,
    );
  });
});
