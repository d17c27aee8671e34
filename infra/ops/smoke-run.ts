/**
 * The smoke test: what a partner system does, against a running deployment (real AWS after the pipeline
 * deploys staging, or `npm start` locally). Health; a client-credentials token from the deployment's own
 * token endpoint (found in the dashboard's /config.json); a write and a read of a case; one evidence file
 * uploaded to storage that the verifier marks `verified`. It leaves one note line and one small PDF on
 * the smoke case, nothing else.
 */
import { createHash, randomUUID } from 'node:crypto';

export interface SmokeOptions {
  /** The dashboard's URL (CloudFront, a custom domain, or http://localhost:3000); no trailing slash needed. */
  readonly baseUrl: string;
  /** A machine client with cases:read, cases:write and evidence:write in `officeId`. */
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly officeId?: string;
  /** The case written to; absent: the first case the client can list in the office. */
  readonly caseId?: string;
  /** OAuth token endpoint; absent: read from `<baseUrl>/config.json`. */
  readonly tokenUrl?: string;
  /** Only GET /health (after a production wave: no writes there). */
  readonly healthOnly?: boolean;
  /** How long the evidence may stay `pending`. @default 120 s (a verifier's cold start, S3's event) */
  readonly verifyTimeoutMs?: number;
  /** Ties the note line, the file and the Idempotency-Key to this run. @default time and a random id */
  readonly runId?: string;
  readonly log: (line: string) => void;
  /** @default global fetch */
  readonly fetch?: typeof fetch;
  /** @default 2000 ms between reads of a pending evidence, and between health retries */
  readonly pollMs?: number;
}

export class SmokeFailure extends Error {
  override readonly name = 'SmokeFailure';
}

/** Every note line the smoke test writes starts with this; older ones are replaced, not piled up. */
export const SMOKE_NOTE_PREFIX = '[smoke] ';

/** The case's notes with this run's line instead of any earlier smoke line; a person's lines stay. */
export function notesWithSmokeLine(notes: string | undefined, runId: string): string {
  const kept = (notes ?? '').split('\n').filter((line) => line !== '' && !line.startsWith(SMOKE_NOTE_PREFIX));
  return [...kept, `${SMOKE_NOTE_PREFIX}${runId}`].join('\n');
}

/** A small PDF that differs per run, so no two runs upload the same bytes (EV-DUPLICATE). */
export const smokePdf = (runId: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj << /Title (Abdi smoke test ${runId}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );

interface CaseBody {
  readonly id: string;
  readonly version: number;
  readonly notes?: string;
}

export async function runSmoke(options: SmokeOptions): Promise<void> {
  const http = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');
  const pollMs = options.pollMs ?? 2000;
  const runId = options.runId ?? `${new Date().toISOString()} ${randomUUID().slice(0, 8)}`;

  const step = async <T>(name: string, action: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    try {
      const result = await action();
      options.log(`ok   ${name} (${Date.now() - started} ms)`);
      return result;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      options.log(`FAIL ${name}: ${reason}`);
      throw new SmokeFailure(`${name}: ${reason}`);
    }
  };

  await step('GET /health', async () => {
    // A distribution or alias that has just changed may answer 5xx for a moment: a few tries.
    for (let attempt = 1; ; attempt += 1) {
      const response = await http(`${base}/health`).catch((error: unknown) => error as Error);
      if (!(response instanceof Error) && response.status === 200) {
        const body = (await response.json()) as { status?: string };
        if (body.status !== 'ok') throw new Error(`answered ${JSON.stringify(body)}`);
        return;
      }
      const what = response instanceof Error ? response.message : `HTTP ${response.status}`;
      if (attempt >= 5 || (!(response instanceof Error) && response.status < 500)) throw new Error(what);
      await sleep(pollMs);
    }
  });
  if (options.healthOnly) return;

  const clientId = required(options.clientId, 'a client id (SMOKE_CLIENT_ID or --client-id)');
  const clientSecret = required(options.clientSecret, 'a client secret (SMOKE_CLIENT_SECRET)');
  const officeId = required(options.officeId, 'an office (SMOKE_OFFICE_ID or --office)');

  const tokenUrl = await step('token endpoint from /config.json', async () => {
    if (options.tokenUrl) return options.tokenUrl;
    const response = await http(`${base}/config.json`);
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: pass --token-url`);
    const config = (await response.json()) as { auth?: { mode?: string; domain?: string } };
    if (config.auth?.mode === 'cognito' && config.auth.domain) return `${config.auth.domain}/oauth2/token`;
    if (config.auth?.mode === 'local') return `${base}/local/auth/token`;
    throw new Error(`unknown auth ${JSON.stringify(config.auth)}: pass --token-url`);
  });

  const token = await step('client-credentials token', async () => {
    // client_secret_basic: what Cognito's token endpoint and local mode's both accept.
    const response = await http(tokenUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
    });
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; error?: string };
    if (response.status !== 200 || !body.access_token) {
      throw new Error(`HTTP ${response.status} ${body.error ?? ''}`.trim());
    }
    return body.access_token;
  });

  const api = async (
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const response = await http(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    return { status: response.status, body, etag: response.headers.get('etag') };
  };
  const expectStatus = (status: number, actual: { status: number; body: unknown }) => {
    if (actual.status !== status) {
      throw new Error(
        `HTTP ${actual.status} (expected ${status}): ${JSON.stringify(actual.body).slice(0, 300)}`,
      );
    }
  };
  const office = `/v1/offices/${encodeURIComponent(officeId)}`;

  const caseId = await step('find the smoke case', async () => {
    if (options.caseId) return options.caseId;
    const listed = await api('GET', `${office}/cases?limit=1`);
    expectStatus(200, listed);
    const [first] = (listed.body.items ?? []) as { id: string }[];
    if (!first) throw new Error(`office ${officeId} has no case: register one and pass --case`);
    return first.id;
  });
  const caseUrl = `${office}/cases/${encodeURIComponent(caseId)}`;

  const noteLine = `${SMOKE_NOTE_PREFIX}${runId}`;
  const written = await step('write: PATCH the case notes', async () => {
    const before = await api('GET', caseUrl);
    expectStatus(200, before);
    const current = before.body as unknown as CaseBody;
    const next = notesWithSmokeLine(current.notes, runId);
    const patched = await api('PATCH', caseUrl, {
      body: { notes: next },
      headers: { 'if-match': before.etag ?? `"${current.version}"` },
    });
    expectStatus(200, patched);
    return { version: (patched.body as unknown as CaseBody).version, notes: next };
  });

  await step('read: GET the case back', async () => {
    const read = await api('GET', caseUrl);
    expectStatus(200, read);
    const current = read.body as unknown as CaseBody;
    if (current.version < written.version) throw new Error(`version ${current.version} < ${written.version}`);
    if (!current.notes?.split('\n').includes(noteLine)) throw new Error('the note line written is not there');
  });

  const file = smokePdf(runId);
  const evidenceUrl = await step('evidence: request an upload and PUT the file', async () => {
    const requested = await api('POST', `${caseUrl}/evidence`, {
      headers: {
        'idempotency-key': `smoke-${createHash('sha256').update(runId).digest('hex').slice(0, 32)}`,
      },
      body: {
        fileName: 'smoke-test.pdf',
        contentType: 'application/pdf',
        sizeBytes: file.length,
        sha256: createHash('sha256').update(file).digest('hex'),
        kind: 'document',
      },
    });
    expectStatus(201, requested);
    const { id, upload } = requested.body as {
      id: string;
      upload: { url: string; headers: Record<string, string> };
    };
    const put = await http(upload.url, {
      method: 'PUT',
      headers: upload.headers,
      body: new Uint8Array(file),
    });
    if (put.status !== 200) throw new Error(`storage answered the PUT with HTTP ${put.status}`);
    return `${caseUrl}/evidence/${id}`;
  });

  await step('evidence: verified', async () => {
    const deadline = Date.now() + (options.verifyTimeoutMs ?? 120_000);
    for (;;) {
      const read = await api('GET', evidenceUrl);
      expectStatus(200, read);
      const { status, rejectionReason } = read.body as { status: string; rejectionReason?: string };
      if (status === 'verified') return;
      if (status !== 'pending') throw new Error(`${status}${rejectionReason ? ` (${rejectionReason})` : ''}`);
      if (Date.now() > deadline) throw new Error('still pending: is the verifier receiving S3 events?');
      await sleep(pollMs);
    }
  });
}

function required(value: string | undefined, what: string): string {
  if (!value) throw new SmokeFailure(`The smoke test needs ${what}.`);
  return value;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
