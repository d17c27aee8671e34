import { documentFunctionRoutes } from '../../functions/api/route-table';

/** A route template (`/v1/offices/{officeId}/documents`) as a pattern matching its paths. */
const patternOf = (template: string) =>
  new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+').replace(/\//g, '\\/')}$`);

const documentPatterns = documentFunctionRoutes.map((route) => ({
  method: route.method,
  pattern: patternOf(route.path),
}));

/**
 * Whether API Gateway sends this request to the documents function: the same route table rows the
 * cloud's HTTP API routes there (infra/constructs/document-issuing.ts documentRoutes).
 */
export const servedByDocuments = (method: string, path: string): boolean =>
  documentPatterns.some((route) => route.method === method && route.pattern.test(path));
