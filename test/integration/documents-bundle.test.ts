import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApiEvent } from '../../infra/local/api-gateway-event';
import { apiEntry } from '../../infra/config/paths';
import { documentsEntry, documentsFunctionFiles } from '../../infra/constructs/document-issuing';
import { apiCaller } from '../support/api';
import { bundleLikeCdk, invokeBundleOnce } from '../support/bundle';
import { registeredCase } from '../support/cases';
import { palopoDocumentSettings } from '../support/documents';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';

/**
 * The documents function as Lambda gets it (ADR 0015): functions/handlers/documents.ts, bundled by
 * esbuild with the settings AbdiFunction gives it (one minified ESM file, the `require` and `__dirname`
 * banners), the fonts and resvg's WebAssembly copied beside it as its build copies them, alone in an
 * empty folder (no node_modules to fall back on), run by plain Node against the suite's DynamoDB Local
 * and s3rver. pdfmake finds its fonts through `__dirname`-relative code that a plain ESM bundle breaks;
 * only running the bundle shows it works. The API's bundle must carry none of it.
 */
// The suite's writes happen inside the demo case window; the bundle itself runs on the real clock.
const env = testEnvironment({ now: () => new Date('2026-06-29T08:00:00Z') });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
let folder: string;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  folder = mkdtempSync(join(tmpdir(), 'abdi-documents-bundle-'));
  await bundleLikeCdk(documentsEntry, join(folder, 'index.mjs'), {
    dirname: true,
    files: documentsFunctionFiles(),
  });
}, 120_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Sends one API request to the bundled handler in a fresh Node process, as a cold start would. */
const invokeBundle = async (event: unknown) =>
  (await invokeBundleOnce(folder, event, env.config, { PUBLIC_URL: 'https://abdi.test' })) as {
    statusCode: number;
    headers: Record<string, string>;
    body: string;
    isBase64Encoded?: boolean;
  };

const request = (method: string, url: string, body?: unknown) =>
  buildHttpApiEvent(
    {
      method,
      url,
      headers: {
        ...(body ? { 'content-type': 'application/json' } : {}),
        'idempotency-key': `bundle-${uniqueSuffix()}`,
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    },
    world.claims.officer,
  );

describe('the bundled documents function (what Lambda runs)', () => {
  it('issues a document from the bundle alone: fonts embedded, the stored file as recorded', async () => {
    // Prepare
    const office = `/v1/offices/${world.home}`;
    await call('PUT', `${office}/document-settings`, {
      claims: world.claims.admin,
      body: palopoDocumentSettings(),
    });
    const { caseId } = await registeredCase(call, world);

    // Act
    const issued = await invokeBundle(
      request('POST', `${office}/documents`, { kind: 'progress_report', caseId }),
    );

    // Assess
    expect(issued.statusCode, issued.body).toBe(201);
    const document = JSON.parse(issued.body);
    expect(document.status).toBe('issued');
    const read = await call('GET', `${office}/documents/${document.id}`, { claims: world.claims.officer });
    const bytes = new Uint8Array(await (await fetch(read.body.downloadUrl)).arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(document.fileSha256);
    // The bundled fonts were embedded (a missing font would have failed the render).
    expect(Buffer.from(bytes).includes(Buffer.from('Roboto'))).toBe(true);
  });

  it('renders the Kanwil roll-up as a workbook, its charts rasterised by the bundled WebAssembly', async () => {
    // Act
    const event = buildHttpApiEvent(
      { method: 'GET', url: `/v1/regions/${world.regionId}/report?format=xlsx` },
      world.claims.regional,
    );
    const answered = await invokeBundle(event);

    // Assess
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.isBase64Encoded).toBe(true);
    const workbook = Buffer.from(answered.body, 'base64');
    expect(workbook.subarray(0, 2).toString()).toBe('PK');
    expect(workbook.includes(Buffer.from('xl/media/image1.png'))).toBe(true);
  });

  it("leaves pdfmake, exceljs and resvg out of the API's bundle", async () => {
    // Act
    const metafile = await bundleLikeCdk(apiEntry, join(folder, 'api', 'index.mjs'));

    // Assess
    const [output] = Object.values(metafile.outputs).filter((o) => o.entryPoint);
    const carried = Object.entries(output!.inputs)
      .filter(([path, input]) => /pdfmake|pdfkit|exceljs|resvg|fontkit/.test(path) && input.bytesInOutput > 0)
      .map(([path]) => path);
    expect(carried).toEqual([]);
  });
});
