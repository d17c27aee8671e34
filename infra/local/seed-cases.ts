import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { addDays, localDateOf } from '../../functions/domain';
import { buildHttpApiEvent } from './api-gateway-event';
import type { ApiLambda } from './http-adapter';
import { localLambdaContext } from './lambda-context';
import { seedDemoDocuments } from './seed-documents';
import { DEMO_SITES } from './seed-partners';

const PALOPO = '/v1/offices/bapas-palopo';
const MAKASSAR = '/v1/offices/bapas-makassar';

/**
 * Demo clients and cases, written through the real API handler as the demo PK would, so every
 * demo record obeys the same law, crediting and audit rules as one a user enters. Dates are relative
 * to today, so the demo always shows live work: cases due soon, sessions last week, one off track.
 */
export async function seedDemoCases(api: ApiLambda, now: Date): Promise<void> {
  const call = caller(api);
  const today = localDateOf(now, 'Asia/Makassar');
  const ago = (days: number) => addDays(today, -days);

  const adultCase = (
    clientId: string,
    sentence: Record<string, unknown>,
    number: string,
    decidedDaysAgo = 70,
  ) => ({
    clientId,
    officerUsername: 'pk.palopo',
    prosecutor: { name: 'Rahmawati Said', office: 'Kejaksaan Negeri Palopo' },
    decision: {
      number,
      court: 'PN Palopo',
      date: ago(decidedDaysAgo),
      offenceArticles: ['Pasal 476 UU 1/2023 (pencurian)'],
      threatenedMaxMonths: 36,
      imposed: { prisonMonths: 4 },
      nonComplianceSanction: 'serve_prison',
    },
    sentence,
    consent: { given: true, recordedOn: ago(decidedDaysAgo - 5) },
  });
  /** A sentence from `startDate` to `deadline`, at most 4 hours a day unless `more` says otherwise. */
  const sentence = (
    kind: 'kerja_sosial' | 'pelayanan_masyarakat',
    hours: number,
    startDate: string,
    deadline: string,
    more: { daysPerWeek?: number; maxHoursPerDay?: number } = {},
  ) => ({ kind, hours, maxHoursPerDay: 4, ...more, startDate, deadline });
  /** Registers a Palopo client and then an adult's case for them, as the PK does; returns the case. */
  const enrol = async (client: DemoClient, ...decision: [Record<string, unknown>, string, number?]) => {
    const { id } = await call('POST', `${PALOPO}/clients`, client);
    return call('POST', `${PALOPO}/cases`, adultCase(id, ...decision));
  };

  // 1. Active and on track: mosque in Kecamatan Bara, Mondays and Saturdays.
  const active = await enrol(
    demoClient(
      'Rudi Hartono',
      '7373011208950003',
      '1995-08-12',
      'M',
      'Jl. Sungai Pareman No. 12, Kelurahan Balandai',
      { phone: '+62 813 4200 1122' },
    ),
    sentence('kerja_sosial', 60, ago(60), addDays(ago(60), 170), { daysPerWeek: 2 }),
    '101/Pid.B/2026/PN Plp',
  );
  await assess(call, active.id, ago(60));
  await place(call, active.id, DEMO_SITES.palopoMasjidBara, [1, 6], ago(59), addDays(ago(60), 170));
  for (const [days, start, end, outcome] of [
    [52, '08:00', '12:00', 'attended'],
    [45, '08:00', '11:30', 'attended'],
    [38, '08:00', '12:00', 'attended'],
    [31, '08:30', '11:00', 'partial'],
    [24, '08:00', '12:00', 'attended'],
    [10, '08:00', '12:00', 'attended'],
    [3, '08:00', '12:00', 'attended'],
  ] as const) {
    const date = onOrBefore(ago(days), [1, 6]);
    await session(call, active.id, date, start, end, outcome, DEMO_SITES.palopoMasjidBara);
  }

  // 2. Warned: an absence without lawful reason, and a first warning.
  const warned = await enrol(
    demoClient(
      'Sri Wahyuni',
      '7373015403980002',
      '1998-03-14',
      'F',
      'Jl. Dr. Ratulangi No. 5, Kelurahan Amassangan',
      { phone: '+62 852 4100 2233' },
    ),
    sentence('kerja_sosial', 40, ago(40), addDays(ago(40), 150), { daysPerWeek: 2 }),
    '117/Pid.B/2026/PN Plp',
  );
  await assess(call, warned.id, ago(40));
  await place(call, warned.id, DEMO_SITES.palopoKelurahanBalandai, [2, 4], ago(39), addDays(ago(40), 150));
  await session(
    call,
    warned.id,
    onOrBefore(ago(30), [2, 4]),
    '08:00',
    '12:00',
    'attended',
    DEMO_SITES.palopoKelurahanBalandai,
  );
  const absent = await session(
    call,
    warned.id,
    onOrBefore(ago(16), [2, 4]),
    '08:00',
    '12:00',
    'unexcused_absence',
    DEMO_SITES.palopoKelurahanBalandai,
  );
  await call('POST', `${PALOPO}/cases/${warned.id}/warnings`, {
    level: 1,
    reason: 'Tidak hadir tanpa alasan yang sah pada jadwal kerja sosial.',
    sessionIds: [absent.id],
  });

  // 3. Received: the decision is in, the PK's Litmas is still to come.
  await enrol(
    demoClient('Ahmad Fauzi', '7373010302000001', '2000-02-03', 'M', 'Jl. Andi Kambo, Kelurahan Luminda'),
    sentence('kerja_sosial', 24, addDays(today, 7), addDays(today, 97)),
    '142/Pid.B/2026/PN Plp',
  );

  // 4. A child (Anak): pelayanan masyarakat, Sundays only, 3 hours at most, with a guardian.
  const rizky = await call(
    'POST',
    `${PALOPO}/clients`,
    demoClient('Muhammad Rizky', '7373012107110004', '2011-07-21', 'M', 'Jl. Mangga, Kelurahan Balandai', {
      guardian: { name: 'Hasnah', relation: 'ibu', phone: '+62 852 9900 1234' },
    }),
  );
  const child = await call('POST', `${PALOPO}/cases`, {
    ...adultCase(
      rizky.id,
      sentence('pelayanan_masyarakat', 20, ago(35), addDays(ago(35), 120), {
        maxHoursPerDay: 3,
        daysPerWeek: 1,
      }),
      '9/Pid.Sus-Anak/2026/PN Plp',
    ),
    decision: {
      number: '9/Pid.Sus-Anak/2026/PN Plp',
      court: 'PN Palopo',
      date: ago(45),
      // A child's age counts at the offence (SPPA 1(3)).
      offenceDate: ago(120),
      offenceArticles: ['Pasal 476 UU 1/2023'],
      threatenedMaxMonths: 36,
      imposed: { prisonMonths: 2 },
      nonComplianceSanction: 'repeat',
    },
    consent: { given: true, recordedOn: ago(40) },
  });
  await assess(call, child.id, ago(35));
  await place(call, child.id, DEMO_SITES.palopoMasjidBara, [7], ago(34), addDays(ago(35), 120));
  for (const days of [28, 21, 14]) {
    await session(
      call,
      child.id,
      onOrBefore(ago(days), [7]),
      '08:00',
      '11:00',
      'attended',
      DEMO_SITES.palopoMasjidBara,
    );
  }

  // 5. Completed: all eight hours credited.
  const done = await enrol(
    demoClient(
      'Dewi Lestari',
      '7373016910920005',
      '1992-10-29',
      'F',
      'Jl. Opu Tosappaile, Kelurahan Surutanga',
    ),
    sentence('kerja_sosial', 8, ago(30), addDays(ago(30), 60)),
    '88/Pid.C/2026/PN Plp',
  );
  await assess(call, done.id, ago(30));
  await place(call, done.id, DEMO_SITES.palopoCamatWara, [3, 5], ago(29), addDays(ago(30), 60));
  for (const days of [20, 13]) {
    const date = onOrBefore(ago(days), [3, 5]);
    await session(call, done.id, date, '08:00', '12:00', 'attended', DEMO_SITES.palopoCamatWara);
  }
  await walk(call, done.id, ['completed']);

  // 6. Off track: 80 hours, one day a week, two weeks left and 76 hours to go.
  const behind = await enrol(
    demoClient('Yusuf Mallarangeng', '7373010506880006', '1988-06-05', 'M', 'Jl. Kelapa, Kelurahan Salobulo'),
    sentence('kerja_sosial', 80, ago(160), addDays(today, 15), { daysPerWeek: 1 }),
    '55/Pid.B/2026/PN Plp',
    170,
  );
  await assess(call, behind.id, ago(160));
  await place(call, behind.id, DEMO_SITES.palopoKelurahanBalandai, [6], ago(159), addDays(today, 15));
  await session(
    call,
    behind.id,
    onOrBefore(ago(100), [6]),
    '08:00',
    '12:00',
    'attended',
    DEMO_SITES.palopoKelurahanBalandai,
  );

  // The PK accepts the planner's next six weeks for the active, warned and child cases: the supervisor's
  // day, the site load and tomorrow's reminders (local outbox) then have slots to show. The off-track
  // case is left unscheduled: its plan says it is impossible, which is what the PK must act on.
  for (const id of [active.id, warned.id, child.id]) await acceptPlan(call, id);

  // Letterheads, registers and the first documents: a placement letter, a daftar hadir, a berita acara.
  await seedDemoDocuments(api, {
    activeCaseId: active.id,
    completedCaseId: done.id,
    siteId: DEMO_SITES.palopoMasjidBara,
    month: today.slice(0, 7),
  });

  // 7. Received on appeal: the Pengadilan Tinggi's decision is the one executed (decision.level appeal).
  await enrol(
    demoClient('Hendra Saputra', '7373012504930008', '1993-04-25', 'M', 'Jl. Kartini, Kelurahan Tompotikka'),
    sentence('kerja_sosial', 30, addDays(today, 5), addDays(today, 120)),
    '45/Pid/2026/PT Mks',
    40,
  );

  // 8. A Pasal 82 conversion: an unpaid fine of Rp1,025,000 becomes 21 hours (one per Rp50,000 or part).
  const { id: conversionClient } = await call(
    'POST',
    `${PALOPO}/clients`,
    demoClient('Nurhayati', '7373015712850009', '1985-12-17', 'F', 'Jl. Landau, Kelurahan Purangi'),
  );
  const { consent: _consent, ...conversionBase } = adultCase(
    conversionClient,
    sentence('kerja_sosial', 21, addDays(today, 3), addDays(today, 90)),
    '61/Pid.C/2026/PN Plp',
    30,
  );
  await call('POST', `${PALOPO}/cases`, {
    ...conversionBase,
    origin: 'fine_conversion',
    decision: {
      ...conversionBase.decision,
      offenceArticles: ['Pasal 331 UU 1/2023'],
      imposed: { fineRupiah: 1_025_000 },
      nonComplianceSanction: 'pay_fine',
    },
    conversion: { fineRupiah: 1_025_000, legalBasis: 'KUHP 82' },
  });

  // 9. A children's diversion agreement and its penetapan: no decision number, at most 3 months.
  const { id: diversionClient } = await call(
    'POST',
    `${PALOPO}/clients`,
    demoClient('Aditya Pratama', '7373010909100010', '2010-09-09', 'M', 'Jl. Bakau, Kelurahan Binturu', {
      guardian: { name: 'Syamsul', relation: 'ayah', phone: '+62 852 9900 5678' },
    }),
  );
  await call('POST', `${PALOPO}/cases`, {
    clientId: diversionClient,
    officerUsername: 'pk.palopo',
    prosecutor: { name: 'Rahmawati Said', office: 'Kejaksaan Negeri Palopo' },
    origin: 'diversion',
    decision: {
      court: 'PN Palopo',
      date: ago(10),
      offenceDate: ago(60),
      offenceArticles: ['Pasal 407 UU 1/2023'],
      nonComplianceSanction: 'repeat',
    },
    diversion: { penetapanNumber: '4/Pen.Div/2026/PN Plp', agreementDate: ago(14), withoutVictim: true },
    sentence: sentence('pelayanan_masyarakat', 12, addDays(today, 2), addDays(today, 80), {
      maxHoursPerDay: 2,
      daysPerWeek: 1,
    }),
  });

  // Makassar: a client of another office, which no Palopo user may ever see.
  await caller(api, 'admin.makassar')(
    'POST',
    `${MAKASSAR}/clients`,
    demoClient(
      'Andi Makkasau',
      '7371011111900007',
      '1990-11-11',
      'M',
      'Jl. Sultan Alauddin',
      {},
      'Kota Makassar',
    ),
  );
}

type DemoClient = ReturnType<typeof demoClient>;

/** A client as the registration form sends it; the address ends with the city. */
function demoClient(
  fullName: string,
  nik: string,
  birthDate: string,
  sex: 'M' | 'F',
  street: string,
  more: { phone?: string; guardian?: Record<string, string> } = {},
  city = 'Kota Palopo',
) {
  return { fullName, nik, birthDate, sex, address: `${street}, ${city}`, ...more };
}

type Call = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<Record<string, string> & { id: string }>;

/** Calls the handler as the demo user (pk.palopo by default); any refusal stops the seed loudly. */
export function caller(api: ApiLambda, username = 'pk.palopo'): Call {
  return async (method, path, body) => {
    const event = buildHttpApiEvent(
      {
        method,
        url: path,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      { sub: `seed-${username}`, username, token_use: 'access', client_id: 'abdi-local-dashboard' },
    );
    const context = localLambdaContext('abdi-local-seed', 30_000, 'seed');
    const result = (await api(event, context)) as APIGatewayProxyStructuredResultV2;
    if ((result.statusCode ?? 500) >= 300) {
      throw new Error(`demo seed: ${method} ${path} answered ${result.statusCode}: ${result.body}`);
    }
    return JSON.parse(result.body ?? '{}');
  };
}

/** The PK's Litmas, which makes the case `assessed` (the only way there): consent given on `date`. */
async function assess(call: Call, caseId: string, date: string) {
  await call('POST', `${PALOPO}/cases/${caseId}/assessments`, {
    litmas: { number: `W23.PAS.PAS12-PK.01.05.02-${caseId.slice(-4)}`, date },
    recommendation: 'Layak menjalani pidana kerja sosial / pelayanan masyarakat di lingkungan sekitar',
    consent: { status: 'given', recordedOn: date },
    workSafety: 'Sehat, dapat bekerja di luar ruangan',
  });
}

/** Accepts the case's proposed slots of the next six weeks, as the PK does on the case page. */
async function acceptPlan(call: Call, caseId: string) {
  const plan = (await call('GET', `${PALOPO}/cases/${caseId}/plan`)) as unknown as {
    from: string;
    slots: { date: string; siteId: string; startTime: string; endTime: string }[];
  };
  const until = addDays(plan.from, 41);
  const slots = plan.slots
    .filter((s) => s.date <= until)
    .map(({ date, siteId, startTime, endTime }) => ({ date, siteId, startTime, endTime }));
  await call('PUT', `${PALOPO}/cases/${caseId}/schedule`, { from: plan.from, until, slots });
}

async function walk(call: Call, caseId: string, statuses: readonly string[]) {
  for (const to of statuses) {
    await call('POST', `${PALOPO}/cases/${caseId}/transitions`, { to, reason: `Demo: ${to}` });
  }
}

async function place(
  call: Call,
  caseId: string,
  siteId: string,
  weekdays: number[],
  from: string,
  until: string,
) {
  await call('POST', `${PALOPO}/cases/${caseId}/placements`, {
    siteId,
    weekdays,
    startTime: '08:00',
    endTime: weekdays.includes(7) ? '11:00' : '12:00',
    from,
    until,
  });
}

async function session(
  call: Call,
  caseId: string,
  date: string,
  startTime: string,
  endTime: string,
  outcome: string,
  siteId: string,
) {
  return call('POST', `${PALOPO}/cases/${caseId}/sessions`, {
    date,
    startTime,
    endTime,
    siteId,
    outcome,
    activity: outcome === 'unexcused_absence' ? undefined : 'Membersihkan dan merawat lingkungan',
  });
}

/**
 * The latest day on or before `date` that is one of the placement's ISO weekdays (1 Monday … 7 Sunday):
 * a session is recorded only on a day its placement covers (CR-SESSION-SITE). Children work on Sundays
 * in the demo, as many decisions in practice order.
 */
function onOrBefore(date: string, weekdays: readonly number[]): string {
  for (let back = 0; ; back += 1) {
    const day = addDays(date, -back);
    if (weekdays.includes(new Date(`${day}T00:00:00Z`).getUTCDay() || 7)) return day;
  }
}
