/**
 * The bytes' trip: a PUT straight to storage through the presigned URL, with `XMLHttpRequest` because
 * fetch reports no upload progress, and exactly the signed headers a browser may set.
 */

/** A PUT to the storage that did not succeed; `status` 0 when the connection failed. */
export class PutError extends Error {
  override readonly name = 'PutError';
  constructor(readonly status: number) {
    super(status ? `Upload refused with HTTP ${status}` : 'Upload connection failed');
  }
}

/**
 * Headers a browser may set itself are refused by `XMLHttpRequest.setRequestHeader` (with a console
 * error): the presigned PUT's `content-length` is sent anyway, from the body, with the same value.
 */
const FORBIDDEN_HEADERS = new Set(['content-length', 'host', 'connection', 'expect', 'transfer-encoding']);

export function browserHeaders(headers: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(headers).filter(([name]) => !FORBIDDEN_HEADERS.has(name.toLowerCase()));
}

/**
 * PUTs `body` to a presigned URL with `headers`, reporting bytes sent. Resolves on 2xx; rejects with
 * `PutError`, or an `AbortError` when `signal` aborts.
 */
export function putFile(
  url: string,
  headers: Readonly<Record<string, string>>,
  body: Blob,
  onProgress: (loaded: number, total: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [name, value] of browserHeaders(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) =>
      onProgress(event.loaded, event.lengthComputable ? event.total : body.size);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(body.size, body.size);
        resolve();
      } else reject(new PutError(xhr.status));
    };
    xhr.onerror = () => reject(new PutError(0));
    xhr.ontimeout = () => reject(new PutError(0));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    if (signal?.aborted) return xhr.abort();
    xhr.send(body);
  });
}
