import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode } from '../../functions/evidence/codecs';
import { apiEntry } from '../../infra/config/paths';
import { expiryEntry, verifierEntry } from '../../infra/constructs/evidence-verification';
import { apiCaller } from '../support/api';
import { bundleLikeCdk, invokeBundleOnce } from '../support/bundle';
import { registeredCase } from '../support/cases';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { photoJpeg, sha256Hex } from '../support/evidence-files';
import { seedDirectory } from '../support/fixtures';

/**
 * The verifier as Lambda gets it: functions/handlers/evidence-verifier.ts bundled by esbuild with the
 * settings the CDK's NodejsFunction uses for it (one minified ESM file, the AWS SDK inside, the
 * `createRequire` banner), copied alone into an empty folder (no node_modules to fall back on), and run
 * by plain Node in a child process against the suite's DynamoDB Local and s3rver. A thumbnail made
 * there proves the wasm codecs travel inside the bundle. The API's bundle, which needs none of them,
 * must not carry them.
 */
const env = testEnvironment();
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
let folder: string;
let bundle: string;

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  folder = mkdtempSync(join(tmpdir(), 'abdi-verifier-bundle-'));
  bundle = join(folder, 'index.mjs');
  await bundleLikeCdk(verifierEntry, bundle);
}, 120_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Runs the bundled verifier once in a fresh Node process, as a cold start would. */
const invokeBundle = (event: unknown) => invokeBundleOnce(folder, event, env.config);

describe('the bundled verifier (what Lambda runs)', () => {
  it('is one file, with the wasm codecs inlined', () => {
    const size = statSync(bundle).size;
    // ~0.7 MB of handler and AWS SDK, ~1 MB of base64 wasm (MozJPEG, libwebp, png).
    expect(size).toBeGreaterThan(1_000_000);
    expect(size).toBeLessThan(4_000_000);
  });

  it.each([
    ['API', apiEntry],
    ['expiry sweep', expiryEntry],
  ])("leaves the codecs out of the %s's bundle, which makes no thumbnails", async (name, entry) => {
    const metafile = await bundleLikeCdk(entry, join(folder, name.replace(/\W/g, '-'), 'index.mjs'));
    const [output] = Object.values(metafile.outputs).filter((o) => o.entryPoint);
    const carried = Object.entries(output!.inputs)
      .filter(
        ([path, input]) =>
          /jsquash|functions\/evidence\/(codecs|thumbnails)/.test(path) && input.bytesInOutput > 0,
      )
      .map(([path]) => path);
    expect(carried).toEqual([]);
  });

  it('verifies a photo and stores its thumbnail, from the bundle alone', async () => {
    // Prepare
    const { caseId, base } = await registeredCase(call, world, { status: 'assessed' });
    const url = `${base}/cases/${caseId}/evidence`;
    const photo = await photoJpeg(2000, 1500, { padding: uniqueSuffix() });
    const requested = await call('POST', url, {
      claims: world.claims.officer,
      body: {
        fileName: 'IMG_0001.jpg',
        contentType: 'image/jpeg',
        sizeBytes: photo.length,
        sha256: sha256Hex(photo),
        kind: 'photo',
      },
    });
    expect(requested.status).toBe(201);
    const put = await fetch(requested.body.upload.url, {
      method: 'PUT',
      headers: requested.body.upload.headers,
      body: new Uint8Array(photo),
    });
    expect(put.status).toBe(200);
    const [, bucket, ...key] = new URL(requested.body.upload.url).pathname.split('/');
    // Act
    const outcomes = await invokeBundle({
      Records: [
        { eventName: 'ObjectCreated:Put', s3: { bucket: { name: bucket }, object: { key: key.join('/') } } },
      ],
    });
    // Assess
    expect(outcomes).toEqual([expect.objectContaining({ status: 'verified', thumbnail: 'created' })]);
    const evidence = await call('GET', `${url}/${requested.body.id}`, { claims: world.claims.officer });
    const thumbnail = await fetch(evidence.body.thumbnailUrl);
    const pixels = await decode(new Uint8Array(await thumbnail.arrayBuffer()), 'image/jpeg');
    expect({ width: pixels.width, height: pixels.height }).toEqual({ width: 320, height: 240 });
  });
});
