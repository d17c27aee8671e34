import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../support/api';
import { registeredCase } from '../support/cases';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { OUT_DIR, poppler } from '../unit/documents/poppler';

/**
 * Data subjects' requests and exports through the API (issue 17, ADR 0021), against DynamoDB Local and
 * s3rver: the request log with its 3×24-hour deadline, answers and refusals, and a client's export (JSON
 * and PDF) read back from the exports bucket.
 */
const NOW = new Date('2026-06-29T08:00:00Z');
let now = NOW;
const env = testEnvironment({ now: () => now });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
let office: string;

const key = () => ({ 'idempotency-key': `dr-${uniqueSuffix()}` });
const download = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer());
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const textOf = (pdf: Uint8Array) => {
  const file = join(mkdtempSync(join(tmpdir(), 'abdi-export-')), 'export.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
};

const logRequest = (body: Record<string, unknown>, claims = world.claims.admin) =>
  call('POST', `${office}/data-requests`, { claims, headers: key(), body });

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  office = `/v1/offices/${world.home}`;
});

describe('the request log', () => {
  it('PDP-REQUEST-DEADLINE: logs a request due 3×24 hours after its receipt, with the hours left', async () => {
    // Act
    const logged = await logRequest({
      kind: 'erasure',
      receivedAt: '2026-06-29T15:00:00+08:00',
      channel: 'letter',
      requesterName: 'Wali klien',
      details: 'Mohon data dihapus',
    });

    // Assess
    expect(logged.status, JSON.stringify(logged.body)).toBe(201);
    expect(logged.body).toMatchObject({
      status: 'open',
      receivedAt: '2026-06-29T07:00:00.000Z',
      deadline: '2026-07-02T07:00:00.000Z',
      hoursLeft: 71,
      overdue: false,
    });
    const read = await call('GET', `${office}/data-requests/${logged.body.id}`, {
      claims: world.claims.officer,
    });
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(logged.body.id);
  });

  it('PDP-REQUEST-DEADLINE: refuses a receipt in the future, naming receivedAt', async () => {
    const refused = await logRequest({
      kind: 'access',
      receivedAt: '2026-06-30T08:00:00Z',
      channel: 'email',
      details: 'Minta salinan',
    });

    expect(refused.status).toBe(400);
    expect(refused.body.errors).toContainEqual(
      expect.objectContaining({ rule: 'PDP-REQUEST-DEADLINE', path: 'receivedAt' }),
    );
  });

  it('PDP-REQUEST-DEADLINE: an answer after the deadline is recorded and flagged overdue, not refused', async () => {
    // Prepare: received four days before the clock.
    const logged = await logRequest({
      kind: 'correction',
      receivedAt: '2026-06-25T08:00:00Z',
      channel: 'in_person',
      details: 'Alamat salah',
    });
    expect(logged.body).toMatchObject({ overdue: true, hoursLeft: 0 });

    // Act
    const answered = await call('POST', `${office}/data-requests/${logged.body.id}/answer`, {
      claims: world.claims.admin,
      headers: key(),
      body: { outcome: 'answered', note: 'Alamat diperbaiki' },
    });

    // Assess
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', overdue: true, answeredAt: NOW.toISOString() });
    expect(answered.body.hoursLeft).toBeUndefined();
  });

  it('PDP-REQUEST-REFUSAL and PDP-REQUEST-ANSWER-ONCE: a refusal needs its reason; an answered request is not answered again', async () => {
    const logged = await logRequest({
      kind: 'restriction',
      receivedAt: '2026-06-29T06:00:00Z',
      channel: 'phone',
      details: 'Keberatan',
    });
    const answer = (body: Record<string, unknown>) =>
      call('POST', `${office}/data-requests/${logged.body.id}/answer`, {
        claims: world.claims.admin,
        headers: key(),
        body,
      });

    const noReason = await answer({ outcome: 'refused', note: 'Ditolak' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toContainEqual(
      expect.objectContaining({ rule: 'PDP-REQUEST-REFUSAL', path: 'reason' }),
    );

    const refused = await answer({ outcome: 'refused', note: 'Ditolak', reason: 'UU 27/2022 Pasal 15' });
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    expect(refused.body).toMatchObject({ status: 'refused', reason: 'UU 27/2022 Pasal 15', overdue: false });

    const again = await answer({ outcome: 'answered', note: 'Lagi' });
    expect(again.status).toBe(409);
    expect(again.body.errors).toContainEqual(expect.objectContaining({ rule: 'PDP-REQUEST-ANSWER-ONCE' }));
  });

  it('lists open requests first by deadline, and one status alone', async () => {
    const all = await call('GET', `${office}/data-requests?limit=100`, { claims: world.claims.admin });
    expect(all.status).toBe(200);
    const statuses = (all.body.items as { status: string }[]).map((item) => item.status);
    expect(statuses.indexOf('answered')).toBeGreaterThan(statuses.lastIndexOf('open'));
    const open = (all.body.items as { status: string; deadline: string }[]).filter(
      (i) => i.status === 'open',
    );
    expect(open.map((i) => i.deadline)).toEqual(open.map((i) => i.deadline).sort());

    const refused = await call('GET', `${office}/data-requests?status=refused`, {
      claims: world.claims.admin,
    });
    expect(refused.body.items.length).toBeGreaterThan(0);
    expect((refused.body.items as { status: string }[]).every((item) => item.status === 'refused')).toBe(
      true,
    );
  });

  it('is the office’s own: an officer may read, not log; another office gets 404', async () => {
    const byOfficer = await logRequest(
      { kind: 'access', receivedAt: NOW.toISOString(), channel: 'email', details: 'x' },
      world.claims.officer,
    );
    expect(byOfficer.status).toBe(403);
    const list = await call('GET', `${office}/data-requests`, { claims: world.claims.otherAdmin });
    expect(list.status).toBe(404);
  });
});

describe("a client's export", () => {
  let clientId: string;
  let caseId: string;
  let nik: string;
  let fullName: string;
  const evidenceSha = 'cd'.repeat(32);

  beforeAll(async () => {
    const registered = await registeredCase(call, world);
    clientId = registered.client.id;
    caseId = registered.caseId;
    const caseUrl = `${office}/cases/${caseId}`;
    const session = await call('POST', `${caseUrl}/sessions`, {
      claims: world.claims.officer,
      headers: key(),
      body: {
        date: '2026-03-02',
        startTime: '08:00',
        endTime: '12:00',
        siteId: registered.siteId,
        outcome: 'attended',
      },
    });
    expect(session.status, JSON.stringify(session.body)).toBe(201);
    const evidence = await call('POST', `${caseUrl}/evidence`, {
      claims: world.claims.officer,
      headers: key(),
      body: {
        fileName: 'foto-kerja.jpg',
        contentType: 'image/jpeg',
        sizeBytes: 2048,
        sha256: evidenceSha,
        kind: 'photo',
        sessionId: session.body.id,
      },
    });
    expect(evidence.status, JSON.stringify(evidence.body)).toBe(201);
    const revealed = await call('GET', `${office}/clients/${clientId}?reveal=nik&reason=Cek%20KTP%20asli`, {
      claims: world.claims.admin,
    });
    expect(revealed.status).toBe(200);
    nik = revealed.body.nik;
    fullName = revealed.body.fullName;
    expect(nik).toMatch(/^\d{16}$/);
  });

  it('exports everything held about the client in one audited action that answers the request', async () => {
    // Prepare
    const request = await logRequest({
      clientId,
      kind: 'access',
      receivedAt: '2026-06-29T07:30:00Z',
      channel: 'letter',
      details: 'Meminta salinan data',
    });
    expect(request.status, JSON.stringify(request.body)).toBe(201);
    // The log shows whom it is about without a read per row.
    expect(request.body.clientName).toBe(fullName);

    // Act
    const made = await call('POST', `${office}/clients/${clientId}/exports`, {
      claims: world.claims.admin,
      headers: key(),
      body: { requestId: request.body.id, reason: 'Permintaan akses subjek data' },
    });

    // Assess: the answer.
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({
      clientId,
      requestId: request.body.id,
      expiresAt: '2026-07-29T08:00:00.000Z',
      linksExpireAt: '2026-06-29T08:15:00.000Z',
    });

    // The JSON holds the records, the evidence hash and the audit entries (the reveal among them).
    const jsonBytes = await download(made.body.json.url);
    expect(sha256(jsonBytes)).toBe(made.body.json.sha256);
    const json = JSON.parse(new TextDecoder().decode(jsonBytes));
    expect(json.client).toMatchObject({ id: clientId, nik, fullName });
    expect(json.lawfulBasis.basis).toBe('legal_obligation');
    expect(json.cases).toHaveLength(1);
    const [exported] = json.cases;
    expect(exported.record.id).toBe(caseId);
    expect(exported.sessions).toHaveLength(1);
    expect(exported.placements).toHaveLength(1);
    expect(exported.evidence).toContainEqual(
      expect.objectContaining({ sha256: evidenceSha, status: 'pending' }),
    );
    expect(exported.evidence[0]).not.toHaveProperty('objectKey');
    expect(exported.audit.map((e: { action: string }) => e.action)).toContain('session.create');
    expect(json.clientAudit).toContainEqual(
      expect.objectContaining({ action: 'client.reveal-nik', reason: 'Cek KTP asli' }),
    );

    // The PDF reads back with the client's name, NIK and lawful basis.
    const pdf = await download(made.body.pdf.url);
    expect(sha256(pdf)).toBe(made.body.pdf.sha256);
    const text = textOf(pdf);
    expect(text).toContain(fullName);
    expect(text).toContain(nik);
    expect(text).toContain('Pemenuhan kewajiban hukum');
    expect(text).toContain('Pasal 20 ayat (2) huruf c');
    expect(text).toContain(evidenceSha.slice(0, 16));
    // Its first page, to be looked at beside the other documents' (test-results/documents).
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(join(OUT_DIR, 'subject-export.pdf'), pdf);
    poppler('pdftoppm', [
      '-png',
      '-r',
      '70',
      join(OUT_DIR, 'subject-export.pdf'),
      join(OUT_DIR, 'subject-export'),
    ]);

    // One audit entry, in the client's trail; the request is answered by it.
    const trail = await env.deps.audit.trail(world.home, { type: 'client', id: clientId }, { limit: 20 });
    const exports = trail.items.filter((entry) => entry.action === 'client.export');
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({ actor: world.people.admin, reason: 'Permintaan akses subjek data' });
    const answered = await call('GET', `${office}/data-requests/${request.body.id}`, {
      claims: world.claims.admin,
    });
    expect(answered.body).toMatchObject({ status: 'answered', exportId: made.body.id, overdue: false });
  });

  it('PDP-REQUEST-ANSWER-ONCE: an answered request cannot be answered by another export', async () => {
    const request = await logRequest({
      clientId,
      kind: 'access',
      receivedAt: '2026-06-29T07:45:00Z',
      channel: 'email',
      details: 'Salinan',
    });
    const first = await call('POST', `${office}/clients/${clientId}/exports`, {
      claims: world.claims.admin,
      headers: key(),
      body: { requestId: request.body.id, reason: 'Permintaan akses' },
    });
    expect(first.status).toBe(201);

    const second = await call('POST', `${office}/clients/${clientId}/exports`, {
      claims: world.claims.admin,
      headers: key(),
      body: { requestId: request.body.id, reason: 'Permintaan akses' },
    });

    expect(second.status).toBe(409);
    expect(second.body.errors).toContainEqual(
      expect.objectContaining({ rule: 'PDP-REQUEST-ANSWER-ONCE', path: 'requestId' }),
    );
  });

  it('hands out new links to the same files while they are kept, each an audited read', async () => {
    const made = await call('POST', `${office}/clients/${clientId}/exports`, {
      claims: world.claims.admin,
      headers: key(),
      body: { reason: 'Salinan untuk subjek' },
    });
    expect(made.status).toBe(201);
    const url = `${office}/clients/${clientId}/exports/${made.body.id}`;

    const links = await call('GET', url, { claims: world.claims.admin });

    expect(links.status, JSON.stringify(links.body)).toBe(200);
    expect(links.body).toMatchObject({
      id: made.body.id,
      clientId,
      json: { sha256: made.body.json.sha256, sizeBytes: made.body.json.sizeBytes },
      pdf: { sha256: made.body.pdf.sha256, pages: made.body.pdf.pages },
      linksExpireAt: '2026-06-29T08:15:00.000Z',
    });
    expect(sha256(await download(links.body.pdf.url))).toBe(made.body.pdf.sha256);
    const trail = await env.deps.audit.trail(world.home, { type: 'client', id: clientId }, { limit: 50 });
    expect(trail.items.filter((e) => e.action === 'client.export-link')).toHaveLength(1);
    // Not this client's, not an id, not for an officer, and not once the files are gone.
    expect(
      (
        await call('GET', `${office}/clients/${clientId}/exports/${crypto.randomUUID()}`, {
          claims: world.claims.admin,
        })
      ).status,
    ).toBe(404);
    expect(
      (await call('GET', `${office}/clients/${clientId}/exports/42`, { claims: world.claims.admin })).status,
    ).toBe(400);
    expect((await call('GET', url, { claims: world.claims.officer })).status).toBe(403);
    now = new Date('2026-07-30T08:00:00Z');
    try {
      expect((await call('GET', url, { claims: world.claims.admin })).status).toBe(404);
    } finally {
      now = NOW;
    }
  });

  it('is refused to another office (404) and to an officer (403)', async () => {
    const body = { reason: 'Coba' };
    const elsewhere = await call('POST', `/v1/offices/${world.other}/clients/${clientId}/exports`, {
      claims: world.claims.otherAdmin,
      headers: key(),
      body,
    });
    expect(elsewhere.status).toBe(404);
    const stranger = await call('POST', `${office}/clients/${clientId}/exports`, {
      claims: world.claims.otherAdmin,
      headers: key(),
      body,
    });
    expect(stranger.status).toBe(404);
    const officer = await call('POST', `${office}/clients/${clientId}/exports`, {
      claims: world.claims.officer,
      headers: key(),
      body,
    });
    expect(officer.status).toBe(403);
  });
});
