import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * One logger and one metrics instance per function. Structured JSON; never pass personal data (NIK,
 * names, phone, addresses) as log attributes: log ids (office, case, session) only.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'abdi' });
export const metrics = new Metrics({
  namespace: 'Abdi',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'abdi',
});
