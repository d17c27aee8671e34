/**
 * Builds the CDK app the way infra/app.ts does, but with stub Lambda code (no bundling) and a throw-away
 * dashboard build, so that every infra test file shares one fast synth per deployment.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployments } from '../../infra/config/deployments';
import type { DeploymentConfig } from '../../infra/config/schema';
import { addDeployment, type DeploymentStacks } from '../../infra/stacks/deployment';

/** The feature flags of cdk.json: tests must synthesize with the same behaviour as `cdk synth`. */
const cdkContext = (
  JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

/** A CDK app with cdk.json's context and a throw-away output directory. */
export function newApp(): App {
  return new App({ context: cdkContext, outdir: mkdtempSync(join(tmpdir(), 'abdi-cdk-out-')) });
}

/** A directory that looks like `web/dist` after `npm run build:web`. */
export function fakeSiteDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'abdi-site-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Abdi</title>');
  return dir;
}

export interface Synthesized extends DeploymentStacks {
  readonly appScope: App;
  readonly dataTemplate: Template;
  readonly appTemplate: Template;
}

const cache = new Map<string, Synthesized>();

/** One app per deployment, synthesized once per test file (module state is per file in vitest). */
export function synthesize(deployment: DeploymentConfig): Synthesized {
  const cached = cache.get(deployment.name);
  if (cached) return cached;
  const appScope = newApp();
  const stacks = addDeployment(appScope, deployment, { skipBundling: true, siteDir: fakeSiteDir() });
  const result: Synthesized = {
    ...stacks,
    appScope,
    dataTemplate: Template.fromStack(stacks.data),
    appTemplate: Template.fromStack(stacks.app),
  };
  cache.set(deployment.name, result);
  return result;
}

export { deployments };

/** A deployment with every optional feature on, to test the branches the examples do not take. */
export function deploymentWith(overrides: Partial<DeploymentConfig>): DeploymentConfig {
  const base = deployments[0];
  if (!base) throw new Error('no deployments configured');
  return { ...base, ...overrides };
}

/** The evidence bucket's Object Lock as a deployment asks for it: governance mode, its number of days. */
export function objectLockOf(deployment: DeploymentConfig) {
  return {
    ObjectLockEnabled: true,
    ObjectLockConfiguration: {
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: deployment.retention.evidenceObjectLockDays } },
    },
  };
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/** All resources of a type as `[logicalId, properties]`. */
export function resourcesOf(template: Template, type: string): [string, Record<string, unknown>][] {
  const resources = template.findResources(type) as Resources;
  return Object.entries(resources).map(([id, resource]) => [id, resource.Properties ?? {}]);
}

/**
 * The dashboard's `config.json` as the App stack's BucketDeployment uploads it, read from the staged asset
 * in the cloud assembly. Tokens appear as `<<marker:…>>` placeholders, filled in at deploy time.
 */
export function runtimeConfigOf(synthesized: Synthesized): Record<string, unknown> {
  const [[, deployment] = ['', {}]] = resourcesOf(synthesized.appTemplate, 'Custom::CDKBucketDeployment');
  for (const key of deployment.SourceObjectKeys as string[]) {
    const file = join(synthesized.appScope.outdir, `asset.${key.replace(/\.zip$/, '')}`, 'config.json');
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  }
  throw new Error('config.json is not among the staged BucketDeployment sources');
}
