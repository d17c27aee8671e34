import { Readable } from 'node:stream';
import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../../functions/actions/reminders/message-channel';
import {
  createMessaging,
  messagingFromEnvironment,
  provideLocalMessaging,
  readMessagingConfig,
} from '../../../functions/platform/messaging/messaging';
import { sesTagValue } from '../../../functions/platform/messaging/ses-email-channel';

/** One HTTP request as the SDK would put it on the wire (after signing). */
interface Captured {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: Record<string, unknown>;
}

/**
 * A request handler that never touches the network: it records each request and answers with `reply`
 * (a JSON body with status 200, or a JSON error with `status`), as the service would.
 */
function capturing(reply: Record<string, unknown>, status = 200) {
  const requests: Captured[] = [];
  const requestHandler = {
    handle: async (request: {
      method: string;
      path: string;
      headers: Record<string, string>;
      body?: unknown;
    }) => {
      requests.push({
        method: request.method,
        path: request.path,
        headers: request.headers,
        body: JSON.parse(bodyText(request.body)) as Record<string, unknown>,
      });
      return {
        response: {
          statusCode: status,
          headers: { 'content-type': 'application/json', 'x-amzn-requestid': 'req-1' },
          body: Readable.from([Buffer.from(JSON.stringify(reply))]),
        },
      };
    },
  };
  return { requests, requestHandler };
}

/** The request body as text (the SDK hands a string or bytes, depending on the protocol). */
function bodyText(body: unknown): string {
  if (body === undefined) return '{}';
  return typeof body === 'string' ? body : new TextDecoder().decode(body as Uint8Array);
}

const clientOptions = {
  region: 'ap-southeast-3',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
};

/** The one request a send made. */
const request = <T extends { body: unknown }>(requests: readonly T[]): T => {
  expect(requests).toHaveLength(1);
  return requests[0]!;
};

const reminder: OutgoingMessage = {
  to: 'pengawas@example.go.id',
  subject: 'Pengingat: kerja sosial besok',
  text: 'Besok, 3 Maret 2026, pukul 08.00–12.00: Klien bekerja di Taman Kota.',
  tags: { officeId: 'bapas-palopo', kind: 'day-before', caseId: '01KCASE' },
};

describe('the SES email channel', () => {
  it('sends one plain-text UTF-8 email from the sender, in the configuration set, tagged', async () => {
    // Prepare
    const { requests, requestHandler } = capturing({ MessageId: 'ses-0001' });
    const messaging = createMessaging(
      { region: 'ap-southeast-3', senderEmail: 'abdi@bapas.example.go.id', configurationSet: 'abdi-events' },
      { ses: new SESv2Client({ ...clientOptions, requestHandler }) },
    );

    // Act
    const sent = await messaging.email.send(reminder);

    // Assess
    expect(sent).toEqual({ providerMessageId: 'ses-0001' });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v2/email/outbound-emails' });
    expect(request!.headers.host).toBe('email.ap-southeast-3.amazonaws.com');
    expect(request!.body).toEqual({
      FromEmailAddress: 'abdi@bapas.example.go.id',
      Destination: { ToAddresses: ['pengawas@example.go.id'] },
      Content: {
        Simple: {
          Subject: { Data: 'Pengingat: kerja sosial besok', Charset: 'UTF-8' },
          Body: { Text: { Data: reminder.text, Charset: 'UTF-8' } },
        },
      },
      ConfigurationSetName: 'abdi-events',
      EmailTags: [
        { Name: 'office', Value: 'bapas-palopo' },
        { Name: 'kind', Value: 'day-before' },
        { Name: 'case', Value: '01KCASE' },
      ],
    });
  });

  it('tags the email with the day the reminder is about, for its delivery report', async () => {
    const { requests, requestHandler } = capturing({ MessageId: 'ses-0003' });
    const messaging = createMessaging(
      { region: 'ap-southeast-3', senderEmail: 'abdi@bapas.example.go.id' },
      { ses: new SESv2Client({ ...clientOptions, requestHandler }) },
    );

    await messaging.email.send({ ...reminder, tags: { ...reminder.tags, date: '2026-05-12' } });

    expect((request(requests).body as { EmailTags: unknown }).EmailTags).toEqual([
      { Name: 'office', Value: 'bapas-palopo' },
      { Name: 'kind', Value: 'day-before' },
      { Name: 'case', Value: '01KCASE' },
      { Name: 'date', Value: '2026-05-12' },
    ]);
  });

  it('leaves out the configuration set when none is configured, and tags SES would refuse are made safe', async () => {
    const { requests, requestHandler } = capturing({ MessageId: 'ses-0002' });
    const messaging = createMessaging(
      { region: 'ap-southeast-3', senderEmail: 'abdi@bapas.example.go.id' },
      { ses: new SESv2Client({ ...clientOptions, requestHandler }) },
    );

    await messaging.email.send({ ...reminder, tags: { officeId: 'bapas palopo/1', kind: 'digest' } });

    expect(requests[0]!.body).not.toHaveProperty('ConfigurationSetName');
    expect(requests[0]!.body.EmailTags).toEqual([
      { Name: 'office', Value: 'bapas_palopo_1' },
      { Name: 'kind', Value: 'digest' },
    ]);
    expect(sesTagValue('a'.repeat(300) + 'é')).toHaveLength(256);
    expect(sesTagValue('minggu-ke_2.é')).toBe('minggu-ke_2__');
  });

  it('throws when SES refuses the message, so the caller logs the reminder as failed', async () => {
    const { requestHandler } = capturing({ message: 'Email address is not verified.' }, 400);
    const messaging = createMessaging(
      { region: 'ap-southeast-3', senderEmail: 'abdi@bapas.example.go.id' },
      { ses: new SESv2Client({ ...clientOptions, requestHandler, maxAttempts: 1 }) },
    );

    await expect(messaging.email.send(reminder)).rejects.toThrow(/not verified/);
  });
});

describe('the SMS channel', () => {
  const sms = {
    ...reminder,
    to: '+6281234567890',
    subject: undefined,
    text: 'Abdi: besok kerja sosial 08.00.',
  };

  it('sends a transactional text from the origination identity, with the tags as context', async () => {
    // Prepare
    const identity = 'arn:aws:sms-voice:ap-southeast-3:123456789012:phone-number/phone-abc';
    const { requests, requestHandler } = capturing({ MessageId: 'sms-0001' });
    const messaging = createMessaging(
      { region: 'ap-southeast-3', senderEmail: 'abdi@bapas.example.go.id', smsOriginationIdentity: identity },
      { sms: new PinpointSMSVoiceV2Client({ ...clientOptions, requestHandler }) },
    );

    // Act
    const sent = await messaging.sms!.send(sms);

    // Assess
    expect(sent).toEqual({ providerMessageId: 'sms-0001' });
    const [request] = requests;
    expect(request!.headers['x-amz-target']).toBe('PinpointSMSVoiceV2.SendTextMessage');
    expect(request!.headers.host).toBe('sms-voice.ap-southeast-3.amazonaws.com');
    expect(request!.body).toEqual({
      DestinationPhoneNumber: '+6281234567890',
      OriginationIdentity: identity,
      MessageBody: 'Abdi: besok kerja sosial 08.00.',
      MessageType: 'TRANSACTIONAL',
      Context: { officeId: 'bapas-palopo', kind: 'day-before', caseId: '01KCASE' },
    });
  });

  it('refuses a number that is not E.164 without calling the service', async () => {
    const { requests, requestHandler } = capturing({ MessageId: 'never' });
    const messaging = createMessaging(
      {
        region: 'ap-southeast-3',
        senderEmail: 'abdi@bapas.example.go.id',
        smsOriginationIdentity: 'arn:aws:sms-voice:ap-southeast-3:123456789012:pool/pool-1',
      },
      { sms: new PinpointSMSVoiceV2Client({ ...clientOptions, requestHandler }) },
    );

    await expect(messaging.sms!.send({ ...sms, to: '081234567890' })).rejects.toThrow(/E\.164/);
    expect(requests).toEqual([]);
  });

  it('sends in the configuration set that reports deliveries, with the reminder’s day in the context', async () => {
    // Prepare
    const identity = 'arn:aws:sms-voice:ap-southeast-3:123456789012:phone-number/phone-abc';
    const { requests, requestHandler } = capturing({ MessageId: 'sms-0002' });
    const messaging = createMessaging(
      {
        region: 'ap-southeast-3',
        senderEmail: 'abdi@bapas.example.go.id',
        smsOriginationIdentity: identity,
        smsConfigurationSet: 'abdi-sms-events',
      },
      { sms: new PinpointSMSVoiceV2Client({ ...clientOptions, requestHandler }) },
    );

    // Act
    await messaging.sms!.send({ ...sms, tags: { ...sms.tags, date: '2026-05-12' } });

    // Assess
    expect(request(requests).body).toMatchObject({
      ConfigurationSetName: 'abdi-sms-events',
      Context: { officeId: 'bapas-palopo', kind: 'day-before', caseId: '01KCASE', date: '2026-05-12' },
    });
  });

  it('is absent when the deployment has no origination identity', () => {
    const messaging = createMessaging({ region: 'ap-southeast-3', senderEmail: 'abdi@bapas.example.go.id' });
    expect(messaging.sms).toBeUndefined();
    expect(messaging.email).toBeDefined();
  });
});

describe('messaging configuration', () => {
  it('reads the sender, configuration set and origination identity from the environment', () => {
    expect(
      readMessagingConfig({
        AWS_REGION: 'ap-southeast-3',
        REMINDER_SENDER_EMAIL: 'abdi@bapas.example.go.id',
        SES_CONFIGURATION_SET: 'abdi-events',
        SMS_ORIGINATION_IDENTITY: '',
        SMS_CONFIGURATION_SET: 'abdi-sms-events',
      }),
    ).toEqual({
      smsConfigurationSet: 'abdi-sms-events',
      region: 'ap-southeast-3',
      senderEmail: 'abdi@bapas.example.go.id',
      configurationSet: 'abdi-events',
      smsOriginationIdentity: undefined,
    });
    expect(() => readMessagingConfig({})).toThrow('Missing environment variable REMINDER_SENDER_EMAIL');
  });

  it('in local mode returns the channels local mode handed in, and fails clearly without them', () => {
    const local = { email: { send: async () => ({ providerMessageId: 'local-1' }) } };
    provideLocalMessaging(undefined);
    expect(() => messagingFromEnvironment({ ABDI_MODE: 'local' })).toThrow(/no message channels/);
    provideLocalMessaging(local);
    expect(messagingFromEnvironment({ ABDI_MODE: 'local' })).toBe(local);
    provideLocalMessaging(undefined);
    expect(messagingFromEnvironment({ REMINDER_SENDER_EMAIL: 'abdi@example.go.id' }).sms).toBeUndefined();
  });
});
