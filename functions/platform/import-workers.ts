import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { runImportJob, type ImportJobPorts } from '../actions/imports/run-import-job';
import { createDocumentClient, createDynamoClient } from '../store/dynamo-client';
import { importInputs } from '../api/import-inputs';
import { importReportWorkbook } from '../documents/import-report';
import { readImportFile } from '../documents/import-file';
import { ImportCaseStore } from '../store/import-case-store';
import { ImportUndoStore } from '../store/import-undo-store';
import { ImportStore } from '../store/import-store';
import type { RuntimeConfig } from './config';
import { createDependencies } from './dependencies';
import type { ImportJobRun } from './import-job-queue';

/**
 * The ports of an import's job (issue 22): everything the API's use cases have, since every row goes
 * through them and is held to the API's own input schemas, plus the import's case writes and the
 * spreadsheet reader and report writer. The worker (handlers/import-job.ts), local mode's in-process
 * jobs and the tests build them here, so all three run the job over the same wiring.
 */
export function createImportWorkers(
  config: RuntimeConfig,
  options: { now?: () => Date; dynamo?: DynamoDBClient } = {},
): ImportJobPorts {
  const dynamo =
    options.dynamo ?? createDynamoClient({ region: config.region, endpoint: config.dynamoEndpoint });
  const db = createDocumentClient(dynamo);
  return {
    ...createDependencies(config, options.now, dynamo),
    imports: new ImportStore(db, config.tableName),
    importCases: new ImportCaseStore(db, config.tableName),
    importUndo: new ImportUndoStore(db, config.tableName),
    importInputs,
    importSpreadsheets: { read: readImportFile, report: importReportWorkbook },
  };
}

/** One slice of an import's job over `ports`: what the worker runs per message, and local mode per slice. */
export const importJobRun =
  (ports: ImportJobPorts): ImportJobRun =>
  (address, budget) =>
    runImportJob(ports, address, budget);
