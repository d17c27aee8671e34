import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { keys } from '../../functions/store/keys';
import { newId } from '../../functions/store/audit';
import type { ApiResponse } from '../support/api';
import { lawfulCase } from '../support/cases';
import { nonComplianceSuite } from '../support/non-compliance';

/** 10:00 WITA on 10 June 2026 in the office (Asia/Makassar). */
const { env, call, world, officeOpenWarnings, api } = nonComplianceSuite('2026-06-10T02:00:00Z');
const { casePath, getCase, warn, refer, recordOutcome } = api;

/** A case as PN Palopo decided it (40 hours of kerja sosial, March to June 2026), still received. */
const registerCase = () => api.receivedCase();

/** An `active` case: assessed, placed at the office's work site, then active. */
const activeCase = async (overrides?: Record<string, unknown>) => (await api.activeCase(overrides)).caseId;

/**
 * Writes a session straight into the case partition. The session API is being built alongside this
 * one; warnings only read a session's id, outcome and misconduct flag from the item under
 * `SESSION#<date>#<startTime>#<id>`, so the test plants exactly that instead of depending on it.
 */
async function plantSession(
  caseId: string,
  outcome: 'attended' | 'partial' | 'excused_absence' | 'unexcused_absence',
  options: { date?: string; misconduct?: boolean } = {},
): Promise<string> {
  const id = newId(new Date());
  const date = options.date ?? '2026-05-09';
  await env.db.send(
    new PutCommand({
      TableName: env.tableName,
      Item: {
        pk: keys.casePartition(world().home, caseId),
        sk: `SESSION#${date}#08:00#${id}`,
        type: 'session',
        id,
        caseId,
        date,
        startTime: '08:00',
        endTime: '12:00',
        outcome,
        ...(options.misconduct === undefined ? {} : { misconduct: options.misconduct }),
      },
    }),
  );
  return id;
}

/**
 * A warned case with one open warning citing an unexcused absence, and a referral awaiting its outcome.
 * `sanction` is the decision's non-compliance sanction (lawfulCase's: serve_prison).
 */
async function referredCase(sanction?: 'repeat' | 'serve_prison' | 'pay_fine') {
  const caseId = await activeCase(
    sanction && { decision: { ...lawfulCase('', '').decision, nonComplianceSanction: sanction } },
  );
  const absence = await plantSession(caseId, 'unexcused_absence');
  const warning = await warn(caseId, { level: 1, reason: 'Tidak hadir 9 Mei', sessionIds: [absence] });
  expect(warning.status).toBe(201);
  const referral = await refer(caseId, [warning.body.id]);
  expect(referral.status).toBe(201);
  return { caseId, warningId: warning.body.id as string, referralId: referral.body.id as string };
}

const rulesOf = (response: ApiResponse) => (response.body.errors as { rule?: string }[]).map((e) => e.rule);

describe('warnings (teguran)', () => {
  it('a warning on an active case makes it warned and counts the open warning on the case and the office', async () => {
    const caseId = await activeCase();
    const absence = await plantSession(caseId, 'unexcused_absence');
    const before = await officeOpenWarnings();

    const created = await warn(caseId, {
      level: 1,
      reason: 'Tidak hadir tanpa alasan',
      sessionIds: [absence],
    });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^[0-9A-Z]{26}$/),
      caseId,
      level: 1,
      sessionIds: [absence],
      status: 'open',
      issuedBy: world().people.officer,
      case: { id: caseId, status: 'warned', openWarnings: 1 },
    });
    expect(await getCase(caseId)).toMatchObject({ status: 'warned', openWarnings: 1 });
    expect(await officeOpenWarnings()).toBe(before + 1);
  });

  it('a second warning keeps a warned case warned and counts again; the list is newest first', async () => {
    const caseId = await activeCase();
    const absence = await plantSession(caseId, 'unexcused_absence');
    const misconduct = await plantSession(caseId, 'partial', { date: '2026-05-16', misconduct: true });
    const first = await warn(caseId, { level: 1, reason: 'Tidak hadir', sessionIds: [absence] });
    const before = await officeOpenWarnings();

    const second = await warn(caseId, { level: 2, reason: 'Mengancam pengawas', sessionIds: [misconduct] });

    expect(second.status).toBe(201);
    expect(second.body.case).toMatchObject({ status: 'warned', openWarnings: 2 });
    expect(await officeOpenWarnings()).toBe(before + 1);
    const list = await call('GET', `${casePath(caseId)}/warnings`, { claims: world().claims.prosecutor });
    expect(list.status).toBe(200);
    expect(list.body.items.map((w: { id: string }) => w.id)).toEqual([second.body.id, first.body.id]);
    expect(list.body.nextCursor).toBeNull();
  });

  it('WARN-SESSIONS: a warning citing an attended session is refused and writes nothing', async () => {
    const caseId = await activeCase();
    const attended = await plantSession(caseId, 'attended');
    const excused = await plantSession(caseId, 'excused_absence', { date: '2026-05-16' });
    const before = await getCase(caseId);

    const refused = await warn(caseId, {
      level: 1,
      reason: 'Salah kutip',
      sessionIds: [attended, excused, 'NOSUCH'],
    });

    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ path: 'sessionIds.0', rule: 'WARN-SESSIONS' }),
      expect.objectContaining({ path: 'sessionIds.1', rule: 'WARN-SESSIONS' }),
      expect.objectContaining({ path: 'sessionIds.2', rule: 'WARN-SESSIONS' }),
    ]);
    expect(await getCase(caseId)).toMatchObject({
      status: 'active',
      version: before.version,
      openWarnings: 0,
    });
    const list = await call('GET', `${casePath(caseId)}/warnings`, { claims: world().claims.officer });
    expect(list.body.items).toEqual([]);
  });

  it('WARN-SESSIONS: a warning with no sessions is allowed (misconduct away from a session)', async () => {
    const caseId = await activeCase();

    const created = await warn(caseId, {
      level: 2,
      reason: 'Mengancam pengawas lewat telepon',
      sessionIds: [],
    });

    expect(created.status).toBe(201);
  });

  it('WARN-LEVEL: only levels 1, 2 and 3 exist', async () => {
    const caseId = await activeCase();

    const refused = await warn(caseId, { level: 4, reason: 'Terlalu berat', sessionIds: [] });

    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe('level');
  });

  it('LC-TRANSITION: a case that is not active or warned cannot be warned', async () => {
    const caseId = await registerCase();

    const refused = await warn(caseId, { level: 1, reason: 'Belum mulai', sessionIds: [] });

    expect(refused.status).toBe(400);
    expect(rulesOf(refused)).toContain('LC-TRANSITION');
  });

  it('a prosecutor cannot issue a warning (403); a case of nobody is 404', async () => {
    const caseId = await activeCase();

    expect(
      (await warn(caseId, { level: 1, reason: 'x', sessionIds: [] }, world().claims.prosecutor)).status,
    ).toBe(403);
    expect((await warn('0'.repeat(26), { level: 1, reason: 'x', sessionIds: [] })).status).toBe(404);
  });
});

describe('referrals to the jaksa', () => {
  it('REFERRAL-NEEDS-WARNING: a referral must cite a warning of this case', async () => {
    const caseId = await activeCase();
    const other = await referredCase();

    const none = await refer(caseId, []);
    const foreign = await refer(caseId, [other.warningId]);

    expect(none.status).toBe(400);
    expect(rulesOf(none)).toEqual(['REFERRAL-NEEDS-WARNING']);
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toContainEqual(
      expect.objectContaining({ path: 'warningIds.0', rule: 'REFERRAL-NEEDS-WARNING' }),
    );
    expect(await getCase(caseId)).toMatchObject({ status: 'active' });
  });

  it('a referral makes the case referred and awaits the outcome; its id leads to its case', async () => {
    const { caseId, warningId, referralId } = await referredCase();

    expect(referralId).toMatch(new RegExp(`^${caseId}-[0-9A-Z]{26}$`));
    expect(await getCase(caseId)).toMatchObject({ status: 'referred', openWarnings: 1 });
    const list = await call('GET', `${casePath(caseId)}/referrals`, { claims: world().claims.prosecutor });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: referralId, status: 'awaiting_outcome', warningIds: [warningId] }),
    ]);
  });

  it('LC-TRANSITION: a referred case cannot be referred again', async () => {
    const { caseId, warningId } = await referredCase();

    const again = await refer(caseId, [warningId]);

    expect(again.status).toBe(400);
    expect(rulesOf(again)).toContain('LC-TRANSITION');
  });

  it('a prosecutor cannot refer a case (the PK refers it)', async () => {
    const { caseId, warningId } = await referredCase();

    expect((await refer(caseId, [warningId], world().claims.prosecutor)).status).toBe(403);
  });
});

describe('referral outcomes (KUHP 85(7)), recorded as the jaksa/court decided', () => {
  const decided = { decidedOn: '2026-06-10', reference: 'B-123/P.4.14/Eoh.1/06/2026' };

  it('repeat → repeated; the prosecutor records it; open warnings are resolved on the case and the office', async () => {
    // Issue 10: an adult's outcome is the sanction the decision names (OUTCOME-ALLOWED), so this
    // decision orders a repeat; the body without terms means all of it by the deadline in force.
    const { caseId, warningId, referralId } = await referredCase('repeat');
    const before = await officeOpenWarnings();

    const recorded = await recordOutcome(referralId, { decision: 'repeat', ...decided });

    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({
      id: referralId,
      status: 'decided',
      outcome: { decision: 'repeat', ...decided, recordedBy: world().people.prosecutor },
      case: { id: caseId, status: 'repeated', openWarnings: 0 },
    });
    expect(await getCase(caseId)).toMatchObject({ status: 'repeated', openWarnings: 0 });
    expect(await officeOpenWarnings()).toBe(before - 1);
    const warnings = await call('GET', `${casePath(caseId)}/warnings`, { claims: world().claims.officer });
    expect(warnings.body.items).toEqual([
      expect.objectContaining({ id: warningId, status: 'resolved', resolvedByReferralId: referralId }),
    ]);
  });

  it('continue → active', async () => {
    const { caseId, referralId } = await referredCase();

    const recorded = await recordOutcome(referralId, { decision: 'continue', ...decided });

    expect(recorded.status).toBe(200);
    expect(await getCase(caseId)).toMatchObject({ status: 'active', openWarnings: 0 });
  });

  it('serve_prison → converted', async () => {
    const { caseId, referralId } = await referredCase();

    const recorded = await recordOutcome(
      referralId,
      { decision: 'serve_prison', ...decided },
      world().claims.officer,
    );

    expect(recorded.status).toBe(200);
    expect(await getCase(caseId)).toMatchObject({ status: 'converted' });
  });

  it('a second outcome on a decided referral is a 409 and changes nothing', async () => {
    const { caseId, referralId } = await referredCase();
    await recordOutcome(referralId, { decision: 'continue', ...decided });
    const before = await getCase(caseId);

    const again = await recordOutcome(referralId, { decision: 'serve_prison', ...decided });

    expect(again.status).toBe(409);
    expect(await getCase(caseId)).toMatchObject({ status: 'active', version: before.version });
  });

  it('a warning resolved by an outcome cannot be cited by a new referral', async () => {
    const { caseId, warningId, referralId } = await referredCase();
    await recordOutcome(referralId, { decision: 'continue', ...decided });

    const refused = await refer(caseId, [warningId]);

    expect(refused.status).toBe(400);
    expect(refused.body.errors).toContainEqual(
      expect.objectContaining({ path: 'warningIds.0', message: expect.stringContaining('resolved') }),
    );
  });

  it('the decision date lies between the referral and today (office time)', async () => {
    const { referralId } = await referredCase();

    const future = await recordOutcome(referralId, {
      ...decided,
      decision: 'repeat',
      decidedOn: '2026-06-11',
    });
    const early = await recordOutcome(referralId, {
      ...decided,
      decision: 'repeat',
      decidedOn: '2026-06-09',
    });

    expect(future.status).toBe(400);
    expect(future.body.errors[0].path).toBe('decidedOn');
    expect(early.status).toBe(400);
  });

  it('unknown referrals are 404, malformed ids 400, and a supervisor cannot record an outcome', async () => {
    const { caseId, referralId } = await referredCase();

    expect(
      (await recordOutcome(`${caseId}-${'0'.repeat(26)}`, { decision: 'repeat', ...decided })).status,
    ).toBe(404);
    expect((await recordOutcome('not-a-referral', { decision: 'repeat', ...decided })).status).toBe(400);
    expect(
      (await recordOutcome(referralId, { decision: 'repeat', ...decided }, world().claims.supervisor)).status,
    ).toBe(403);
  });
});
