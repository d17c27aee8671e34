/**
 * What the pipeline (.github/workflows/deliver.yml) and `npm run deploy` deploy, computed from
 * infra/config/deployments.ts and the synthesized cloud assembly, so that a new deployment or a new
 * stack is covered without editing YAML.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeploymentConfig } from '../config/schema';

/** One leg of a GitHub Actions matrix: one deployment. */
export interface MatrixEntry {
  readonly deployment: string;
  readonly stage: DeploymentConfig['stage'];
  readonly account: string;
  readonly region: string;
  /**
   * The deployment's name as GitHub secret and variable names allow it (`JAWA_TIMUR`): the pipeline reads
   * `SMOKE_CLIENT_ID_<key>` and `SMOKE_CLIENT_SECRET_<key>` with it.
   */
  readonly key: string;
  /** The office the smoke test writes in unless `SMOKE_OFFICE_ID_<key>` names another: the first listed. */
  readonly office: string;
}

export interface Matrix {
  readonly include: readonly MatrixEntry[];
}

/** The pipeline's matrices: every deployment (pull-request diffs), and each stage's in config order. */
export interface DeliveryMatrices {
  readonly all: Matrix;
  readonly staging: Matrix;
  /** One wave per deployment, in the order infra/config/deployments.ts lists them. */
  readonly production: Matrix;
}

export const secretKeyOf = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]/g, '_');

export function deliveryMatrices(deployments: readonly DeploymentConfig[]): DeliveryMatrices {
  const entries = deployments.map((deployment): MatrixEntry => ({
    deployment: deployment.name,
    stage: deployment.stage,
    account: deployment.account,
    region: deployment.region,
    key: secretKeyOf(deployment.name),
    office: deployment.offices[0]?.id ?? '',
  }));
  return {
    all: { include: entries },
    staging: { include: entries.filter((entry) => entry.stage === 'staging') },
    production: { include: entries.filter((entry) => entry.stage === 'production') },
  };
}

/**
 * `name=value` lines for `$GITHUB_OUTPUT`: each matrix as compact JSON and its size (a job whose matrix
 * would be empty is skipped on the size, since GitHub fails an empty matrix).
 */
export function githubOutputs(matrices: DeliveryMatrices): string {
  return Object.entries(matrices)
    .flatMap(([name, matrix]: [string, Matrix]) => [
      `${name}=${JSON.stringify(matrix)}`,
      `${name}Count=${matrix.include.length}`,
    ])
    .join('\n');
}

/** The part of a cloud assembly's manifest.json read here. */
export interface AssemblyManifest {
  readonly artifacts?: Readonly<
    Record<
      string,
      {
        readonly type: string;
        readonly environment?: string;
        readonly dependencies?: readonly string[];
        readonly properties?: { readonly tags?: Readonly<Record<string, string>> };
      }
    >
  >;
}

export function readAssemblyManifest(assemblyDir: string): AssemblyManifest {
  return JSON.parse(readFileSync(join(assemblyDir, 'manifest.json'), 'utf8')) as AssemblyManifest;
}

export interface PlannedStack {
  readonly id: string;
  /** `aws://<account>/<region>`: an edge stack is in us-east-1, the others in the deployment's region. */
  readonly environment: string;
}

/**
 * The stacks of one deployment in the order they must be deployed: each after the stacks it depends on,
 * and among stacks free to go, Data first and App last (an edge stack, in us-east-1, sits between). A stack
 * belongs to the deployment when it is tagged `Deployment=<name>` or named `Abdi-<name>-<Part>`, so a stack
 * added to infra/stacks/deployment.ts later is deployed without a change here.
 * @throws Error when the assembly has no stack of that deployment (synthesized for another one?)
 */
export function deploymentStacks(manifest: AssemblyManifest, deployment: string): PlannedStack[] {
  const artifacts = manifest.artifacts ?? {};
  const named = new RegExp(`^Abdi-${deployment.replace(/[-]/g, '\\-')}-[A-Z][A-Za-z0-9]*$`);
  const mine = Object.entries(artifacts)
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .filter(([id, artifact]) => named.test(id) || artifact.properties?.tags?.Deployment === deployment)
    .map(([id]) => id);
  if (mine.length === 0) {
    const known = Object.entries(artifacts)
      .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
      .map(([id]) => id);
    throw new Error(
      `The cloud assembly has no stack of deployment "${deployment}" (it has: ${known.join(', ') || 'none'}).`,
    );
  }
  const rank = (id: string) => (/-Data$/.test(id) ? 0 : /-App$/.test(id) ? 2 : 1);
  const pending = new Set(mine);
  const ordered: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending]
      .filter((id) => !(artifacts[id]?.dependencies ?? []).some((dep) => pending.has(dep)))
      .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    const next = ready[0];
    if (!next) throw new Error(`The stacks ${[...pending].join(', ')} depend on each other in a cycle.`);
    ordered.push(next);
    pending.delete(next);
  }
  return ordered.map((id) => ({ id, environment: artifacts[id]?.environment ?? 'unknown' }));
}

/** `cdk deploy` writes `{ "<stack>": { "<output>": "<value>" } }` to its outputs file. */
export type StackOutputs = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** Outputs as `Stack.Output  value` lines, in the order the stacks were deployed. */
export function formatOutputs(stacks: readonly PlannedStack[], outputs: StackOutputs): string {
  return stacks
    .flatMap(({ id }) => Object.entries(outputs[id] ?? {}).map(([key, value]) => `  ${id}.${key}  ${value}`))
    .join('\n');
}

/** The dashboard's URL among a deployment's outputs (the App stack's `WebUrl`). */
export function webUrlOf(outputs: StackOutputs): string {
  const found = Object.values(outputs)
    .map((stack) => stack.WebUrl)
    .find((url) => url !== undefined);
  if (!found) throw new Error('The outputs name no WebUrl (was the App stack deployed?)');
  return found;
}
