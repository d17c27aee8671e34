import { copyFile, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { loginToken, OFFICE, palopoDate } from './api';
import { axeViolations, browserForFile, expectFits, screenshot, VIEWPORTS } from './browser';

/**
 * Retensi data (issue 17, ADR 0020): a PK closes a case through the API; the office admin opens
 * "Retensi data", asks what falls due by the end of 2032, and reads the case's steps (thumbnails in a
 * year, evidence, its reads and the client's guardian later) before anything is deleted; the
 * deletion log is there too.
 * The local stack runs on the real clock, so nothing is due yet: the log shows its empty state.
 */

const baseUrl = inject('baseUrl');
const PALOPO = '/o/bapas-palopo';
const { signedIn } = browserForFile(baseUrl);

async function postAs(token: string, path: string, body: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  expect(response.status, `${path}: ${JSON.stringify(json)}`).toBeLessThan(300);
  return json;
}

describe('retensi data', () => {
  it('shows the admin a closed case’s retention steps and their due dates, axe-clean', async () => {
    // A new client and case (received), ended and closed today by their PK.
    const pk = await loginToken(baseUrl, 'pk.palopo');
    const serial = String(Math.floor(1000 + Math.random() * 8999));
    const client = await postAs(pk, `${OFFICE}/clients`, {
      fullName: `Retensi Uji ${serial}`,
      nik: `737301150190${serial}`,
      birthDate: '1990-01-15',
      sex: 'M',
      address: 'Jl. Andi Djemma, Kota Palopo',
    });
    const number = `${serial}/Pid.B/2026/PN Plp`;
    const kase = await postAs(pk, `${OFFICE}/cases`, {
      clientId: client.id,
      officerUsername: 'pk.palopo',
      prosecutor: { name: 'Rahmawati Said', office: 'Kejaksaan Negeri Palopo' },
      decision: {
        number,
        court: 'PN Palopo',
        date: palopoDate(-10),
        offenceArticles: ['Pasal 476 KUHP'],
        threatenedMaxMonths: 48,
        imposed: { prisonMonths: 3 },
        nonComplianceSanction: 'serve_prison',
      },
      sentence: {
        kind: 'kerja_sosial',
        hours: 40,
        maxHoursPerDay: 4,
        startDate: palopoDate(-5),
        deadline: palopoDate(60),
      },
      consent: { given: true, recordedOn: palopoDate(-8) },
    });
    for (const to of ['terminated', 'closed']) {
      await postAs(pk, `${OFFICE}/cases/${kase.id}/transitions`, { to, reason: `Uji retensi: ${to}` });
    }

    const admin = await signedIn('admin.palopo', PALOPO);
    await admin.page
      .getByRole('navigation', { name: 'Menu kantor' })
      .getByRole('link', { name: 'Data pribadi' })
      .click();
    await admin.page.getByTestId('pdp-retention').click();
    await admin.page.waitForURL((url) => url.pathname === `${PALOPO}/retention`);
    // Nothing is due within the notice period; the log has nothing yet.
    await admin.page.getByText('Tidak ada yang jatuh tempo sampai tanggal itu.').waitFor();
    await admin.page
      .getByTestId('retention-log')
      .or(admin.page.getByText('Belum ada yang dihapus'))
      .waitFor();

    await admin.page.getByLabel('Jatuh tempo sampai').fill('31/12/2032');
    await admin.page.getByRole('button', { name: 'Tampilkan' }).click();
    const row = admin.page.getByTestId('retention-case').filter({ hasText: number });
    await row.waitFor();
    const steps = await row
      .getByTestId('retention-step')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-step')));
    // The client has no other case: their guardian and NIK-read steps run on this closure too.
    expect(steps).toEqual(['thumbnails', 'evidence', 'accessLogs', 'clientAccessLogs', 'guardian']);
    const text = await row.textContent();
    expect(text).toContain('Gambar kecil bukti');
    expect(text).toContain('belum dijalankan');
    expect(text).not.toContain(`Retensi Uji ${serial}`);
    expect(await axeViolations(admin.page)).toEqual([]);
    await expectFits(admin.page, 'retention');
    const shot = await screenshot(admin.page, 'retention-desktop');
    await mkdir(resolve(import.meta.dirname, '../../docs/data-protection'), { recursive: true });
    await copyFile(shot, resolve(import.meta.dirname, '../../docs/data-protection/retention.png'));
    expect(admin.errors).toEqual([]);

    const phone = await signedIn('admin.palopo', PALOPO, VIEWPORTS.phone);
    await phone.page.goto(`${PALOPO}/retention`);
    await phone.page.getByRole('heading', { name: 'Retensi data', level: 1 }).waitFor();
    await expectFits(phone.page, 'retention, phone');
    expect(await axeViolations(phone.page)).toEqual([]);
  });
});
