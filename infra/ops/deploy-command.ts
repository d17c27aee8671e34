/**
 * `npm run deploy -- <name>`: one deployment from a laptop, the way the pipeline does it. The dashboard is
 * built and the app synthesized once (so a stale web/dist is never deployed), then the deployment's stacks
 * are deployed from that cloud assembly one at a time, each after the ones it depends on.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DeploymentConfig } from '../config/schema';
import {
  deploymentStacks,
  formatOutputs,
  readAssemblyManifest,
  type AssemblyManifest,
  type StackOutputs,
} from './delivery-plan';

export const DEPLOY_USAGE = `Deploys one deployment of infra/config/deployments.ts (AWS credentials from the environment).

  npm run deploy -- <name> [--approve] [--app <dir>] [--diff] [--outputs-file <file>]

  Without --app: builds the dashboard (npm run build:web), synthesizes the deployment once into
  cdk.out/deploy-<name> (cdk-nag runs; a finding stops here), then deploys its stacks in order: Data,
  any stack in us-east-1 (the edge), App. Prints the stacks' outputs (WebUrl, ApiUrl, AuthUrl, ...).

  --approve            required for a production deployment: you have seen the change pass on staging
                       (the pipeline passes it after the GitHub "production" approval)
  --app <dir>          deploy from an assembly synthesized before (the pipeline's cdk.out artifact);
                       nothing is built or synthesized
  --diff               print \`cdk diff\` of the deployment's stacks instead of deploying
  --outputs-file <f>   also write the outputs as JSON ({ "<stack>": { "<output>": "<value>" } })
  --help               this text

  The first deployment of an account and region needs \`npx cdk bootstrap aws://<account>/<region>\`
  (and aws://<account>/us-east-1 for the edge), see docs/runbook.md.`;

export interface DeployIo {
  /** Runs a command with the terminal attached; resolves with its exit code. */
  run(command: string, args: readonly string[]): Promise<number>;
  readManifest(assemblyDir: string): AssemblyManifest;
  /** The outputs file `cdk deploy --outputs-file` wrote, or {} when it wrote none. */
  readOutputs(file: string): StackOutputs;
  writeFile(file: string, text: string): void;
  out(line: string): void;
  err(line: string): void;
}

export const nodeIo = (run: DeployIo['run']): DeployIo => ({
  run,
  readManifest: readAssemblyManifest,
  readOutputs: (file) =>
    existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StackOutputs) : ({} as StackOutputs),
  writeFile: (file, text) => writeFileSync(file, text),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});

/**
 * Runs the command; resolves with the process exit code. `find` names a deployment (it throws on an
 * unknown name, listing the known ones).
 */
export async function runDeploy(
  argv: readonly string[],
  find: (name: string) => DeploymentConfig,
  io: DeployIo,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      approve: { type: 'boolean', default: false },
      app: { type: 'string' },
      diff: { type: 'boolean', default: false },
      'outputs-file': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    io.out(DEPLOY_USAGE);
    return 0;
  }
  const [name, ...extra] = positionals;
  if (!name || extra.length > 0) {
    io.err(`Name one deployment.\n\n${DEPLOY_USAGE}`);
    return 1;
  }
  const deployment = find(name);
  // Refused before anything is built: production takes only what staging has shown to work.
  if (deployment.stage === 'production' && !values.approve && !values.diff) {
    io.err(
      `"${name}" is a production deployment: deploy it only after the same commit passed the smoke test on staging, with --approve.`,
    );
    return 1;
  }

  let assembly = values.app;
  if (!assembly) {
    assembly = join('cdk.out', `deploy-${name}`);
    if ((await io.run('npm', ['run', 'build:web'])) !== 0) return fail(io, 'The dashboard did not build.');
    const synth = ['cdk', 'synth', '--quiet', '-c', `deployment=${name}`, '--output', assembly];
    if ((await io.run('npx', synth)) !== 0) return fail(io, 'Synthesis failed (see cdk-nag above).');
  }

  const stacks = deploymentStacks(io.readManifest(assembly), name);
  const where = `${deployment.stage}, account ${deployment.account}, ${deployment.region}`;
  io.out(
    `${values.diff ? 'Diff of' : 'Deploying'} ${name} (${where}): ${stacks.map((s) => s.id).join(' → ')}`,
  );
  if (values.diff) {
    const code = await io.run('npx', [
      'cdk',
      'diff',
      '--app',
      assembly,
      '--no-color',
      ...stacks.map((s) => s.id),
    ]);
    return code === 0 ? 0 : fail(io, '`cdk diff` failed.');
  }

  // A person at a terminal confirms IAM and security-group widening; an approved or unattended run cannot.
  const requireApproval = values.approve || env.CI === 'true' ? 'never' : 'broadening';
  let outputs: Record<string, Readonly<Record<string, string>>> = {};
  for (const stack of stacks) {
    const outputsFile = join(assembly, `outputs-${stack.id}.json`);
    const args = ['cdk', 'deploy', '--app', assembly, '--exclusively', stack.id];
    args.push('--require-approval', requireApproval, '--outputs-file', outputsFile);
    io.out(`\n== ${stack.id} (${stack.environment})`);
    if ((await io.run('npx', args)) !== 0) {
      return fail(io, `${stack.id} did not deploy; the stacks after it were not touched.`);
    }
    outputs = { ...outputs, ...io.readOutputs(outputsFile) };
  }
  if (values['outputs-file']) io.writeFile(values['outputs-file'], `${JSON.stringify(outputs, null, 2)}\n`);
  io.out(`\nDeployed ${name}. Outputs:\n${formatOutputs(stacks, outputs)}`);
  return 0;
}

function fail(io: DeployIo, message: string): number {
  io.err(message);
  return 1;
}
