import { runImportJob } from '../../functions/actions/imports/run-import-job';
import { provideLocalImportJobs } from '../../functions/platform/import-job-queue';
import { createImportWorkers } from '../../functions/platform/import-workers';
import type { Harness } from './environment';

/**
 * Runs an import's job to its end over the harness's own tables and s3rver, as the queue would: for
 * the route walk, which runs each job itself after its request. The API's own starts are only noted.
 */
export function importJobRunner(h: Pick<Harness, 'config' | 'dynamo'>, now?: () => Date) {
  provideLocalImportJobs({ start: () => Promise.resolve() });
  return async (address: { officeId: string; importId: string }) => {
    const ports = createImportWorkers(h.config, { ...(now ? { now } : {}), dynamo: h.dynamo });
    for (let more = true; more;) ({ more } = await runImportJob(ports, address, { shouldStop: () => false }));
  };
}
