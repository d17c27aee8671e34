import { describe, expect, inject, it } from 'vitest';
import { OFFICE, loginToken, palopoDate } from './api';
import { VIEWPORTS, browserForFile, expectFits, screenshot } from './browser';
import { formatDate, formatNumber } from '../../web/src/lib/format';
import { acceptBody, loadLevel, mondayOf } from '../../web/src/lib/schedule';
import type { CasePlan, OfficeHolidays, ScheduledSlot, SiteLoad } from '../../web/src/lib/api-types';
import { typedDate } from './typed';

/**
 * The sentence planner in the dashboard (issue 15): a case's plan with its feasibility state and reason
 * (the demo's impossible case), accepting six weeks that become the case's schedule, moving and removing
 * a slot, the reminder log and "no SMS", today's scheduled slots for a supervisor, the site load per week,
 * and the office's holiday calendar. Screens checked against the API, with axe, at 1280 and 360 px.
 * The accepting case is made here (placed at the Camat Wara office), so the demo cases stay as seeded.
 */

const baseUrl = inject('baseUrl');
const PALOPO = '/o/bapas-palopo';
const WARA = 'site-palopo-camat-wara';
const { signedIn } = browserForFile(baseUrl);

async function call<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
  return JSON.parse(text) as T;
}

const serial = () => String(Math.floor(1000 + Math.random() * 9000));

/** A Palopo adult's case, assessed and placed at Camat Wara on Tuesdays and Thursdays: 24 hours to plan. */
async function placedCase(token: string, name: string): Promise<{ caseId: string; clientId: string }> {
  const n = serial();
  const client = await call<{ id: string }>(token, 'POST', `${OFFICE}/clients`, {
    fullName: name,
    nik: `737301200391${n}`,
    birthDate: '1991-03-20',
    sex: 'M',
    address: 'Jl. Andi Djemma No. 5, Kota Palopo',
    phone: '0812 4400 1122',
  });
  const start = palopoDate(-3);
  const kase = await call<{ id: string }>(token, 'POST', `${OFFICE}/cases`, {
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
  await call(token, 'POST', `${base}/assessments`, {
    litmas: { number: `LITMAS-${n}/2026`, date: start },
    recommendation: 'Layak menjalani kerja sosial.',
    consent: { status: 'given', recordedOn: start },
  });
  await call(token, 'POST', `${base}/placements`, {
    siteId: WARA,
    weekdays: [2, 4],
    startTime: '08:00',
    endTime: '12:00',
    from: start,
    until: palopoDate(90),
  });
  return { caseId: kase.id, clientId: client.id };
}

describe('the sentence planner', () => {
  it("shows the demo's impossible case with its reason, fetched only when scrolled to, at 360 and 1280 px", async () => {
    const token = await loginToken(baseUrl, 'pk.palopo');
    const cases = await call<{ items: { id: string; client: { fullName: string } }[] }>(
      token,
      'GET',
      `${OFFICE}/cases?limit=100`,
    );
    const behind = cases.items.find((c) => c.client.fullName === 'Yusuf Mallarangeng')!;
    const plan = await call<CasePlan>(token, 'GET', `${OFFICE}/cases/${behind.id}/plan`);
    expect(plan.feasibility.state).toBe('impossible');
    const { hoursRemaining, hoursPossible, deadline } = plan.feasibility.reason;
    const reason = `${formatNumber(hoursRemaining, 'id')} jam tersisa, paling banyak ${formatNumber(hoursPossible, 'id')} jam mungkin sebelum ${formatDate(deadline, 'id')}.`;

    const { context, page, errors } = await signedIn('pk.palopo', PALOPO, VIEWPORTS.phone);
    const planReads: string[] = [];
    page.on('request', (r) => {
      if (/\/cases\/[^/]+\/plan$/.test(new URL(r.url()).pathname)) planReads.push(r.url());
    });
    await page.goto(`${PALOPO}/cases/${behind.id}`);
    await page.getByTestId('case-heading').waitFor();
    await page.getByTestId('sessions').waitFor();
    // On a phone the plan sits below the case's other panels: nothing is fetched for it yet.
    expect(planReads).toEqual([]);
    await page.getByTestId('plan-panel').scrollIntoViewIfNeeded();
    await page.getByTestId('plan-reason').waitFor();
    expect(planReads).toHaveLength(1);
    const badge = page.getByTestId('plan-state').locator('[data-state]');
    expect(await badge.textContent()).toBe('Tidak mungkin');
    expect(await page.getByTestId('plan-reason').textContent()).toBe(reason);
    expect(await page.getByTestId('plan-panel').textContent()).toContain('Mintalah keputusan jaksa');
    await expectFits(page, 'impossible plan on a phone');
    await screenshot(page, 'planner-impossible-phone');

    await page.setViewportSize(VIEWPORTS.desktop);
    await expectFits(page, 'impossible plan on a desktop');
    await screenshot(page, 'planner-impossible-desktop');
    expect(planReads).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('accepts six weeks, which become the schedule; moves and removes a slot; marks the client "no SMS"', async () => {
    const token = await loginToken(baseUrl, 'pk.palopo');
    const name = `Irwan Syahputra ${serial()}`;
    const { caseId, clientId } = await placedCase(token, name);
    const base = `${OFFICE}/cases/${caseId}`;
    const plan = await call<CasePlan>(token, 'GET', `${base}/plan`);
    const proposal = acceptBody(plan);
    expect(proposal.slots.length).toBeGreaterThan(1);

    const { context, page, errors } = await signedIn('pk.palopo', PALOPO);
    const reads: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (r.method() === 'GET' && /\/(plan|schedule)$/.test(path)) reads.push(path);
    });
    await page.goto(`${PALOPO}/cases/${caseId}`);
    const panel = page.getByTestId('plan-panel');
    await panel.scrollIntoViewIfNeeded();
    await page.getByTestId('plan-reason').waitFor();
    expect(await panel.locator('[data-state]').textContent()).toBe('Sesuai jadwal');
    expect(await page.getByTestId('plan-slots').locator('tbody tr').count()).toBe(plan.slots.length);
    await page.getByTestId('schedule-empty').waitFor();
    await screenshot(page, 'planner-proposal-desktop');

    await page.getByRole('button', { name: 'Terima 6 minggu ke depan' }).click();
    await page.getByText(`${proposal.slots.length} sesi dijadwalkan.`).waitFor();
    const shown = page.getByTestId('scheduled-slot');
    expect(await shown.count()).toBe(proposal.slots.length);
    expect(await page.getByTestId('schedule').locator('[data-status="scheduled"]').count()).toBe(
      proposal.slots.length,
    );
    let stored = (await call<{ items: ScheduledSlot[] }>(token, 'GET', `${base}/schedule`)).items;
    expect(stored.map((s) => s.date)).toEqual(proposal.slots.map((s) => s.date));
    expect(stored.every((s) => s.status === 'scheduled')).toBe(true);
    await expectFits(page, 'accepted schedule');
    await screenshot(page, 'planner-accepted-desktop');

    // Move the first slot an hour later, then remove the last one.
    const first = shown.first();
    await first.getByRole('button', { name: /Ubah/ }).click();
    await page.getByLabel('Jam mulai').fill('09.00');
    await page.getByRole('button', { name: 'Simpan jadwal' }).click();
    await expect.poll(() => first.textContent()).toContain('09.00–12.00');
    await shown.last().getByRole('button', { name: /Hapus/ }).click();
    await shown.last().getByRole('button', { name: 'Hapus', exact: true }).click();
    await expect.poll(() => shown.count()).toBe(proposal.slots.length - 1);
    stored = (await call<{ items: ScheduledSlot[] }>(token, 'GET', `${base}/schedule`)).items;
    expect(stored).toHaveLength(proposal.slots.length - 1);
    expect(stored[0]!.startTime).toBe('09:00');
    expect(stored.map((s) => s.date)).not.toContain(proposal.slots.at(-1)!.date);
    // Accepting, moving and removing read nothing again: each PUT's answer is the list.
    expect(reads.filter((p) => p.endsWith('/plan'))).toHaveLength(1);
    expect(reads.filter((p) => p.endsWith('/schedule'))).toHaveLength(1);

    // The reminder log (nothing sent yet for a new case) and "no SMS", whose reason is required.
    const reminders = page.getByTestId('reminders-panel');
    await reminders.scrollIntoViewIfNeeded();
    await reminders.getByText('Belum ada pengingat').waitFor();
    await reminders.getByLabel('Tanpa SMS').check();
    await reminders.getByRole('button', { name: 'Simpan pilihan SMS' }).click();
    await page.locator('#sms-reason-error').waitFor();
    await reminders.getByLabel('Alasan tanpa SMS').fill('Nomor dipakai bersama keluarga.');
    await reminders.getByRole('button', { name: 'Simpan pilihan SMS' }).click();
    await reminders.getByText('Pilihan SMS disimpan.').waitFor();
    const client = await call<{ smsPreference?: { noSms: boolean; reason?: string } }>(
      token,
      'GET',
      `${OFFICE}/clients/${clientId}`,
    );
    expect(client.smsPreference).toMatchObject({ noSms: true, reason: 'Nomor dipakai bersama keluarga.' });
    await expectFits(page, 'reminders');

    await page.setViewportSize(VIEWPORTS.phone);
    await expectFits(page, 'schedule on a phone');
    await screenshot(page, 'planner-schedule-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the load on each site per week from this Monday, as the API counts it', async () => {
    const token = await loginToken(baseUrl, 'pk.palopo');
    const from = mondayOf(palopoDate());
    const load = await call<SiteLoad>(token, 'GET', `${OFFICE}/site-load?from=${from}&weeks=6`);
    const wara = load.weeks.map((w) => w.sites.find((s) => s.siteId === WARA)!);

    const { context, page, errors } = await signedIn('pk.palopo', PALOPO);
    await page
      .getByRole('navigation', { name: 'Menu kantor' })
      .getByRole('link', { name: 'Beban lokasi' })
      .click();
    await page.waitForURL((url) => url.pathname === `${PALOPO}/site-load`);
    const row = page
      .getByTestId('site-load')
      .locator('tr', { has: page.getByRole('link', { name: wara[0]!.name }) });
    await row.waitFor();
    const cells = row.getByTestId('site-load-cell');
    expect(await cells.count()).toBe(6);
    for (const [i, week] of wara.entries()) {
      expect(await cells.nth(i).locator('.figures').textContent()).toBe(
        `${week.scheduled} / ${week.capacity}`,
      );
      expect(await cells.nth(i).getAttribute('data-level')).toBe(loadLevel(week.scheduled, week.capacity));
    }
    // The case accepted above holds places at Camat Wara in these weeks.
    expect(wara.reduce((sum, w) => sum + w.scheduled, 0)).toBeGreaterThan(0);
    await expectFits(page, 'site load');
    await screenshot(page, 'site-load-desktop');
    await page.setViewportSize(VIEWPORTS.phone);
    await expectFits(page, 'site load on a phone');
    await screenshot(page, 'site-load-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("lists a supervisor's scheduled slots of today as the API does", async () => {
    const token = await loginToken(baseUrl, 'pengawas.bara');
    const today = await call<{ items: ScheduledSlot[] }>(
      token,
      'GET',
      `${OFFICE}/slots?date=${palopoDate()}`,
    );
    const { context, page, errors } = await signedIn('pengawas.bara', '/field/', VIEWPORTS.phone);
    const section = page.getByTestId('scheduled-today');
    await section.getByRole('heading', { name: 'Jadwal hari ini' }).waitFor();
    if (today.items.length === 0) {
      await section.getByText('Tidak ada sesi terjadwal hari ini').waitFor();
    } else {
      await expect.poll(() => section.getByTestId('scheduled-slot').count()).toBe(today.items.length);
    }
    await expectFits(page, "supervisor's scheduled slots");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("adds and removes an office holiday in next year's calendar (Makassar, put back after)", async () => {
    const token = await loginToken(baseUrl, 'admin.makassar');
    const holidays = '/v1/offices/bapas-makassar/holidays';
    const before = await call<OfficeHolidays>(token, 'GET', holidays);
    const next = Number(palopoDate().slice(0, 4)) + 1;
    const day = `${next}-06-15`;
    try {
      const { context, page, errors } = await signedIn('admin.makassar', '/o/bapas-makassar');
      await page.goto('/o/bapas-makassar/settings');
      const section = page.getByTestId('holidays');
      await section.getByTestId('holiday-day').first().waitFor();
      await section.getByLabel('Tahun').selectOption(String(next));
      // No SKB for next year yet: plans into it are provisional.
      await section.getByTestId('holidays-provisional').waitFor();
      await section.getByLabel('Tanggal', { exact: true }).fill(typedDate(day));
      await section.getByLabel('Nama', { exact: true }).fill('Hari Jadi Kota Makassar');
      await section.getByRole('button', { name: 'Tambah hari libur' }).click();
      await section.getByText('Hari libur ditambahkan.').waitFor();
      const row = section.getByTestId('holiday-day').filter({ hasText: 'Hari Jadi Kota Makassar' });
      expect(await row.getAttribute('data-kind')).toBe('local');
      const stored = await call<OfficeHolidays>(token, 'GET', `${holidays}?year=${next}`);
      expect(stored.days).toContainEqual({ date: day, kind: 'local', name: 'Hari Jadi Kota Makassar' });
      await expectFits(page, 'holidays');
      await screenshot(page, 'holidays-settings-desktop');
      await page.setViewportSize(VIEWPORTS.phone);
      await expectFits(page, 'holidays on a phone');
      await screenshot(page, 'holidays-settings-phone');

      await row.getByRole('button', { name: /Hapus/ }).click();
      await expect.poll(() => row.count()).toBe(0);
      const after = await call<OfficeHolidays>(token, 'GET', `${holidays}?year=${next}`);
      expect(after.days.map((d) => d.date)).not.toContain(day);
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await call(token, 'PUT', holidays, { lists: before.lists, edits: before.edits });
    }
  });
});
