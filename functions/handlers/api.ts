import { createApiHandler } from '../api/app';
import { apiFunctionRoutes } from '../api/route-table';
import { readRuntimeConfig } from '../platform/config';
import { createDependencies } from '../platform/dependencies';
import { logger, metrics, tracing } from '../platform/observability';

/** Lambda entry for the HTTP API: configuration → dependencies → the middy app. Runs once per cold start. */
export const handler = createApiHandler(
  createDependencies(readRuntimeConfig()),
  { logger, metrics, tracing: tracing?.middleware },
  apiFunctionRoutes,
);
