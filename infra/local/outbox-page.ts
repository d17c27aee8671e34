/**
 * Local-only routes of the mail capture and the reminders job (ADR 0014), served by the local HTTP
 * adapter beside the API; the cloud has none of them:
 * - `GET /local/outbox`: every captured email and SMS, newest first, as a page in Bahasa Indonesia, with
 *   a filter by recipient (`?to=`) and case (`?case=`);
 * - `GET /local/outbox.json`: the same list as JSON (same filters), for tests;
 * - `DELETE /local/outbox`: empties it, for tests;
 * - `POST /local/reminders/run` with `{ job, timeZone }`: runs a reminders job now, for tests and demos.
 *
 * The two that change something need a JSON body or the DELETE method, so a page on another origin
 * cannot trigger them without a CORS preflight, which local mode answers only for loopback origins.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { officeTimeZones } from '../config/schema';
import { reminderJobs, type ReminderJobEvent } from '../config/reminder-schedule';
import type { Outbox, OutboxEntry, OutboxFilter } from './mail-capture';

export interface LocalOutboxOptions {
  readonly outbox?: Outbox;
  /** Runs one reminders job (the reminders handler); absent when local mode has none wired. */
  readonly runReminders?: (event: ReminderJobEvent) => Promise<unknown>;
}

/** Whether a path belongs to these routes (the adapter hands them over before anything else). */
export function isLocalOutboxPath(pathname: string): boolean {
  return (
    pathname === '/local/outbox' || pathname === '/local/outbox.json' || pathname === '/local/reminders/run'
  );
}

export async function localOutboxRoute(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  options: LocalOutboxOptions,
): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  if (url.pathname === '/local/reminders/run') {
    if (method !== 'POST') return problem(res, 405, 'Method not allowed', 'Use POST.', { allow: 'POST' });
    return runReminders(req, res, options);
  }
  const { outbox } = options;
  if (!outbox) return problem(res, 404, 'Not found', 'Local mode has no mail capture.');
  if (url.pathname === '/local/outbox' && method === 'DELETE') {
    outbox.clear();
    res.writeHead(204, { 'cache-control': 'no-store' });
    return void res.end();
  }
  if (method !== 'GET' && method !== 'HEAD') {
    return problem(res, 405, 'Method not allowed', 'Use GET (or DELETE to empty the outbox).', {
      allow: 'GET, HEAD, DELETE',
    });
  }
  const filter: OutboxFilter = {
    to: url.searchParams.get('to') ?? undefined,
    caseId: url.searchParams.get('case') ?? undefined,
  };
  const entries = outbox.list(filter);
  if (url.pathname === '/local/outbox.json') return json(res, 200, { messages: entries });
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // No script at all; the one style sheet is inline.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    'x-content-type-options': 'nosniff',
  });
  res.end(method === 'HEAD' ? undefined : renderOutboxPage(entries, filter));
}

async function runReminders(req: IncomingMessage, res: ServerResponse, options: LocalOutboxOptions) {
  if (!options.runReminders) {
    return problem(res, 503, 'Not available', 'Local mode has no reminders job wired.');
  }
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
    return problem(res, 415, 'Unsupported media type', 'Send application/json.');
  }
  const body = await readJson(req);
  const errors = [
    ...(typeof body?.job === 'string' && (reminderJobs as readonly string[]).includes(body.job)
      ? []
      : [{ path: 'job', message: `One of: ${reminderJobs.join(', ')}.` }]),
    ...(typeof body?.timeZone === 'string' && (officeTimeZones as readonly string[]).includes(body.timeZone)
      ? []
      : [{ path: 'timeZone', message: `One of: ${officeTimeZones.join(', ')}.` }]),
  ];
  if (errors.length > 0) {
    return problem(res, 400, 'Invalid input', 'Send { job, timeZone }.', {}, { errors });
  }
  const event = { job: body!.job, timeZone: body!.timeZone } as ReminderJobEvent;
  try {
    const result = await options.runReminders(event);
    return json(res, 200, { ...event, result: result ?? null });
  } catch (error) {
    return problem(res, 500, 'Job failed', String((error as Error)?.message ?? error));
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const KIND_LABEL: Readonly<Record<OutboxEntry['channel'], string>> = { email: 'Email', sms: 'SMS' };

const timeFormat = new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeStyle: 'medium' });

/** The outbox as one readable page: newest first, a filter form, every value escaped. */
export function renderOutboxPage(entries: readonly OutboxEntry[], filter: OutboxFilter = {}): string {
  const e = escapeHtml;
  const rows = entries.map(
    (m) => `<article class="message">
  <header><span class="channel ${m.channel}">${KIND_LABEL[m.channel]}</span>
  <time datetime="${e(m.at)}">${e(timeFormat.format(new Date(m.at)))}</time></header>
  <dl>
    <dt>Kepada</dt><dd>${e(m.to)}</dd>
    ${m.subject !== undefined ? `<dt>Subjek</dt><dd>${e(m.subject)}</dd>` : ''}
    <dt>Jenis</dt><dd>${e(m.tags.kind)}</dd>
    <dt>Kantor</dt><dd>${e(m.tags.officeId)}</dd>
    ${m.tags.caseId ? `<dt>Perkara</dt><dd><a href="?case=${encodeURIComponent(m.tags.caseId)}">${e(m.tags.caseId)}</a></dd>` : ''}
  </dl>
  <pre>${e(m.text)}</pre>
</article>`,
  );
  const filtered = Boolean(filter.to || filter.caseId);
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kotak keluar lokal · Abdi</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 56rem; padding: 1rem; color: #1a1a1a; }
  form { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; margin: 1rem 0; }
  label { display: flex; flex-direction: column; font-size: .9rem; }
  input { font: inherit; padding: .3rem .5rem; }
  .message { border: 1px solid #ccc; border-radius: .5rem; padding: .75rem 1rem; margin: .75rem 0; }
  .message header { display: flex; gap: 1rem; align-items: center; }
  .channel { font-weight: 600; padding: 0 .5rem; border-radius: .25rem; }
  .email { background: #dbeafe; } .sms { background: #dcfce7; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 1rem; margin: .5rem 0; }
  dt { color: #555; } dd { margin: 0; overflow-wrap: anywhere; }
  pre { white-space: pre-wrap; font: inherit; background: #f6f6f6; padding: .5rem; margin: 0; }
</style>
</head>
<body>
<h1>Kotak keluar lokal</h1>
<p>Email dan SMS yang dikirim Abdi dalam mode lokal. Tidak ada yang benar-benar terkirim: email
ditangkap oleh server SMTP lokal, SMS langsung dicatat di sini. Terbaru di atas.</p>
<form method="get" action="/local/outbox">
  <label>Penerima <input name="to" value="${e(filter.to ?? '')}" placeholder="email atau nomor"></label>
  <label>Perkara <input name="case" value="${e(filter.caseId ?? '')}" placeholder="id perkara"></label>
  <button type="submit">Saring</button>
  ${filtered ? '<a href="/local/outbox">Hapus saringan</a>' : '<a href="/local/outbox">Muat ulang</a>'}
</form>
<p>${entries.length} pesan${filtered ? ' (tersaring)' : ''}.</p>
${rows.length > 0 ? rows.join('\n') : '<p>Belum ada pesan.</p>'}
</body>
</html>
`;
}

function problemBody(status: number, title: string, detail: string) {
  return { type: 'about:blank', title, status, detail };
}

function problem(
  res: ServerResponse,
  status: number,
  title: string,
  detail: string,
  headers: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/problem+json',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(JSON.stringify({ ...problemBody(status, title, detail), ...extra }));
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
