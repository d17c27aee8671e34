import { beforeAll, describe, expect, it } from 'vitest';
import type { MessageChannel, OutgoingMessage } from '../../functions/actions/reminders/message-channel';
import { recordDelivery, type DeliveryReportPorts } from '../../functions/actions/reminders/record-delivery';
import { sendDayBefore } from '../../functions/actions/reminders/send-day-before';
import { sendEndOfDay } from '../../functions/actions/reminders/send-end-of-day';
import type { Office } from '../../functions/domain';
import { reportsOf } from '../../functions/handlers/reminder-delivery';
import { createReminderWorkers } from '../../functions/platform/reminder-workers';
import { createDocumentClient } from '../../functions/store/dynamo-client';
import { ReminderLog } from '../../functions/store/reminder-log';
import { allows, deliveryReportTableAccess } from '../../infra/constructs/table-access';
import { apiCaller } from '../support/api';
import { recordingDynamoClient } from '../support/dynamo-calls';
import { testEnvironment, uniqueSuffix } from '../support/environment';
import { seedDirectory } from '../support/fixtures';
import { fixtureSite, fixtureSlot, placedCase } from '../support/placed-case';

/**
 * Delivery reports against DynamoDB Local (issue 15: every reminder logged as sent, delivered or failed):
 * reminders sent as the cloud sends them (the channel returns only an id), then the providers' events,
 * shaped as EventBridge (SES) and SNS (SMS) hand them to the function, mark the case's log; a repeated
 * or late event changes nothing. Every call is held against the function's IAM access list.
 */
const now = () => new Date('2026-05-11T08:00:00Z'); // Monday 16:00 in Palopo
const env = testEnvironment({ now });
const call = apiCaller(env.handler);
let world: Awaited<ReturnType<typeof seedDirectory>>;
let office: Office;
const recorder = () => recordingDynamoClient(env.config.dynamoEndpoint!);
let calls: ReturnType<typeof recorder>;
let ports: DeliveryReportPorts;

/** A cloud-like channel: keeps the message, answers with its own id and no delivery. */
function channel(prefix: string): MessageChannel & { sent: (OutgoingMessage & { id: string })[] } {
  const sent: (OutgoingMessage & { id: string })[] = [];
  return {
    sent,
    async send(message) {
      const id = `${prefix}-${uniqueSuffix()}`;
      sent.push({ ...message, id });
      return { providerMessageId: id };
    },
  };
}

/** An SES event as the configuration set's EventBridge destination publishes it. */
const sesEvent = (message: OutgoingMessage & { id: string }, detail: Record<string, unknown>) => ({
  version: '0',
  source: 'aws.ses',
  'detail-type': 'Email Delivered',
  detail: {
    mail: {
      messageId: message.id,
      destination: [message.to],
      tags: {
        'ses:configuration-set': ['abdi-reminders'],
        ...Object.fromEntries(
          Object.entries({
            office: message.tags.officeId,
            kind: message.tags.kind,
            case: message.tags.caseId,
            date: message.tags.date,
          })
            .filter(([, v]) => v)
            .map(([k, v]) => [k, [v]]),
        ),
      },
    },
    ...detail,
  },
});

/** SMS events as the SMS configuration set's SNS destination delivers them to the function. */
const snsEvent = (message: OutgoingMessage & { id: string }, eventType: string) => ({
  Records: [
    {
      EventSource: 'aws:sns',
      Sns: {
        Message: JSON.stringify({
          eventType,
          isFinal: true,
          messageId: message.id,
          destinationPhoneNumber: message.to,
          eventTimestamp: Date.parse('2026-05-11T08:01:00Z'),
          context: message.tags,
        }),
      },
    },
  ],
});

const handle = async (event: unknown) => {
  const results = [];
  for (const report of reportsOf(event)) results.push(await recordDelivery(ports, report));
  return results;
};

const scheduleSlot = (caseId: string, date: string) => fixtureSlot(env.deps, world, caseId, date);

type Logged = {
  kind: string;
  recipient: string;
  channel: string;
  status: string;
  reason?: string;
  at: string;
};
const logOf = async (caseId: string) =>
  (await call('GET', `/v1/offices/${world.home}/cases/${caseId}/reminders`, { claims: world.claims.officer }))
    .body.items as Logged[];
const entry = (items: Logged[], recipient: string) => items.find((i) => i.recipient === recipient);

beforeAll(async () => {
  world = await seedDirectory(env.directory, uniqueSuffix());
  await fixtureSite(env.deps, world);
  office = (await env.directory.getOffice(world.home))!;
  calls = recorder();
  ports = { reminders: new ReminderLog(createDocumentClient(calls.client), env.config.tableName), now };
});

describe('delivery reports on the reminder log', () => {
  const [sms, email] = [channel('sms'), channel('ses')];
  let caseA: string;
  let caseB: string;

  it('a delivered email marks the supervisor’s reminder delivered on every case it named; the SMS stays sent', async () => {
    caseA = (await placedCase(call, world)).caseId;
    caseB = (await placedCase(call, world)).caseId;
    await scheduleSlot(caseA, '2026-05-12');
    await scheduleSlot(caseB, '2026-05-12');
    await sendDayBefore(createReminderWorkers(env.config, { now, messaging: { sms, email } }), office);
    expect(email.sent).toHaveLength(1);
    // The channel got the day the reminder is about in its tags: what narrows the search.
    expect(email.sent[0]!.tags).toEqual({ officeId: world.home, kind: 'day-before', date: '2026-05-12' });
    expect(entry(await logOf(caseA), 'supervisor')?.status).toBe('sent');

    const result = await handle(
      sesEvent(email.sent[0]!, {
        eventType: 'Delivery',
        delivery: { timestamp: '2026-05-11T08:00:05.000Z' },
      }),
    );

    expect(result).toEqual(['recorded']);
    for (const caseId of [caseA, caseB]) {
      const log = await logOf(caseId);
      expect(entry(log, 'supervisor')).toMatchObject({
        channel: 'email',
        status: 'delivered',
        at: '2026-05-11T08:00:05.000Z',
      });
      expect(entry(log, 'client')).toMatchObject({ channel: 'sms', status: 'sent' });
    }
  });

  it('a final SMS refusal marks the client’s reminder failed with the reason, never the number', async () => {
    const text = sms.sent.find((m) => m.tags.caseId === caseA)!;

    expect(await handle(snsEvent(text, 'TEXT_CARRIER_UNREACHABLE'))).toEqual(['recorded']);

    const client = entry(await logOf(caseA), 'client')!;
    expect(client).toMatchObject({ status: 'failed', reason: 'sms: carrier unreachable' });
    expect(JSON.stringify(client)).not.toContain(text.to);
    // The other case's SMS is untouched.
    expect(entry(await logOf(caseB), 'client')?.status).toBe('sent');
  });

  it('a repeated or late event changes nothing: failed stays failed, delivered is not delivered again', async () => {
    const text = sms.sent.find((m) => m.tags.caseId === caseA)!;
    const before = await logOf(caseA);

    const late = await handle(snsEvent(text, 'TEXT_DELIVERED'));
    const repeated = await handle(sesEvent(email.sent[0]!, { eventType: 'Delivery' }));

    expect(late).toEqual(['unchanged']);
    expect(repeated).toEqual(['unchanged']);
    expect(await logOf(caseA)).toEqual(before);
  });

  it('a complaint after delivery marks the email failed with a short reason, on each case', async () => {
    const result = await handle(
      sesEvent(email.sent[0]!, { eventType: 'Complaint', complaint: { complaintFeedbackType: 'abuse' } }),
    );

    expect(result).toEqual(['recorded']);
    for (const caseId of [caseA, caseB]) {
      expect(entry(await logOf(caseId), 'supervisor')).toMatchObject({
        status: 'failed',
        reason: 'complaint: abuse',
      });
    }
  });

  it('an SMS its carrier took and then refused is failed; nothing moves it back', async () => {
    const text = sms.sent.find((m) => m.tags.caseId === caseB)!;
    expect(await handle(snsEvent(text, 'TEXT_SUCCESSFUL'))).toEqual(['recorded']);
    expect(entry(await logOf(caseB), 'client')?.status).toBe('delivered');
    // A later final failure still wins over delivered (the carrier took it, then refused it).
    expect(await handle(snsEvent(text, 'TEXT_BLOCKED'))).toEqual(['recorded']);
    expect(entry(await logOf(caseB), 'client')).toMatchObject({ status: 'failed', reason: 'sms: blocked' });
    // And nothing moves it back.
    expect(await handle(snsEvent(text, 'TEXT_DELIVERED'))).toEqual(['unchanged']);
    expect(entry(await logOf(caseB), 'client')?.status).toBe('failed');
  });

  it('a bounced email (the PK’s end-of-day) is failed with the bounce’s kind on each case, never the address', async () => {
    const endOfDay = channel('ses');
    // Tuesday 22:00 in Palopo: both slots are still unrecorded; one email to the PK names both cases.
    await sendEndOfDay(
      createReminderWorkers(env.config, {
        now: () => new Date('2026-05-12T14:00:00Z'),
        messaging: { email: endOfDay },
      }),
      office,
    );
    expect(endOfDay.sent).toHaveLength(1);

    const result = await handle(
      sesEvent(endOfDay.sent[0]!, {
        eventType: 'Bounce',
        bounce: {
          bounceType: 'Permanent',
          bounceSubType: 'General',
          bouncedRecipients: [{ emailAddress: endOfDay.sent[0]!.to, diagnosticCode: 'smtp; 550 5.1.1' }],
        },
      }),
    );

    expect(result).toEqual(['recorded']);
    for (const caseId of [caseA, caseB]) {
      const pk = (await logOf(caseId)).find((i) => i.kind === 'end-of-day')!;
      expect(pk).toMatchObject({ status: 'failed', reason: 'bounce: Permanent/General' });
      expect(JSON.stringify(pk)).not.toContain(endOfDay.sent[0]!.to);
    }
  });

  it('an event about no reminder of ours is unmatched, and one that is not a reminder’s is ignored', async () => {
    const stranger = { ...email.sent[0]!, id: 'not-ours' };

    expect(await handle(sesEvent(stranger, { eventType: 'Delivery' }))).toEqual(['unmatched']);
    expect(await handle(sesEvent(email.sent[0]!, { eventType: 'Open' }))).toEqual([]);
    expect(() => reportsOf({ hello: 'world' })).toThrow(/Not an SES event/);
  });

  it('made only calls the function’s role allows, a fixed few per report, and no Scan', () => {
    expect(calls.calls.length).toBeGreaterThan(0);
    expect(calls.calls.filter((c) => !allows(deliveryReportTableAccess, c))).toEqual([]);
    expect(new Set(calls.calls.map((c) => c.action))).toEqual(
      new Set(['dynamodb:Query', 'dynamodb:UpdateItem']),
    );
  });
});
