import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReminderJobEvent } from '../../infra/config/reminder-schedule';
import { createLocalRequestListener, type ApiLambda } from '../../infra/local/http-adapter';
import type { LocalAuth } from '../../infra/local/local-auth';
import {
  localMessaging,
  Outbox,
  startMailCapture,
  type MailCapture,
  type OutboxEntry,
} from '../../infra/local/mail-capture';

/**
 * Local mode's mail capture (ADR 0014): email sent through the local channel crosses a real SMTP
 * connection to the real smtp-server, is parsed by mailparser and lands in the outbox, which the local
 * adapter shows as an escaped HTML page and as JSON; SMS go straight into the same outbox.
 */
let capture: MailCapture;
let server: Server;
let base = '';
const ran: ReminderJobEvent[] = [];

beforeAll(async () => {
  capture = await startMailCapture({ host: '127.0.0.1' });
  const webDir = mkdtempSync(join(tmpdir(), 'abdi-outbox-web-'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Abdi</title>');
  server = createServer(
    createLocalRequestListener({
      api: (() => Promise.resolve({ statusCode: 500 })) as ApiLambda,
      auth: {} as LocalAuth,
      webDir,
      webConfig: {},
      outbox: capture.outbox,
      runReminders: (event) => {
        ran.push(event);
        return Promise.resolve({ sent: 2, failed: 0, skipped: 0 });
      },
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await capture.stop();
});

beforeEach(async () => {
  const cleared = await fetch(`${base}/local/outbox`, { method: 'DELETE' });
  expect(cleared.status).toBe(204);
});

const outboxJson = async (query = '') => {
  const response = await fetch(`${base}/local/outbox.json${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { messages: OutboxEntry[] }).messages;
};

describe('the local mail capture', () => {
  it('receives email over SMTP and keeps it with its recipient, subject, text and tags', async () => {
    // Prepare
    const messaging = localMessaging(capture);
    const text = 'Yth. Bapak/Ibu Pengawas,\nbesok, Selasa 3 Maret 2026, pukul 08.00–12.00: 2 klien.';

    // Act
    const sent = await messaging.email.send({
      to: 'pengawas.taman@example.go.id',
      subject: 'Pengingat kerja sosial besok — Taman Kota',
      text,
      tags: { officeId: 'bapas-palopo', kind: 'day-before', caseId: '01KCASEMAIL' },
    });

    // Assess: the provider id the channel returns is the captured message's id
    const [entry, ...others] = await outboxJson();
    expect(others).toEqual([]);
    expect(entry).toEqual({
      id: sent.providerMessageId,
      channel: 'email',
      to: 'pengawas.taman@example.go.id',
      subject: 'Pengingat kerja sosial besok — Taman Kota',
      text,
      tags: { officeId: 'bapas-palopo', kind: 'day-before', caseId: '01KCASEMAIL' },
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(sent.providerMessageId).toMatch(/@/);
  });

  it('puts SMS straight into the outbox, and lists newest first', async () => {
    const messaging = localMessaging(capture);
    await messaging.email.send({
      to: 'pk.palopo@example.go.id',
      subject: 'Ringkasan mingguan',
      text: 'Minggu ini: 3 perkara.',
      tags: { officeId: 'bapas-palopo', kind: 'weekly-digest' },
    });
    const sms = await messaging.sms!.send({
      to: '+6281234567890',
      text: 'Abdi: besok kerja sosial pukul 08.00 di Taman Kota.',
      tags: { officeId: 'bapas-palopo', kind: 'day-before', caseId: '01KCASESMS' },
    });

    const messages = await outboxJson();
    expect(messages.map((m) => [m.channel, m.to])).toEqual([
      ['sms', '+6281234567890'],
      ['email', 'pk.palopo@example.go.id'],
    ]);
    expect(messages[0]).toMatchObject({ id: sms.providerMessageId, text: expect.stringContaining('08.00') });
    expect(messages[0]).not.toHaveProperty('subject');
    expect(messages[1]!.tags).toEqual({ officeId: 'bapas-palopo', kind: 'weekly-digest' });
  });

  it('accepts mail from any SMTP client, not only the local channel', async () => {
    const transport = createTransport({
      host: capture.host,
      port: capture.port,
      secure: false,
      ignoreTLS: true,
    });
    await transport.sendMail({
      from: 'someone@example.com',
      to: ['a@example.com', 'b@example.com'],
      subject: 'Plain',
      text: 'Hello',
    });
    const [entry] = await outboxJson();
    expect(entry).toMatchObject({
      channel: 'email',
      to: 'a@example.com, b@example.com',
      subject: 'Plain',
      text: 'Hello',
      tags: { officeId: '', kind: '' },
    });
  });

  it('keeps only the newest messages when full', () => {
    const outbox = new Outbox(2);
    for (const id of ['1', '2', '3']) {
      outbox.add({ id, channel: 'sms', to: '+62811', text: id, tags: { officeId: 'o', kind: 'k' }, at: '' });
    }
    expect(outbox.list().map((m) => m.id)).toEqual(['3', '2']);
  });
});

describe('the outbox page', () => {
  it('shows every message, newest first, in Bahasa Indonesia, with every value escaped', async () => {
    // Prepare: a subject and body that would be markup if not escaped
    const messaging = localMessaging(capture);
    await messaging.email.send({
      to: 'pk@example.go.id',
      subject: '<script>alert("subjek")</script>',
      text: 'Isi <b>tebal</b> & "kutip" \'tunggal\'',
      tags: { officeId: 'bapas-palopo', kind: 'end-of-day', caseId: 'C"><img src=x>' },
    });
    await messaging.sms!.send({
      to: '+6281200000001',
      text: 'SMS kedua',
      tags: { officeId: 'bapas-palopo', kind: 'day-before' },
    });

    // Act
    const response = await fetch(`${base}/local/outbox`);
    const html = await response.text();

    // Assess
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).toContain('<html lang="id">');
    expect(html).toContain('Kotak keluar lokal');
    expect(html).toContain('2 pesan');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>tebal');
    expect(html).not.toContain('<img src=x>');
    expect(html).toContain('&lt;script&gt;alert(&quot;subjek&quot;)&lt;/script&gt;');
    expect(html).toContain('Isi &lt;b&gt;tebal&lt;/b&gt; &amp; &quot;kutip&quot; &#39;tunggal&#39;');
    expect(html).toContain('C&quot;&gt;&lt;img src=x&gt;');
    // The case link's query is URL-encoded as well.
    expect(html).toContain('href="?case=C%22%3E%3Cimg%20src%3Dx%3E"');
    expect(html.indexOf('SMS kedua')).toBeLessThan(html.indexOf('Isi &lt;b&gt;'));
  });

  it('filters by recipient and by case, on the page and in the JSON', async () => {
    const messaging = localMessaging(capture);
    const tags = { officeId: 'bapas-palopo', kind: 'day-before' };
    await messaging.sms!.send({ to: '+6281111111111', text: 'satu', tags: { ...tags, caseId: 'CASE-A' } });
    await messaging.sms!.send({ to: '+6282222222222', text: 'dua', tags: { ...tags, caseId: 'CASE-B' } });
    await messaging.email.send({ to: 'Pengawas@Example.go.id', subject: 'tiga', text: 'tiga', tags });

    expect((await outboxJson('?to=62822')).map((m) => m.text)).toEqual(['dua']);
    expect((await outboxJson('?to=pengawas@example')).map((m) => m.text)).toEqual(['tiga']);
    expect((await outboxJson('?case=CASE-A')).map((m) => m.text)).toEqual(['satu']);
    expect(await outboxJson('?case=CASE-A&to=62822')).toEqual([]);

    const html = await (await fetch(`${base}/local/outbox?case=CASE-B`)).text();
    expect(html).toContain('1 pesan (tersaring)');
    expect(html).toContain('value="CASE-B"');
    expect(html).not.toContain('satu');
    expect(html).toContain('Hapus saringan');
  });

  it('says so when empty, and refuses other methods', async () => {
    expect(await (await fetch(`${base}/local/outbox`)).text()).toContain('Belum ada pesan.');
    const post = await fetch(`${base}/local/outbox`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('POST /local/reminders/run', () => {
  const run = (body: unknown, contentType = 'application/json') =>
    fetch(`${base}/local/reminders/run`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: JSON.stringify(body),
    });

  it('runs the job now with { job, timeZone } and answers with its report', async () => {
    ran.length = 0;
    const response = await run({ job: 'end-of-day', timeZone: 'Asia/Makassar' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      job: 'end-of-day',
      timeZone: 'Asia/Makassar',
      result: { sent: 2, failed: 0, skipped: 0 },
    });
    expect(ran).toEqual([{ job: 'end-of-day', timeZone: 'Asia/Makassar' }]);
  });

  it('refuses an unknown job or zone naming the field, and a body that is not JSON', async () => {
    ran.length = 0;
    const bad = await run({ job: 'monthly', timeZone: 'Asia/Tokyo' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await bad.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(['job', 'timeZone']);
    // A form post from another page cannot start a job (JSON needs a CORS preflight).
    expect((await run({ job: 'end-of-day', timeZone: 'Asia/Makassar' }, 'text/plain')).status).toBe(415);
    expect(ran).toEqual([]);
  });
});
