/**
 * Writes the API's OpenAPI document as it is right now, and the TypeScript types that
 * openapi-typescript generates from it, into `test/contract/generated/` (git-ignored):
 *
 *   node --import tsx test/contract/generate-client.ts     (or: npm run contract:client)
 *
 * `npm run typecheck` runs it first, so `test/integration/generated-client.test.ts` is always
 * type-checked against the contract the route table publishes today, not a copy that can go stale.
 * A route whose schema changes in a way a client would notice therefore breaks the typecheck.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { openApiDocument } from '../../functions/api/route-table';

const generatedDir = resolve(dirname(fileURLToPath(import.meta.url)), 'generated');
const documentPath = resolve(generatedDir, 'openapi.json');
const typesPath = resolve(generatedDir, 'abdi-api.d.ts');

mkdirSync(generatedDir, { recursive: true });
// The same function that serves GET /v1/openapi.json: no server, and no snapshot to drift.
writeFileSync(documentPath, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
// From the file, not the object: openapi-typescript then reports problems against the same file
// that `redocly lint` and a reader look at.
const ast = await openapiTS(pathToFileURL(documentPath), {
  // `required` alone decides optionality. zod already lists a defaulted field as required in an
  // output schema; the generator's default would also make it required in a shared component that
  // a request body may reference, forcing clients to send what the server fills in.
  defaultNonNullable: false,
});
writeFileSync(typesPath, COMMENT_HEADER + astToString(ast));
console.log(`contract: wrote ${documentPath} and ${typesPath}`);
