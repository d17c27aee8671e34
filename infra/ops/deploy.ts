/** `npm run deploy -- <name>`: see deploy-command.ts, or `npm run deploy -- --help`. */
import '../local/quiet-sdk-warning';
import { spawn } from 'node:child_process';
import { selectDeployments } from '../config/deployments';
import { nodeIo, runDeploy } from './deploy-command';

const run = (command: string, args: readonly string[]) =>
  new Promise<number>((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

runDeploy(process.argv.slice(2), (name) => selectDeployments(name)[0]!, nodeIo(run)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
