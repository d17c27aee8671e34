import { describe, expect, it } from 'vitest';
import type { ApiResponse } from '../support/api';
import { adultClient, childCase, conversionCase, lawfulCase } from '../support/cases';
import { nonComplianceSuite } from '../support/non-compliance';

/**
 * Issue 10: the non-compliance path that works (outcome terms, the paused clock, children), warnings at
 * scale, and part-payments of a fine conversion. 10:00 WITA on 10 June 2026 in the office.
 */
const { call, world, officeOpenWarnings, api } = nonComplianceSuite('2026-06-10T02:00:00Z');
const { casePath, getCase, warn, refer, recordOutcome } = api;

const rulesOf = (response: ApiResponse) => (response.body.errors as { rule?: string }[]).map((e) => e.rule);
const decided = { decidedOn: '2026-06-10', reference: 'B-123/P.4.14/Eoh.1/06/2026' };
const adultWith = (sanction: string, more: Record<string, unknown> = {}) => ({
  decision: { ...lawfulCase('', '').decision, nonComplianceSanction: sanction, ...more },
});

/** A session as the PK records it at the case's site, 08:00 to `endTime`. */
const session = (caseId: string, siteId: string, date: string, outcome: string, endTime = '12:00') =>
  call('POST', `${casePath(caseId)}/sessions`, {
    claims: world().claims.officer,
    body: { date, startTime: '08:00', endTime, siteId, outcome },
  });

/** An active case with 4 hours credited on 1 June, warned for an absence on 2 June, and referred. */
async function referredWithCredit(overrides?: Record<string, unknown>) {
  const { caseId, siteId } = await api.activeCase(overrides);
  expect((await session(caseId, siteId, '2026-06-01', 'attended')).status).toBe(201);
  const absence = await session(caseId, siteId, '2026-06-02', 'unexcused_absence');
  expect(absence.status).toBe(201);
  const warning = await warn(caseId, { level: 1, reason: 'Tidak hadir', sessionIds: [absence.body.id] });
  expect(warning.status).toBe(201);
  const referral = await refer(caseId, [warning.body.id]);
  expect(referral.status).toBe(201);
  return { caseId, siteId, referralId: referral.body.id as string };
}

describe('the referral outcome sets the terms the case follows', () => {
  it('PROGRESS-PAUSED: while referred the clock is paused and no session is recorded', async () => {
    const { caseId, siteId } = await referredWithCredit();

    const read = await getCase(caseId);
    const refused = await session(caseId, siteId, '2026-06-08', 'attended');

    expect(read).toMatchObject({ status: 'referred', clock: { paused: true }, progress: { paused: true } });
    expect(refused.status).toBe(409);
    expect(rulesOf(refused)).toContain('CR-CASE-STATUS');
  });

  it('OUTCOME-TERMS: a repeat of part adds the hours to those credited, by the new deadline; crediting and completion follow', async () => {
    const { caseId, siteId, referralId } = await referredWithCredit(adultWith('repeat'));

    const recorded = await recordOutcome(referralId, {
      decision: 'repeat',
      scope: 'part',
      hours: 2,
      deadline: '2026-09-30',
      decidedBy: 'court',
      deciderName: 'Majelis PN Palopo',
      ...decided,
    });

    expect(recorded.status).toBe(200);
    expect(recorded.body.outcome).toMatchObject({
      scope: 'part',
      decidedBy: 'court',
      deciderName: 'Majelis PN Palopo',
      terms: { hours: 6, deadline: '2026-09-30', source: 'referral_outcome' },
      resolvedWarnings: { count: 1, referralId },
    });
    expect(await getCase(caseId)).toMatchObject({
      status: 'repeated',
      terms: { hours: 6, deadline: '2026-09-30', source: 'referral_outcome' },
      clock: { paused: false },
      progress: { hoursOrdered: 6, hoursCredited: 4, hoursRemaining: 2, deadline: '2026-09-30' },
    });
    expect((await getCase(caseId)).progress).not.toHaveProperty('paused');
    // Credited history is kept; a 4-hour session now credits the 2 hours the terms leave (CR-TOTAL-CAP).
    expect((await session(caseId, siteId, '2026-06-09', 'attended')).status).toBe(201);
    expect((await getCase(caseId)).progress).toMatchObject({ hoursCredited: 6, hoursRemaining: 0 });
    expect((await api.transition(caseId, 'active')).status).toBe(200);
    expect((await api.transition(caseId, 'completed')).status).toBe(200);
  });

  it('OUTCOME-TERMS: continue (not upheld) goes back to active with the new deadline', async () => {
    const { caseId, referralId } = await referredWithCredit();

    const recorded = await recordOutcome(referralId, {
      decision: 'continue',
      deadline: '2026-07-31',
      decidedBy: 'jaksa',
      ...decided,
    });

    expect(recorded.status).toBe(200);
    expect(await getCase(caseId)).toMatchObject({
      status: 'active',
      terms: { hours: 40, deadline: '2026-07-31' },
      progress: { hoursRemaining: 36, deadline: '2026-07-31' },
    });
  });

  it('OUTCOME-TERMS: serve_prison of part ends the case converted with the days recorded', async () => {
    const { caseId, referralId } = await referredWithCredit();

    const recorded = await recordOutcome(referralId, {
      decision: 'serve_prison',
      scope: 'part',
      days: 45,
      ...decided,
    });

    expect(recorded.status).toBe(200);
    expect(await getCase(caseId)).toMatchObject({ status: 'converted', terms: { prisonDays: 45 } });
  });

  it('OUTCOME-ALLOWED: an outcome the decision does not allow is refused and changes nothing', async () => {
    const { caseId, referralId } = await referredWithCredit();

    const refused = await recordOutcome(referralId, {
      decision: 'pay_fine',
      amountRupiah: 500_000,
      ...decided,
    });

    expect(refused.status).toBe(400);
    expect(rulesOf(refused)).toEqual(['OUTCOME-ALLOWED']);
    expect(await getCase(caseId)).toMatchObject({ status: 'referred', openWarnings: 1 });
  });
});

describe("a child's referral (SPPA 76(2))", () => {
  it('OUTCOME-DECIDED-BY: only a repeat decided by the hakim pengawas, or continue', async () => {
    const client = await call('POST', `${api.office()}/clients`, {
      claims: world().claims.officer,
      body: adultClient({
        nik: '7373011501109001',
        birthDate: '2010-01-15',
        guardian: { name: 'Hasnah', relation: 'ibu' },
      }),
    });
    expect(client.status).toBe(201);
    const { clientId: _c, officerUsername: _o, ...child } = childCase('', '');
    const { caseId, siteId } = await api.activeCase({ ...child, clientId: client.body.id });
    const absence = await session(caseId, siteId, '2026-06-07', 'unexcused_absence', '11:00');
    expect(absence.status).toBe(201);
    const warning = await warn(caseId, { level: 1, reason: 'Tidak hadir', sessionIds: [absence.body.id] });
    const referral = await refer(caseId, [warning.body.id]);
    const repeat = { decision: 'repeat', scope: 'part', hours: 5, deadline: '2026-09-30', ...decided };

    const prison = await recordOutcome(referral.body.id, { ...decided, decision: 'serve_prison' });
    const byJaksa = await recordOutcome(referral.body.id, { ...repeat, decidedBy: 'jaksa' });
    const byHakim = await recordOutcome(referral.body.id, { ...repeat, decidedBy: 'hakim_pengawas' });

    expect(rulesOf(prison)).toEqual(['OUTCOME-ALLOWED']);
    expect(rulesOf(byJaksa)).toEqual(['OUTCOME-DECIDED-BY']);
    expect(byHakim.status).toBe(200);
    expect(await getCase(caseId)).toMatchObject({ status: 'repeated', terms: { hours: 5 } });
  });
});

describe('WARN-RESOLUTION: warnings at scale', () => {
  it('120 warnings: referred, decided and the case ended without a 500, counted right', async () => {
    const { caseId } = await api.activeCase();
    const before = await officeOpenWarnings();
    const issued: string[] = [];
    for (let i = 0; i < 120; i += 1) {
      const warning = await warn(caseId, { level: 1, reason: `Teguran ${i + 1}`, sessionIds: [] });
      expect(warning.status).toBe(201);
      issued.push(warning.body.id);
    }
    expect(await getCase(caseId)).toMatchObject({ status: 'warned', openWarnings: 120 });
    expect(await officeOpenWarnings()).toBe(before + 120);

    const referral = await refer(caseId, issued.slice(-50));
    expect(referral.status).toBe(201);
    const outcome = await recordOutcome(referral.body.id, { decision: 'continue', ...decided });
    expect(outcome.status).toBe(200);
    expect(outcome.body.outcome.resolvedWarnings).toMatchObject({ count: 120, through: issued.at(-1) });
    expect(outcome.body.case).toMatchObject({ status: 'active', openWarnings: 0 });
    expect(await officeOpenWarnings()).toBe(before);

    const pages = [
      await call('GET', `${casePath(caseId)}/warnings?limit=100`, { claims: world().claims.officer }),
    ];
    pages.push(
      await call('GET', `${casePath(caseId)}/warnings?limit=100&cursor=${pages[0]!.body.nextCursor}`, {
        claims: world().claims.officer,
      }),
    );
    const listed = pages.flatMap((p) => p.body.items as { status: string; resolvedByReferralId?: string }[]);
    expect(listed).toHaveLength(120);
    expect(listed.every((w) => w.status === 'resolved' && w.resolvedByReferralId === referral.body.id)).toBe(
      true,
    );

    // A warning after the outcome is open; ending the case resolves it by the case's end.
    const late = await warn(caseId, { level: 2, reason: 'Teguran lagi', sessionIds: [] });
    expect(late.body.case).toMatchObject({ openWarnings: 1 });
    const ended = await call('POST', `${casePath(caseId)}/transitions`, {
      claims: world().claims.officer,
      body: { to: 'terminated', reason: 'Klien meninggal dunia' },
    });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'terminated', openWarnings: 0 });
    expect(await officeOpenWarnings()).toBe(before);
    const newest = await call('GET', `${casePath(caseId)}/warnings?limit=2`, {
      claims: world().claims.officer,
    });
    expect(newest.body.items.map((w: { status: string; resolvedByCaseStatus?: string }) => w)).toEqual([
      expect.objectContaining({ id: late.body.id, status: 'resolved', resolvedByCaseStatus: 'terminated' }),
      expect.objectContaining({ status: 'resolved', resolvedByReferralId: referral.body.id }),
    ]);
  }, 120_000);
});

describe('part-payments of a fine conversion (KUHP 82)', () => {
  const pay = (caseId: string, amountRupiah: number, paidOn = '2026-06-05') =>
    call('POST', `${casePath(caseId)}/payments`, {
      claims: world().claims.prosecutor,
      body: { amountRupiah, paidOn },
    });

  it('PAY-HOURS: payments shrink the hours owed in proportion; paying everything lets the case complete', async () => {
    const { clientId: _c, officerUsername: _o, ...conversion } = conversionCase('', '');
    const { caseId, siteId } = await api.activeCase(conversion);
    expect((await session(caseId, siteId, '2026-06-01', 'attended')).status).toBe(201);

    const half = await pay(caseId, 512_500);

    // 21 × 512,500 ÷ 1,025,000 = 10.5 → 11 hours in all; 4 served, 7 owed.
    expect(half.status).toBe(201);
    expect(half.body).toMatchObject({
      amountRupiah: 512_500,
      paidTotalRupiah: 512_500,
      hoursAfter: 11,
      case: { terms: { hours: 11, source: 'payment', paidRupiah: 512_500 } },
    });
    expect((await getCase(caseId)).progress).toMatchObject({ hoursOrdered: 11, hoursRemaining: 7 });
    expect(rulesOf(await pay(caseId, 600_000))).toEqual(['PAY-AMOUNT']);
    expect((await pay(caseId, 512_500)).status).toBe(201);
    expect((await getCase(caseId)).progress).toMatchObject({ hoursRemaining: 0 });
    expect((await api.transition(caseId, 'completed')).status).toBe(200);
  });

  it('PAY-CONVERSION: a decision that is not a conversion takes no payment', async () => {
    const caseId = await api.receivedCase();

    const refused = await pay(caseId, 50_000);

    expect(refused.status).toBe(400);
    expect(rulesOf(refused)).toEqual(['PAY-CONVERSION']);
  });

  it('PAY-DATE: a payment in the future is refused', async () => {
    const { clientId: _c, officerUsername: _o, ...conversion } = conversionCase('', '');
    const caseId = await api.receivedCase(conversion);

    expect(rulesOf(await pay(caseId, 50_000, '2026-06-11'))).toEqual(['PAY-DATE']);
  });
});
