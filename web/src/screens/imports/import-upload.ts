/**
 * A new import's file on its way in (issue 22), as the evidence upload does it (ADR 0009): the SHA-256
 * computed in the browser, `POST …/imports` with the file's description, then a PUT of the bytes to the
 * presigned URL with exactly its headers. The upload starts the dry run on the server by itself.
 */
import { IMPORT_CONTENT_TYPES, IMPORT_LIMITS } from '../../../../functions/domain/imports/import-lifecycle';
import type { ApiClient } from '../../lib/api';
import { sha256Hex } from '../../lib/evidence-hash';
import { putFile } from '../../lib/evidence-put';
import { officeApi } from '../../lib/office-data';
import type { CreateImportBody, Import, ImportKind } from './import-types';

/** What the upload is doing, for a line a slow connection can watch. */
export type UploadStage =
  | { readonly step: 'hashing' }
  | { readonly step: 'creating' }
  | { readonly step: 'sending'; readonly percent: number };

/** The file is larger than any import takes: refused before a byte is sent. */
export class FileTooLarge extends Error {
  override readonly name = 'FileTooLarge';
}

const [XLSX_TYPE, CSV_TYPE] = IMPORT_CONTENT_TYPES;

/**
 * The type the API is told, by the file's extension: browsers on Windows call a CSV
 * `application/vnd.ms-excel` (or nothing), and the server reads the bytes anyway.
 */
export function contentTypeOf(file: Pick<File, 'name' | 'type'>): string {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return XLSX_TYPE;
  if (name.endsWith('.csv')) return CSV_TYPE;
  return file.type || 'application/octet-stream';
}

export interface UploadPorts {
  readonly hash?: (file: Blob) => Promise<string>;
  readonly put?: typeof putFile;
}

/** Creates the import for `file` and uploads it; answers the import as created (awaiting its upload). */
export async function uploadImport(
  api: Pick<ApiClient, 'post'>,
  officeId: string,
  kind: ImportKind,
  file: File,
  onStage: (stage: UploadStage) => void,
  ports: UploadPorts = {},
): Promise<Import> {
  if (file.size > IMPORT_LIMITS.maxBytes) throw new FileTooLarge(`${file.size} bytes`);
  onStage({ step: 'hashing' });
  const sha256 = await (ports.hash ?? ((blob: Blob) => sha256Hex(blob)))(file);
  onStage({ step: 'creating' });
  const body: CreateImportBody = {
    kind,
    fileName: file.name,
    contentType: contentTypeOf(file),
    sizeBytes: file.size,
    sha256,
  };
  const created = await api.post<Import>(officeApi(officeId, '/imports'), body, { idempotencyKey: true });
  if (!created.upload) throw new Error('The API answered the import without an upload URL');
  onStage({ step: 'sending', percent: 0 });
  await (ports.put ?? putFile)(created.upload.url, created.upload.headers, file, (loaded, total) =>
    onStage({ step: 'sending', percent: total > 0 ? Math.floor((loaded / total) * 100) : 0 }),
  );
  return created;
}
