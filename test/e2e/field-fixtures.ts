import { expect } from 'vitest';
import { MASJID, OFFICE, hhmm, loginToken, palopoDate, palopoMinutes } from './api';

/**
 * Cases for the field app's browser tests (test/e2e/field-*.test.ts, supervisor.test.ts): adults
 * placed at the demo's mosque every day of the week, so that a test does not depend on today's
 * weekday, and room for them at the mosque.
 */

/** An API call as `token`'s holder; anything but 2xx fails the test with the answer. */
export async function call<T>(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers = {},
): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
  return JSON.parse(text) as T;
}

export const serial = () => String(Math.floor(1000 + Math.random() * 9000));

/** An adult's case placed at the mosque every day of the week, 08:00–12:00. */
export async function placedAtMosque(baseUrl: string, token: string, name: string): Promise<string> {
  const n = serial();
  const client = await call<{ id: string }>(baseUrl, token, 'POST', `${OFFICE}/clients`, {
    fullName: name,
    nik: `737301200391${n}`,
    birthDate: '1991-03-20',
    sex: 'M',
    address: 'Jl. Andi Djemma No. 5, Kota Palopo',
  });
  const start = palopoDate(-3);
  const kase = await call<{ id: string }>(baseUrl, token, 'POST', `${OFFICE}/cases`, {
    clientId: client.id,
    officerUsername: 'pk.palopo',
    prosecutor: { name: 'Rahmawati Said', office: 'Kejaksaan Negeri Palopo' },
    decision: {
      number: `${n}/Pid.C/2026/PN Plp`,
      court: 'PN Palopo',
      date: palopoDate(-10),
      offenceArticles: ['Pasal 476 UU 1/2023'],
      threatenedMaxMonths: 36,
      imposed: { prisonMonths: 2 },
      nonComplianceSanction: 'serve_prison',
    },
    sentence: {
      kind: 'kerja_sosial',
      hours: 24,
      maxHoursPerDay: 4,
      startDate: start,
      deadline: palopoDate(90),
    },
    consent: { given: true, recordedOn: palopoDate(-10) },
  });
  const base = `${OFFICE}/cases/${kase.id}`;
  await call(baseUrl, token, 'POST', `${base}/assessments`, {
    litmas: { number: `LITMAS-${n}/2026`, date: start },
    recommendation: 'Layak menjalani kerja sosial.',
    consent: { status: 'given', recordedOn: start },
  });
  await call(baseUrl, token, 'POST', `${base}/placements`, {
    siteId: MASJID,
    weekdays: [1, 2, 3, 4, 5, 6, 7],
    startTime: '08:00',
    endTime: '12:00',
    from: start,
    until: palopoDate(90),
  });
  return kase.id;
}

/** Room at the mosque (4 places in the demo) for this file's six extra clients, every weekday. */
export async function roomAtMosque(baseUrl: string) {
  const admin = await loginToken(baseUrl, 'admin.palopo');
  const site = await call<{ version: number; capacity: number }>(
    baseUrl,
    admin,
    'GET',
    `${OFFICE}/sites/${MASJID}`,
  );
  if (site.capacity >= 50) return;
  await call(
    baseUrl,
    admin,
    'PATCH',
    `${OFFICE}/sites/${MASJID}`,
    { capacity: 50 },
    { 'if-match': `"${site.version}"` },
  );
}

/**
 * A stretch of today just past, in Palopo: sessions may not end in the future (CR-NOT-FUTURE), and
 * must end after they start. Whole tenths of an hour (6 minutes at least, 60 at most), so credited
 * hours compare exactly. Just after midnight it waits until there is such a stretch (at most 8 minutes).
 */
export async function pastHour(): Promise<{ start: string; end: string; minutes: number }> {
  const now = palopoMinutes();
  if (now < 8) await new Promise((resolve) => setTimeout(resolve, (8 - now) * 60_000));
  const end = palopoMinutes() - 1;
  const minutes = Math.min(60, end - (end % 6));
  return { start: hhmm(end - minutes), end: hhmm(end), minutes };
}
