/**
 * A `.wasm` file imported with `{ with: { type: 'bytes' } }`: its bytes. Only a bundler honours that
 * today (esbuild inlines them); see codecs.ts for the fallback everywhere else.
 */
declare module '*.wasm' {
  const bytes: Uint8Array;
  export default bytes;
}
