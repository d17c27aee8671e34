import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { OutgoingMessage } from '../../../functions/actions/reminders/message-channel';
import { runReminderJob } from '../../../functions/actions/reminders/run-job';
import type { ReminderWorkerPorts } from '../../../functions/actions/reminders/worker-ports';
import type { Office } from '../../../functions/domain';
import { provideLocalMessaging } from '../../../functions/platform/messaging/messaging';

const office = (id: string): Office =>
  ({ id, name: `Bapas ${id}`, class: 'II', timeZone: 'Asia/Makassar', regionId: 'r', address: '' }) as Office;

/** Ports whose slot store fails for the offices named in `broken`; every other read finds nothing. */
function portsWith(broken: readonly string[], zoneOffices: readonly Office[]) {
  const asked: string[] = [];
  const ports = {
    directory: {
      listOfficesInZone: async (zone: string) => {
        asked.push(zone);
        return [...zoneOffices];
      },
    },
    slots: {
      ofOfficeDay: async (officeId: string) => {
        if (broken.includes(officeId)) throw new Error('store down');
        return [];
      },
      ofOfficeRange: async () => [],
    },
    now: () => new Date('2026-05-11T08:00:00Z'),
  } as unknown as ReminderWorkerPorts;
  return { ports, asked };
}

describe('the reminder job runner', () => {
  it("runs the job for every office of the zone; one office's failure does not stop the others", async () => {
    const offices = [office('a'), office('b'), office('c')];
    const { ports, asked } = portsWith(['a'], offices);
    const failed: string[] = [];

    const report = await runReminderJob(ports, 'day-before', 'Asia/Makassar', (id) => failed.push(id));

    expect(asked).toEqual(['Asia/Makassar']);
    expect(report).toEqual({ offices: 3, failedOffices: 1, sent: 0, failed: 0, skipped: 0 });
    expect(failed).toEqual(['a']);
  });
});

describe('the reminders handler', () => {
  let handler: (event: unknown, context: never) => Promise<unknown>;

  beforeAll(async () => {
    vi.stubEnv('ABDI_MODE', 'local');
    vi.stubEnv('TABLE_NAME', 'abdi-unit-main');
    vi.stubEnv('IDEMPOTENCY_TABLE_NAME', 'abdi-unit-idempotency');
    vi.stubEnv('EVIDENCE_BUCKET', 'abdi-unit-evidence');
    vi.stubEnv('DOCUMENTS_BUCKET', 'abdi-unit-documents');
    vi.stubEnv('CURSOR_SIGNING_KEY', 'unit');
    vi.stubEnv('DYNAMODB_ENDPOINT', 'http://127.0.0.1:9');
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
    const sent: OutgoingMessage[] = [];
    provideLocalMessaging({ email: { send: async (m) => (sent.push(m), { providerMessageId: 'x' }) } });
    ({ handler } = (await import('../../../functions/handlers/reminders')) as never);
  });

  it.each([
    [{ job: 'hourly', timeZone: 'Asia/Makassar' }],
    [{ job: 'day-before', timeZone: 'Europe/Amsterdam' }],
    [{ job: 'day-before', timeZone: 'Asia/Makassar', officeId: 'bapas-palopo' }],
    [undefined],
  ])('refuses a malformed event %j before reading anything', async (event) => {
    await expect(handler(event, {} as never)).rejects.toThrow(/invalid|expected|unrecognized/i);
  });
});
