import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { stopChild } from '../../infra/local/dynamodb-local';

/**
 * Starts `node --import tsx <script>` and resolves with the first line it prints (JSON) and a stop
 * function (SIGTERM, then SIGKILL after a grace period). Its stderr passes through.
 */
export async function startChild<T>(
  script: string,
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<{ child: ChildProcess; ready: T; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...options.env },
  });
  const stop = () => stopChild(child, 10_000);
  const lines = createInterface({ input: child.stdout! });
  try {
    const ready = await new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${script} did not report ready`)),
        options.timeoutMs ?? 120_000,
      );
      lines.once('line', (line) => {
        clearTimeout(timer);
        try {
          resolve(JSON.parse(line) as T);
        } catch (error) {
          reject(error as Error);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${script} exited with ${code}`));
      });
    });
    return { child, ready, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
