import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiHandler } from '../../functions/api/app';
import type { DocumentFiles } from '../../functions/store/document-files';
import { apiCaller } from '../support/api';
import { registeredCase } from '../support/cases';
import { palopoDocumentSettings } from '../support/documents';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';

/**
 * Official documents through the API (issue 14, ADR 0015), against DynamoDB Local and s3rver: the
 * register's numbers, the stored file and its hash, a download that is the stored bytes, the public
 * verification record, corrections, retries and a render that stopped halfway.
 */
const NOW = new Date('2026-06-29T08:00:00Z');
const env = testEnvironment({ now: () => NOW });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
let office: string;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const textOf = (pdf: Uint8Array) => {
  const file = join(mkdtempSync(join(tmpdir(), 'abdi-doc-')), 'document.pdf');
  writeFileSync(file, pdf);
  // Reading order, one space between words: a phrase wrapped over two lines still reads as one.
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
};
const download = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer());
const key = () => ({ 'idempotency-key': `doc-${uniqueSuffix()}` });

/** A case of 8 hours, all of them served on two days: ready for its completion record. */
async function servedCase() {
  const registered = await registeredCase(call, world, {
    case: {
      sentence: {
        kind: 'kerja_sosial',
        hours: 8,
        maxHoursPerDay: 4,
        startDate: '2026-03-01',
        deadline: '2026-06-30',
      },
    },
  });
  const caseUrl = `${office}/cases/${registered.caseId}`;
  for (const date of ['2026-03-02', '2026-03-03']) {
    const session = await call('POST', `${caseUrl}/sessions`, {
      claims: world.claims.officer,
      headers: key(),
      body: { date, startTime: '08:00', endTime: '12:00', siteId: registered.siteId, outcome: 'attended' },
    });
    expect(session.status, JSON.stringify(session.body)).toBe(201);
  }
  return { ...registered, caseUrl };
}

const issue = (body: Record<string, unknown>, headers: Record<string, string> = key()) =>
  call('POST', `${office}/documents`, { claims: world.claims.officer, headers, body });

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  office = `/v1/offices/${world.home}`;
});

describe('before the office sets its letterhead', () => {
  it('DOC-SETTINGS: refuses to issue, naming what is missing', async () => {
    // Prepare
    const { caseId } = await registeredCase(call, world);

    // Act
    const refused = await issue({ kind: 'progress_report', caseId });

    // Assess
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(refused.body.errors).toContainEqual(
      expect.objectContaining({ rule: 'DOC-SETTINGS', path: 'documentSettings' }),
    );
  });

  it('DOC-NUMBER-PATTERN: refuses a register that could number two documents alike, naming the field', async () => {
    // Act
    const refused = await call('PUT', `${office}/document-settings`, {
      claims: world.claims.admin,
      body: palopoDocumentSettings({ pattern: 'W23-{seq}{kind}' }),
    });

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toContainEqual(
      expect.objectContaining({ rule: 'DOC-NUMBER-PATTERN', path: 'register.pattern' }),
    );
  });
});

describe('an office with its letterhead', () => {
  beforeAll(async () => {
    const saved = await call('PUT', `${office}/document-settings`, {
      claims: world.claims.admin,
      body: palopoDocumentSettings(),
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.documentSettings.register.pattern).toBe('W23.PAS.PAS3-PK.01.05-{seq}/{yyyy}');
  });

  it('LC-COMPLETE-HOURS: refuses a completion record while hours remain', async () => {
    // Prepare
    const { caseId } = await registeredCase(call, world);

    // Act
    const refused = await issue({ kind: 'completion_record', caseId });

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toContainEqual(expect.objectContaining({ rule: 'LC-COMPLETE-HOURS' }));
  });

  it('issues a completion record: numbered, stored, on the case, downloaded byte-identical, verifiable', async () => {
    // Prepare
    const { caseId, caseUrl, client } = await servedCase();
    const completed = await call('POST', `${caseUrl}/transitions`, {
      claims: world.claims.officer,
      headers: key(),
      body: { to: 'completed', reason: 'Seluruh jam telah dijalani' },
    });
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);

    // Act
    const issued = await issue({ kind: 'completion_record', caseId });

    // Assess: the record, the case and the timeline.
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    expect(issued.headers.location).toBe(`${office}/documents/${issued.body.id}`);
    expect(issued.body).toMatchObject({
      kind: 'completion_record',
      status: 'issued',
      subject: { type: 'case', id: caseId },
      issuedOn: '2026-06-29',
      verificationUrl: `/v/${issued.body.id}`,
    });
    expect(issued.body.number).toMatch(/^W23\.PAS\.PAS3-PK\.01\.05-\d+\/2026$/);
    const onCase = await call('GET', caseUrl, { claims: world.claims.officer });
    expect(onCase.body.completionRecord).toEqual({
      documentId: issued.body.id,
      number: issued.body.number,
      issuedOn: '2026-06-29',
    });
    const audit = await call('GET', `${caseUrl}/audit`, { claims: world.claims.officer });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('document.issue');

    // Assess: the stored file is what the record says, twice over, and says what it must.
    const read = await call('GET', `${office}/documents/${issued.body.id}`, {
      claims: world.claims.prosecutor,
    });
    expect(read.status).toBe(200);
    const first = await download(read.body.downloadUrl);
    const again = await download(
      (await call('GET', `${office}/documents/${issued.body.id}`, { claims: world.claims.officer })).body
        .downloadUrl,
    );
    expect(sha256(first)).toBe(issued.body.fileSha256);
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    expect(first.byteLength).toBe(issued.body.sizeBytes);
    const text = textOf(first);
    expect(text).toContain('BERITA ACARA');
    expect(text).toContain(issued.body.number);
    expect(text).toContain(client.fullName);
    expect(text).toContain(issued.body.fingerprint.slice(0, 4));

    // Assess: the public page's hash is the file's, and it shows initials, not the name.
    const verified = await call('GET', `/v1/verify/${issued.body.id}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      number: issued.body.number,
      kind: 'completion_record',
      status: 'issued',
      fileSha256: sha256(first),
      fingerprint: issued.body.fingerprint,
      officeName: 'Balai Pemasyarakatan Kelas II Palopo',
    });
    expect(verified.body.initials).toMatch(/^A\.B\.\d*\.?$/);
    expect(JSON.stringify(verified.body)).not.toContain(client.fullName);
  });

  it('LC-CLOSE-RECORD: closes a completed case only once its completion record is issued', async () => {
    // Prepare
    const { caseId, caseUrl } = await servedCase();
    const transition = (to: string) =>
      call('POST', `${caseUrl}/transitions`, {
        claims: world.claims.officer,
        headers: key(),
        body: { to, reason: `Ke ${to}` },
      });
    expect((await transition('completed')).status).toBe(200);

    // Act
    const early = await transition('closed');
    expect((await issue({ kind: 'completion_record', caseId })).status).toBe(201);
    const closed = await transition('closed');

    // Assess
    expect(early.status).toBe(409);
    expect(early.body.errors).toContainEqual(
      expect.objectContaining({ rule: 'LC-CLOSE-RECORD', path: 'to' }),
    );
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.status).toBe('closed');
  });

  it('numbers concurrent issues once each, without gaps, and answers a retried request with the same document', async () => {
    // Prepare
    const { caseId } = await registeredCase(call, world);
    const retried = key();

    // Act
    const issued = await Promise.all(
      Array.from({ length: 5 }, () => issue({ kind: 'progress_report', caseId })),
    );
    const once = await issue({ kind: 'progress_report', caseId }, retried);
    const twice = await issue({ kind: 'progress_report', caseId }, retried);

    // Assess
    expect(issued.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const sequence = (number: string) => Number(/-(\d+)\/2026$/.exec(number)?.[1]);
    const numbers = issued.map((r) => sequence(r.body.number)).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(5);
    expect(numbers.at(-1)! - numbers[0]!).toBe(4);
    expect(twice.body.id).toBe(once.body.id);
    expect(sequence(once.body.number)).toBe(numbers.at(-1)! + 1);
    const next = await issue({ kind: 'progress_report', caseId });
    expect(sequence(next.body.number)).toBe(sequence(once.body.number) + 1);
  });

  it('replaces an issued document with a new number; the old one stays, marked replaced', async () => {
    // Prepare
    const { caseId } = await registeredCase(call, world);
    const original = await issue({ kind: 'progress_report', caseId });
    const originalFile = await download(
      (await call('GET', `${office}/documents/${original.body.id}`, { claims: world.claims.officer })).body
        .downloadUrl,
    );

    // Act
    const correction = await issue({ kind: 'progress_report', caseId, replaces: original.body.id });
    const again = await issue({ kind: 'progress_report', caseId, replaces: original.body.id });

    // Assess
    expect(correction.status).toBe(201);
    expect(correction.body.replaces).toBe(original.body.id);
    expect(correction.body.number).not.toBe(original.body.number);
    const old = await call('GET', `${office}/documents/${original.body.id}`, {
      claims: world.claims.officer,
    });
    expect(old.body).toMatchObject({ status: 'replaced', replacedBy: correction.body.id });
    expect(Buffer.from(await download(old.body.downloadUrl)).equals(Buffer.from(originalFile))).toBe(true);
    const verified = await call('GET', `/v1/verify/${original.body.id}`);
    expect(verified.body).toMatchObject({ status: 'replaced', replacedByNumber: correction.body.number });
    expect(again.status).toBe(409);
    expect(again.body.errors).toContainEqual(expect.objectContaining({ path: 'replaces' }));
  });

  it("lists a case's documents, hides them from another office, and verifies only real links", async () => {
    // Prepare
    const { caseId } = await registeredCase(call, world);
    const issued = await issue({ kind: 'progress_report', caseId });

    // Act
    const listed = await call('GET', `${office}/documents?caseId=${caseId}`, {
      claims: world.claims.prosecutor,
    });
    const stranger = await call('GET', `${office}/documents/${issued.body.id}`, {
      claims: world.claims.otherAdmin,
    });
    const unknown = await call('GET', `/v1/verify/${crypto.randomUUID()}`);

    // Assess
    expect(listed.body.items.map((d: { id: string }) => d.id)).toEqual([issued.body.id]);
    expect(listed.body.items[0]).not.toHaveProperty('downloadUrl');
    expect(stranger.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toBe('application/problem+json');
  });

  it('previews a document marked DRAF, without a number and without storing it', async () => {
    // Prepare
    const { caseId } = await registeredCase(call, world);

    // Act
    const preview = await call('POST', `${office}/documents/preview`, {
      claims: world.claims.officer,
      body: { kind: 'placement_letter', caseId },
    });
    const listed = await call('GET', `${office}/documents?caseId=${caseId}`, {
      claims: world.claims.officer,
    });

    // Assess
    expect(preview.status).toBe(200);
    expect(preview.headers['content-type']).toBe('application/pdf');
    const text = textOf(preview.body);
    expect(text).toContain('DRAF');
    expect(text).not.toMatch(/W23\.PAS\.PAS3-PK\.01\.05-\d+/);
    expect(listed.body.items).toEqual([]);
  });

  it('writes a placement letter on the case, naming the site it goes to, and a referral report from the referral', async () => {
    // Prepare: an absence, a warning for it, a referral to the jaksa.
    const { caseId, siteId, client } = await registeredCase(call, world);
    const caseUrl = `${office}/cases/${caseId}`;
    const absence = await call('POST', `${caseUrl}/sessions`, {
      claims: world.claims.officer,
      headers: key(),
      body: {
        date: '2026-03-02',
        startTime: '08:00',
        endTime: '12:00',
        siteId,
        outcome: 'unexcused_absence',
      },
    });
    const warning = await call('POST', `${caseUrl}/warnings`, {
      claims: world.claims.officer,
      headers: key(),
      body: { level: 1, reason: 'Tidak hadir tanpa alasan yang sah', sessionIds: [absence.body.id] },
    });
    const referral = await call('POST', `${caseUrl}/referrals`, {
      claims: world.claims.officer,
      headers: key(),
      body: { reason: 'Teguran tidak diindahkan', warningIds: [warning.body.id] },
    });
    expect(referral.status, JSON.stringify(referral.body)).toBe(201);

    // Act
    const letter = await issue({ kind: 'placement_letter', caseId });
    const report = await issue({ kind: 'referral_report', caseId });
    const listed = await call('GET', `${office}/documents?caseId=${caseId}`, {
      claims: world.claims.prosecutor,
    });

    // Assess
    expect(letter.body).toMatchObject({ subject: { type: 'case', id: caseId }, siteId });
    // The test's clock stands still, so both share an instant: their order in the list is not asserted.
    expect(listed.body.items.map((d: { kind: string }) => d.kind).sort()).toEqual([
      'placement_letter',
      'referral_report',
    ]);
    const text = textOf(
      await download(
        (await call('GET', `${office}/documents/${report.body.id}`, { claims: world.claims.officer })).body
          .downloadUrl,
      ),
    );
    expect(text).toContain('Teguran tidak diindahkan');
    expect(text).toContain(client.fullName);
    expect(text).toContain('Kejaksaan Negeri Palopo');
  });

  it('prints the attendance sheet of a site from its scheduled slots, and the monthly report from the counters', async () => {
    // Prepare: a schedule accepted for tomorrow at the case's site.
    const { caseId, siteId, client } = await registeredCase(call, world);
    const accepted = await call('PUT', `${office}/cases/${caseId}/schedule`, {
      claims: world.claims.officer,
      body: {
        from: '2026-06-30',
        until: '2026-06-30',
        slots: [{ date: '2026-06-30', siteId, startTime: '08:00', endTime: '12:00' }],
      },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);

    // Act
    const sheet = await issue({ kind: 'attendance_sheet', siteId, month: '2026-06' });
    const monthly = await issue({ kind: 'monthly_report', month: '2026-06' });
    const future = await issue({ kind: 'monthly_report', month: '2026-07' });

    // Assess
    expect(sheet.status, JSON.stringify(sheet.body)).toBe(201);
    expect(sheet.body).toMatchObject({ subject: { type: 'site', id: siteId }, period: '2026-06' });
    const sheetText = textOf(
      await download(
        (await call('GET', `${office}/documents/${sheet.body.id}`, { claims: world.claims.officer })).body
          .downloadUrl,
      ),
    );
    expect(sheetText).toContain('DAFTAR HADIR');
    expect(sheetText).toContain(client.fullName);
    expect(sheetText).toContain('30 Juni 2026');
    expect(monthly.status, JSON.stringify(monthly.body)).toBe(201);
    expect(monthly.body.subject).toEqual({ type: 'office', id: world.home });
    const monthlyText = textOf(
      await download(
        (await call('GET', `${office}/documents/${monthly.body.id}`, { claims: world.claims.officer })).body
          .downloadUrl,
      ),
    );
    expect(monthlyText).toContain('Juni 2026');
    expect(future.status).toBe(400);
    expect(future.body.errors).toContainEqual(expect.objectContaining({ path: 'month' }));
  });
});

describe('a render that stopped after its number was taken', () => {
  it('is finished from its stored model: same number, the file stored once, no number lost', async () => {
    // Prepare: the documents bucket refuses the first write, as S3 does when it is unavailable.
    await call('PUT', `${office}/document-settings`, {
      claims: world.claims.admin,
      body: palopoDocumentSettings(),
    });
    let refusals = 1;
    const flaky: DocumentFiles = {
      put: (...args) =>
        refusals-- > 0
          ? Promise.reject(Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable' }))
          : env.deps.documentFiles.put(...args),
      presignDownload: (input) => env.deps.documentFiles.presignDownload(input),
    };
    const flakyCall = apiCaller(
      createApiHandler(
        { ...env.deps, documentFiles: flaky },
        {
          logger: new Logger({ serviceName: 'abdi-test', logLevel: 'SILENT' }),
          metrics: new Metrics({ namespace: 'AbdiTest', serviceName: 'abdi-test' }),
        },
      ),
    );
    const { caseId } = await registeredCase(call, world);

    // Act
    const failed = await flakyCall('POST', `${office}/documents`, {
      claims: world.claims.officer,
      headers: key(),
      body: { kind: 'progress_report', caseId },
    });
    const listed = await call('GET', `${office}/documents?caseId=${caseId}`, {
      claims: world.claims.officer,
    });
    const stuck = listed.body.items[0];
    const finished = await flakyCall('POST', `${office}/documents/${stuck.id}/finish`, {
      claims: world.claims.officer,
      headers: key(),
    });

    // Assess
    expect(failed.status).toBe(503);
    expect(failed.headers['retry-after']).toBeDefined();
    expect(stuck).toMatchObject({ status: 'issuing' });
    expect(stuck).not.toHaveProperty('downloadUrl');
    expect(finished.status).toBe(200);
    expect(finished.body).toMatchObject({ id: stuck.id, number: stuck.number, status: 'issued' });
    const file = await download(
      (await call('GET', `${office}/documents/${stuck.id}`, { claims: world.claims.officer })).body
        .downloadUrl,
    );
    expect(sha256(file)).toBe(finished.body.fileSha256);
    const next = await issue({ kind: 'progress_report', caseId });
    const sequence = (number: string) => Number(/-(\d+)\/2026$/.exec(number)?.[1]);
    expect(sequence(next.body.number)).toBe(sequence(stuck.number) + 1);
  });
});
