/**
 * Image codecs for thumbnails, as WebAssembly: MozJPEG (decode and encode), libwebp (decode) and the
 * Rust `png` crate (decode), from jSquash (`@jsquash/*`, the Squoosh codecs repackaged). Nothing native:
 * the same bytes run on a developer's x64 and on Lambda's arm64, and bundling needs no Docker.
 *
 * **How the wasm gets into the Lambda bundle.** The packages find their `.wasm` files next to their own
 * JavaScript (`new URL('x.wasm', import.meta.url)`), which a single-file bundle cannot follow. So each
 * binary is imported here with the `bytes` import attribute: esbuild, which the CDK's NodejsFunction
 * bundles with, inlines it (base64) into the one bundle file, and nothing has to be copied beside it.
 * Node itself cannot import bytes yet (tsx in local mode, vitest), so there that import fails and the
 * same file is read from node_modules instead. test/integration/evidence-bundle.test.ts bundles the
 * verifier as the CDK does and makes a thumbnail with that file alone, so a break in the inlining shows.
 *
 * Each binary is compiled once per container, on first use, and only the ones a photo needs (the JPEG
 * decoder and encoder for the usual phone photo).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import decodeJpegWasm, { init as initJpegDecoder } from '@jsquash/jpeg/decode.js';
import encodeJpegWasm, { init as initJpegEncoder } from '@jsquash/jpeg/encode.js';
import decodePngWasm, { init as initPngDecoder } from '@jsquash/png/decode.js';
import decodeWebpWasm, { init as initWebpDecoder } from '@jsquash/webp/decode.js';
import type { Pixels } from './image-pixels';
import type { DecodableType } from './media-types';

type Bytes = Promise<{ default: Uint8Array }>;
type Binary = 'jpegDecoder' | 'jpegEncoder' | 'pngDecoder' | 'webpDecoder';

/** The wasm binaries, each with its bundler import and its path for the node_modules fallback. */
const BINARIES: Readonly<Record<Binary, { path: string; inline: () => Bytes }>> = {
  jpegDecoder: {
    path: '@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm',
    inline: () => import('@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm', { with: { type: 'bytes' } }),
  },
  jpegEncoder: {
    path: '@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm',
    inline: () => import('@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm', { with: { type: 'bytes' } }),
  },
  pngDecoder: {
    path: '@jsquash/png/codec/pkg/squoosh_png_bg.wasm',
    // The package types this file as wasm-bindgen's exports; imported as bytes, it is the bytes.
    inline: () =>
      import('@jsquash/png/codec/pkg/squoosh_png_bg.wasm', { with: { type: 'bytes' } }) as unknown as Bytes,
  },
  webpDecoder: {
    path: '@jsquash/webp/codec/dec/webp_dec.wasm',
    inline: () => import('@jsquash/webp/codec/dec/webp_dec.wasm', { with: { type: 'bytes' } }),
  },
};

const compiled = new Map<Binary, Promise<WebAssembly.Module>>();

/** The compiled module of one binary: inlined by the bundler, else read from node_modules. */
function wasmModule(name: Binary): Promise<WebAssembly.Module> {
  let module = compiled.get(name);
  if (!module) {
    module = (async () => {
      const source = BINARIES[name];
      let bytes: Uint8Array;
      try {
        bytes = (await source.inline()).default;
      } catch {
        bytes = await readFile(createRequire(import.meta.url).resolve(source.path));
      }
      return WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
    })();
    module.catch(() => compiled.delete(name));
    compiled.set(name, module);
  }
  return module;
}

/** Emscripten's glue would print decoder warnings and aborts to the console; the caller logs instead. */
const quiet = { print: () => undefined, printErr: () => undefined };

/** jSquash's emscripten `init` takes the compiled module first (its typings only show the options). */
type EmscriptenInit = (module: WebAssembly.Module, options: typeof quiet) => Promise<void>;

/** The bytes are not an image the codec can read (corrupt, truncated, or a variant it lacks). */
export class UndecodableImage extends Error {
  constructor(options?: ErrorOptions) {
    super('The codec could not read the image.', options);
    this.name = 'UndecodableImage';
  }
}

/**
 * An emscripten codec instance, created from its compiled module when first needed and created anew
 * after a failure: MozJPEG and libwebp exit or abort on some corrupt inputs, and an instance that did is
 * not trusted again (a new one costs a millisecond; the compiled module is kept).
 * A codec that cannot load rejects with its own error; one that fails on its input, with `failure`'s.
 */
function emscriptenCodec(name: Binary, init: EmscriptenInit, failure: (cause: unknown) => unknown) {
  let ready: Promise<void> | undefined;
  return async <T>(run: () => Promise<T>): Promise<T> => {
    ready ??= wasmModule(name).then((module) => init(module, quiet));
    const loading = ready;
    try {
      await loading;
    } catch (error) {
      ready = undefined;
      throw error;
    }
    try {
      return await run();
    } catch (error) {
      ready = undefined;
      throw failure(error);
    }
  };
}

const undecodable = (cause: unknown) => new UndecodableImage({ cause });

// Marked pure, so that a bundle which imports this module but never decodes drops it and its megabyte
// of inlined wasm.
const jpegDecoder = /* @__PURE__ */ emscriptenCodec(
  'jpegDecoder',
  initJpegDecoder as unknown as EmscriptenInit,
  undecodable,
);
const webpDecoder = /* @__PURE__ */ emscriptenCodec(
  'webpDecoder',
  initWebpDecoder as unknown as EmscriptenInit,
  undecodable,
);
const jpegEncoder = /* @__PURE__ */ emscriptenCodec(
  'jpegEncoder',
  initJpegEncoder as unknown as EmscriptenInit,
  (e) => e,
);
let pngReady: Promise<unknown> | undefined;

/**
 * Decodes a JPEG, PNG or WebP to RGBA. A JPEG is turned upright as its EXIF orientation says (MozJPEG
 * does that while decoding, at no extra cost). Throws on bytes the codec cannot read.
 */
export async function decode(bytes: Uint8Array, type: DecodableType): Promise<Pixels> {
  const buffer = exactArrayBuffer(bytes);
  switch (type) {
    case 'image/jpeg':
      return jpegDecoder(() => decodeJpegWasm(buffer, { preserveOrientation: true }));
    case 'image/webp':
      return webpDecoder(() => decodeWebpWasm(buffer));
    case 'image/png': {
      // wasm-bindgen's glue keeps one instance for good; the png crate reports errors without aborting.
      pngReady ??= wasmModule('pngDecoder').then((module) => initPngDecoder(module));
      const loading = pngReady;
      try {
        await loading;
      } catch (error) {
        pngReady = undefined;
        throw error;
      }
      try {
        return await decodePngWasm(buffer);
      } catch (error) {
        throw undecodable(error);
      }
    }
  }
}

/** Encodes opaque RGBA pixels as a progressive JPEG with optimised Huffman tables (MozJPEG's defaults). */
export async function encodeJpeg(pixels: Pixels, quality: number): Promise<Uint8Array> {
  const image = {
    data: new Uint8ClampedArray(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength),
    width: pixels.width,
    height: pixels.height,
    colorSpace: 'srgb',
  } as ImageData;
  const encoded = await jpegEncoder(() => encodeJpegWasm(image, { quality }));
  return new Uint8Array(encoded);
}

/** An ArrayBuffer holding exactly these bytes (a Node Buffer is often a view into a larger pool). */
function exactArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer
    ? bytes.buffer
    : new Uint8Array(bytes).buffer; // a copy: Buffer#slice would be a view into the same pool
}
