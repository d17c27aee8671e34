import { describe, expect, inject, it } from 'vitest';
import { apiAs, loginToken, OFFICE } from './api';
import { axeViolations, browserForFile, expectFits, screenshot } from './browser';

/**
 * Field records refused on sync, on the office home (issue 20, ADR 0024): the supervisor's app keeps a
 * session and a photo the API refused; the PK's home shows the card with the case, what was recorded
 * and why, in Indonesian, and the PK resolves each with a note, after which the card is empty.
 */
const baseUrl = inject('baseUrl');
const PALOPO = '/o/bapas-palopo';
const { signedIn } = browserForFile(baseUrl);

async function keepRefusal(token: string, body: unknown): Promise<{ id: string }> {
  const response = await fetch(`${baseUrl}${OFFICE}/offline-refusals`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': `e2e-${Math.random().toString(36).slice(2)}`,
    },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string };
}

describe('field records refused', () => {
  it("shows the supervisor's refused records on the PK's home and resolves them with a note", async () => {
    // Prepare: a case of Palopo, and two refused outbox items from pengawas.bara's app.
    const asPk = await apiAs(baseUrl, 'pk.palopo');
    const { items } = await asPk<{ items: { id: string; clientName: string }[] }>(`${OFFICE}/cases?limit=1`);
    const target = items[0]!;
    const supervisor = await loginToken(baseUrl, 'pengawas.bara');
    const notes = `Hadir tepat waktu ${Math.floor(1000 + Math.random() * 9000)}`;
    await keepRefusal(supervisor, {
      caseId: target.id,
      kind: 'session',
      recordedAt: new Date().toISOString(),
      record: { date: '2026-03-02', startTime: '08:00', endTime: '11:00', outcome: 'attended', notes },
      refusal: {
        status: 409,
        type: 'https://abdi.id/problems/conflict',
        title: 'Conflict',
        detail: 'Sessions cannot be recorded on a closed case.',
        rules: ['CR-CASE-STATUS'],
      },
    });
    const photoRefusal = await keepRefusal(supervisor, {
      caseId: target.id,
      kind: 'evidence',
      recordedAt: new Date().toISOString(),
      record: { fileName: 'IMG_0042.jpg' },
      refusal: { status: 404, type: 'https://abdi.id/problems/not-found', title: 'Not found' },
    });

    // Act: the PK signs in and lands on the office home.
    const { page, errors } = await signedIn('pk.palopo', PALOPO);
    const card = page.getByTestId('offline-refusals');
    await card.waitFor();

    // Assess: the case, what was recorded and why, in words.
    const mine = card.getByTestId('offline-refusal').filter({ hasText: notes });
    expect(await mine.count()).toBe(1);
    const text = (await mine.textContent()) ?? '';
    // The date and hours in the dashboard's formats (lib/format.ts), whatever their exact spelling.
    expect(text).toMatch(/Sesi .*2026 · .*11.00 · 3 jam · Hadir/);
    expect(text).toContain('Kasus berubah sebelum catatan terkirim');
    expect(text).toContain('Sesi dicatat hanya selama pelaksanaan berjalan');
    expect(text).toContain('pengawas.bara');
    expect(await mine.getByRole('link').getAttribute('href')).toBe(`${PALOPO}/cases/${target.id}`);
    const photo = card.getByTestId('offline-refusal').filter({ hasText: 'IMG_0042.jpg' }).first();
    expect(await photo.textContent()).toContain('Kasus tidak lagi dapat dilihat pengirim');
    await expectFits(page, 'home with refused field records');
    await screenshot(page, 'offline-refusals-home');

    // Resolve the session's: the note is required, then the record leaves the card.
    await mine.getByRole('button', { name: /Tandai selesai/ }).click();
    await mine.getByRole('button', { name: 'Simpan dan tandai selesai' }).click();
    await mine.getByTestId('form-error').waitFor();
    await mine.getByLabel('Keterangan penyelesaian').fill('Dicatat ulang oleh PK dari daftar hadir kertas');
    expect(await axeViolations(page)).toEqual([]);
    await mine.getByRole('button', { name: 'Simpan dan tandai selesai' }).click();
    await card.getByTestId('offline-refusal').filter({ hasText: notes }).waitFor({ state: 'detached' });

    const open = await asPk<{ items: { id: string; record: { notes?: string } }[] }>(
      `${OFFICE}/offline-refusals?status=open&limit=100`,
    );
    expect(open.items.some((r) => r.record.notes === notes)).toBe(false);
    expect(errors).toEqual([]);
    // The photo's too, so other files' home pages start without the card.
    const pk = await loginToken(baseUrl, 'pk.palopo');
    const resolved = await fetch(`${baseUrl}${OFFICE}/offline-refusals/${photoRefusal.id}/resolve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${pk}`, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'Foto diminta ulang' }),
    });
    expect(resolved.status).toBe(200);
  });
});
