/** Repository paths the infrastructure reads, independent of the directory `cdk` or vitest runs in. */
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const apiEntry = fileURLToPath(new URL('../../functions/handlers/api.ts', import.meta.url));
export const webDist = fileURLToPath(new URL('../../web/dist/', import.meta.url));
export const lockFile = fileURLToPath(new URL('../../package-lock.json', import.meta.url));
