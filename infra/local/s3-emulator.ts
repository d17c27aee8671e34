import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';
import type { BucketDefinition, CorsRule } from '../../functions/tables';
import { bindHost, localUrl } from './host';
import { freePort } from './ports';

export interface S3Emulator {
  readonly endpoint: string;
  readonly port: number;
  /** s3rver emits S3-shaped `ObjectCreated` records; local mode feeds them to the same handlers as S3 events. */
  onObjectCreated(listener: (event: unknown) => void): void;
  stop(): Promise<void>;
}

/**
 * Starts s3rver with the buckets (and their CORS rules) from functions/tables.ts, listening on `host`
 * (127.0.0.1 unless `HOST` says otherwise). s3rver does not verify SigV4 signatures: nothing may rely
 * on it to reject a tampered upload, and nothing but this machine should reach it.
 */
export async function startS3Emulator(options: {
  directory: string;
  buckets: readonly { name: string; definition: BucketDefinition }[];
  allowedOrigins: readonly string[];
  port?: number;
  /** @default `HOST`, else 127.0.0.1 (host.ts) */
  host?: string;
}): Promise<S3Emulator> {
  mkdirSync(options.directory, { recursive: true });
  const host = options.host ?? bindHost();
  const port = options.port ?? (await freePort());
  const server = new S3rver({
    address: host,
    port,
    silent: true,
    directory: options.directory,
    configureBuckets: options.buckets.map(({ name, definition }) => ({
      name,
      // A bucket without CORS rules (documents) gets no CORS document: s3rver refuses an empty one.
      configs: definition.cors.length > 0 ? [corsXml(definition.cors, options.allowedOrigins)] : [],
    })),
  });
  await server.run();
  const emitter = server as unknown as NodeJS.EventEmitter;
  return {
    endpoint: localUrl(host, port),
    port,
    onObjectCreated: (listener) => emitter.on('event', listener),
    stop: () => server.close(),
  };
}

function corsXml(rules: readonly CorsRule[], origins: readonly string[]): string {
  const tag = (name: string, values: readonly (string | number)[]) =>
    values.map((value) => `<${name}>${value}</${name}>`).join('');
  const body = rules
    .map(
      (rule) =>
        `<CORSRule>${tag('AllowedOrigin', origins)}${tag('AllowedMethod', rule.allowedMethods)}` +
        `${tag('AllowedHeader', rule.allowedHeaders)}${tag('ExposeHeader', rule.exposedHeaders)}` +
        `${tag('MaxAgeSeconds', [rule.maxAgeSeconds])}</CORSRule>`,
    )
    .join('');
  return `<CORSConfiguration>${body}</CORSConfiguration>`;
}
