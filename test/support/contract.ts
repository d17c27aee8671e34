import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { openApiDocument, routeTable } from '../../functions/api/route-table';

/**
 * Every response a test receives from the API handler, checked against the published contract
 * (`GET /v1/openapi.json`) with ajv: the status must be one the operation documents, the content type
 * the one it names, and the body must match its schema. Drift between what the API answers and what
 * integrators were promised fails the test that saw it, wherever that test is.
 */
const document = openApiDocument();
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...document, $id: 'abdi-contract' });

const operations = routeTable.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  params: (route.path.match(/\{/g) ?? []).length,
}));

/** The operation `method url` calls, the one with fewest path parameters when several match. */
function operationOf(method: string, url: string) {
  const path = new URL(url, 'http://abdi.invalid').pathname;
  return operations
    .filter((op) => op.route.method === method && op.pattern.test(path))
    .sort((a, b) => a.params - b.params)[0]?.route;
}

const pointer = (...segments: string[]) =>
  segments.map((s) => s.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

function validator(ref: string) {
  const validate = ajv.getSchema(`abdi-contract#/${ref}`);
  if (!validate) throw new Error(`contract: no schema at ${ref}`);
  return validate;
}

/** Throws, naming what differs, when the response breaks the contract of the operation it answers. */
export function assertMatchesContract(
  method: string,
  url: string,
  response: { status: number; headers: Readonly<Record<string, string>>; body: unknown },
): void {
  const route = operationOf(method, url);
  const where = `${method} ${url} → ${response.status}`;
  const contentType = (response.headers['content-type'] ?? '').split(';')[0] ?? '';
  if (!route) {
    // No operation: the router's own 404 (or 405), always a problem.
    if (response.status < 400) throw new Error(`contract: ${where} answers a route the contract lacks`);
    return checkBody(
      where,
      'components/schemas/Problem',
      response.body,
      contentType,
      'application/problem+json',
    );
  }
  const responses = (document.paths[route.path] as Record<string, { responses: Record<string, unknown> }>)[
    route.method.toLowerCase()
  ]!.responses as Record<string, { content?: Record<string, unknown> }>;
  const documented = responses[String(response.status)];
  if (!documented) {
    throw new Error(
      `contract: ${where}: ${route.operationId} does not document ${response.status} ` +
        `(documents ${Object.keys(responses).join(', ')}); body ${JSON.stringify(response.body)}`,
    );
  }
  if (!documented.content) {
    if (response.body !== undefined)
      throw new Error(`contract: ${where} has a body the contract does not describe`);
    return;
  }
  // A report answers in one of the types it documents (PDF or XLSX): check against the one it sent.
  const types = Object.keys(documented.content);
  const mediaType = types.includes(contentType) ? contentType : types[0];
  checkBody(
    where,
    pointer(
      'paths',
      route.path,
      route.method.toLowerCase(),
      'responses',
      String(response.status),
      'content',
      mediaType!,
      'schema',
    ),
    response.body,
    contentType,
    mediaType!,
  );
}

function checkBody(where: string, ref: string, body: unknown, contentType: string, expectedType: string) {
  if (contentType !== expectedType) {
    throw new Error(`contract: ${where} is ${contentType || 'without a content type'}, not ${expectedType}`);
  }
  // A file (application/pdf): the contract promises its type, and bytes.
  if (!expectedType.endsWith('json')) {
    if (!Buffer.isBuffer(body) || body.length === 0) throw new Error(`contract: ${where} is not a file`);
    return;
  }
  const validate = validator(ref);
  if (!validate(body)) {
    const errors = (validate.errors ?? []).map(
      (e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
    );
    throw new Error(
      `contract: ${where} breaks its schema:\n  ${errors.join('\n  ')}\nbody: ${JSON.stringify(body).slice(0, 2000)}`,
    );
  }
}
