import { describe, expect, it } from 'vitest';
import { addDays } from '../../functions/domain';
import {
  adultClient,
  casesApi,
  childCase,
  conversionCase,
  diversionCase,
  lawfulCase,
  litmasAssessment,
} from '../support/cases';
import { patch } from '../support/requests';

// Registration v2 (issue 10) through the API: every lawful court order is registered, and what the
// judge weighs is flagged, not refused. 10 March 2026 in Palopo.
const api = casesApi('2026-03-10T08:00:00Z');
const { call, base } = api;

let serial = 0;
/** A client of the office; `birth` (YYYY-MM-DD) is written into the NIK, with a guardian for a minor. */
async function client(birth = '1990-01-15') {
  serial += 1;
  const [y, m, d] = birth.split('-');
  const nik = `737301${d}${m}${y!.slice(2)}${String(2000 + serial).padStart(4, '0')}`;
  const body = adultClient({ nik, birthDate: birth, guardian: { name: 'Hasnah', relation: 'ibu' } });
  const created = await call('POST', `${base()}/clients`, { claims: api.world.claims.officer, body });
  if (created.status !== 201) throw new Error(`client: ${JSON.stringify(created.body)}`);
  return created.body.id as string;
}

async function register(body: Record<string, unknown>) {
  return call('POST', `${base()}/cases`, { claims: api.world.claims.officer, body });
}

const adult = async (overrides: Record<string, unknown> = {}) =>
  register(lawfulCase(await client(), api.world.people.officer, overrides));
const decision = (more: Record<string, unknown>) => ({ ...lawfulCase('', '').decision, ...more });
const rulesOf = (body: { errors?: { rule: string }[] }) => (body.errors ?? []).map((e) => e.rule);
const flagRules = (body: { flags: { rule: string }[] }) => body.flags.map((f) => f.rule);

describe('ID-DECISION-NUMBER: decisions of every level', () => {
  it('registers a PT (appeal) and an MA (cassation) decision and shows decision.level', async () => {
    const appeal = await adult({
      decision: decision({ number: '45/Pid/2026/PT Mks', court: 'PT Makassar' }),
    });
    const cassation = await adult({ decision: decision({ number: '1234 k/pid.sus/2026', court: 'MA' }) });
    const first = await adult();

    expect(appeal.status).toBe(201);
    expect(appeal.body).toMatchObject({ origin: 'decision', decision: { level: 'appeal' }, flags: [] });
    expect(cassation.status).toBe(201);
    expect(cassation.body.decision.level).toBe('cassation');
    expect(first.body.decision.level).toBe('first_instance');
    const read = await call('GET', `${base()}/cases/${appeal.body.id}`, { claims: api.world.claims.officer });
    expect(read.body.decision.level).toBe('appeal');
  });
});

describe('KS-ELIGIBILITY and KS-REPLACES: what the kerja sosial replaces', () => {
  it('registers a fine-only offence (threatenedMaxMonths 0) replacing the fine', async () => {
    const response = await adult({
      decision: decision({
        threatenedMaxMonths: 0,
        imposed: { fineRupiah: 5_000_000 },
        nonComplianceSanction: 'pay_fine',
      }),
    });
    expect(response.status).toBe(201);
    expect(response.body.decision).toMatchObject({ threatenedMaxMonths: 0, replaces: 'fine' });
  });

  it('registers a mixed prison and fine decision with replaces, and refuses one without it', async () => {
    const mixed = { prisonMonths: 3, fineRupiah: 2_000_000 };
    const stated = await adult({
      decision: decision({ imposed: mixed, replaces: 'fine', nonComplianceSanction: 'pay_fine' }),
    });
    const unstated = await adult({ decision: decision({ imposed: mixed }) });

    expect(stated.status).toBe(201);
    expect(stated.body.decision.replaces).toBe('fine');
    expect(unstated.status).toBe(400);
    expect(unstated.body.errors).toContainEqual(
      expect.objectContaining({ path: 'decision.replaces', rule: 'KS-REPLACES' }),
    );
  });
});

describe('KS-DEADLINE: at most 180 days counted inclusive', () => {
  it('accepts a deadline of start + 179 and refuses start + 180', async () => {
    const window = (days: number) => ({
      sentence: {
        kind: 'kerja_sosial',
        hours: 40,
        maxHoursPerDay: 4,
        startDate: '2026-03-01',
        deadline: addDays('2026-03-01', days),
      },
    });
    const last = await adult(window(179));
    const over = await adult(window(180));

    expect(last.status).toBe(201);
    expect(over.status).toBe(400);
    expect(over.body.errors).toContainEqual(
      expect.objectContaining({ path: 'sentence.deadline', rule: 'KS-DEADLINE' }),
    );
  });
});

describe('children: the age at the offence decides the track', () => {
  it('CHILD-OFFENCE-AGE accepts a child 17 at the offence and 18 at the decision', async () => {
    // Born 1 March 2008: 17 on 10 January 2026, 18 on 5 March 2026.
    const response = await register(childCase(await client('2008-03-01'), api.world.people.officer));
    expect(response.status).toBe(201);
    expect(response.body.decision.offenceDate).toBe('2026-01-10');
    expect(flagRules(response.body)).not.toContain('CHILD-ADVISORY-HOURS');
  });

  it('CHILD-UNDER-14 refuses a child 13 at the offence', async () => {
    const response = await register(childCase(await client('2012-06-01'), api.world.people.officer));
    expect(response.status).toBe(400);
    expect(rulesOf(response.body)).toContain('CHILD-UNDER-14');
  });

  it("CHILD-ADVISORY-HOURS accepts the court's 5-hour Sunday order and flags it", async () => {
    const response = await register(
      childCase(await client('2010-05-20'), api.world.people.officer, {
        sentence: {
          kind: 'pelayanan_masyarakat',
          hours: 20,
          maxHoursPerDay: 5,
          daysPerWeek: 1,
          startDate: '2026-03-15',
          deadline: '2026-09-30',
        },
      }),
    );
    expect(response.status).toBe(201);
    expect(response.body.flags).toContainEqual(
      expect.objectContaining({ rule: 'CHILD-ADVISORY-HOURS', path: 'sentence.maxHoursPerDay' }),
    );
  });
});

describe('KS-CONSENT: recorded and flagged, never refused', () => {
  it('registers a decision without consent on record, flagged; recording it clears the flag', async () => {
    const { consent: _consent, ...withoutConsent } = lawfulCase(await client(), api.world.people.officer);
    const response = await register(withoutConsent);

    expect(response.status).toBe(201);
    expect(response.body.consent).toBeUndefined();
    expect(response.body.flags).toContainEqual(
      expect.objectContaining({ rule: 'KS-CONSENT', path: 'consent' }),
    );

    const url = `${base()}/cases/${response.body.id}`;
    const consent = { given: true, recordedOn: '2026-03-09' };
    const corrected = await patch(call, url, api.world.claims.officer, { consent }, 1);
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ consent, flags: [] });
  });

  it('registers a decision whose client did not consent, flagged on consent.given', async () => {
    const response = await adult({ consent: { given: false, recordedOn: '2026-02-25' } });
    expect(response.status).toBe(201);
    expect(response.body.flags).toContainEqual(
      expect.objectContaining({ rule: 'KS-CONSENT', path: 'consent.given' }),
    );
  });

  it("a correction recomputes registration's flags and keeps the assessment's", async () => {
    const { consent: _consent, ...withoutConsent } = lawfulCase(await client(), api.world.people.officer);
    const { body: created } = await register(withoutConsent);
    const url = `${base()}/cases/${created.id}`;
    const assessed = await call('POST', `${url}/assessments`, {
      claims: api.world.claims.officer,
      body: litmasAssessment({ consent: { status: 'not_asked', recordedOn: '2026-03-09' } }),
    });
    expect(assessed.status).toBe(201);

    const corrected = await patch(
      call,
      url,
      api.world.claims.officer,
      { officerUsername: api.world.people.officer },
      2,
    );
    expect(corrected.status).toBe(200);
    expect(corrected.body.flags).toEqual([
      expect.objectContaining({ rule: 'KS-CONSENT', path: 'consent.status' }),
    ]);
  });
});

describe('other origins', () => {
  it('KS-FINE-SUBSTITUTE registers a Pasal 82 conversion of Rp1,025,000 as 21 hours', async () => {
    const response = await register(conversionCase(await client(), api.world.people.officer));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      origin: 'fine_conversion',
      conversion: { fineRupiah: 1_025_000, legalBasis: 'KUHP 82' },
      sentence: { hours: 21 },
      progress: { hoursOrdered: 21 },
    });

    const twenty = { ...conversionCase(await client(), api.world.people.officer) };
    const wrong = await register({ ...twenty, sentence: { ...twenty.sentence, hours: 20 } });
    expect(wrong.status).toBe(400);
    expect(rulesOf(wrong.body)).toContain('KS-FINE-SUBSTITUTE');
  });

  it('ORIGIN-DIVERSION registers a diversion agreement without a decision number', async () => {
    const response = await register(diversionCase(await client('2011-02-01'), api.world.people.officer));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      origin: 'diversion',
      diversion: { penetapanNumber: '3/Pen.Div/2026/PN Plp', agreementDate: '2026-03-02' },
    });
    expect(response.body.decision.number).toBeUndefined();
    expect(response.body.decision.level).toBeUndefined();
  });

  it('still needs a decision number for a decision', async () => {
    const { number: _number, ...numberless } = decision({});
    const response = await adult({ decision: numberless });
    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual(
      expect.objectContaining({ path: 'decision.number', rule: 'ID-DECISION-NUMBER' }),
    );
  });
});

describe('v1 records', () => {
  it('reads a case stored by v1 (no origin, level or flags) with the defaults', async () => {
    const clientId = await client();
    const v1 = lawfulCase(clientId, api.world.people.officer) as unknown as Parameters<
      typeof api.env.deps.cases.register
    >[1];
    const stored = await api.env.deps.cases.register(
      api.world.home,
      {
        ...v1,
        clientName: 'Andi Baso',
        status: 'received',
        creditedMinutes: 0,
        remainingMinutes: 40 * 60,
        openWarnings: 0,
      },
      { actor: 'v1', at: new Date('2026-03-01T00:00:00Z') },
      { childAtOffence: false },
    );
    const read = await call('GET', `${base()}/cases/${stored.id}`, { claims: api.world.claims.officer });

    expect(stored).not.toHaveProperty('origin');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      origin: 'decision',
      decision: { number: '12/Pid.B/2026/PN Plp', level: 'first_instance' },
      flags: [],
    });
    expect(read.body.decision).not.toHaveProperty('replaces');
  });
});
