import { describe, expect, it } from 'vitest';
import {
  sesDeliveryReport,
  settlesFrom,
  smsDeliveryReport,
  type SesEventDetail,
} from '../../../functions/domain/delivery-reports';

/** An SES event's detail as EventBridge carries it, with the tags the SES channel sets. */
const ses = (eventType: string, extra: Partial<SesEventDetail> = {}): SesEventDetail => ({
  eventType,
  mail: {
    messageId: '0102018f-ses-1',
    timestamp: '2026-05-11T08:00:01.000Z',
    tags: {
      'ses:configuration-set': ['abdi-reminders'],
      office: ['bapas-palopo'],
      kind: ['day-before'],
      case: ['01KCASE'],
      date: ['2026-05-12'],
    },
  },
  ...extra,
});

describe('SES events as delivery reports', () => {
  it('a delivery is delivered, at its time, for the message the tags name', () => {
    const report = sesDeliveryReport(
      ses('Delivery', { delivery: { timestamp: '2026-05-11T08:00:03.000Z' } }),
    );

    expect(report).toEqual({
      providerMessageId: '0102018f-ses-1',
      officeId: 'bapas-palopo',
      caseId: '01KCASE',
      kind: 'day-before',
      date: '2026-05-12',
      outcome: { status: 'delivered' },
      at: new Date('2026-05-11T08:00:03.000Z'),
    });
  });

  it('a bounce, a complaint, a reject or a rendering failure is failed, with a short reason and no address', () => {
    const bounce = sesDeliveryReport(
      ses('Bounce', {
        bounce: { bounceType: 'Permanent', bounceSubType: 'NoEmail', timestamp: '2026-05-11T08:00:04.000Z' },
      }),
    );
    const complaint = sesDeliveryReport(ses('Complaint', { complaint: { complaintFeedbackType: 'abuse' } }));
    const reject = sesDeliveryReport(ses('Reject', { reject: { reason: 'Bad content' } }));
    const rendering = sesDeliveryReport(ses('Rendering Failure'));

    expect(bounce?.outcome).toEqual({ status: 'failed', reason: 'bounce: Permanent/NoEmail' });
    expect(bounce?.at).toEqual(new Date('2026-05-11T08:00:04.000Z'));
    expect(complaint?.outcome).toEqual({ status: 'failed', reason: 'complaint: abuse' });
    expect(reject?.outcome).toEqual({ status: 'failed', reason: 'rejected by SES' });
    expect(rendering?.outcome).toEqual({ status: 'failed', reason: 'rendering failure' });
  });

  it('a reason keeps to the kind of failure, whatever the provider put in its fields', () => {
    const report = sesDeliveryReport(
      ses('Bounce', { bounce: { bounceType: 'Permanent', bounceSubType: 'budi@palopo.go.id <smtp 550>' } }),
    );

    expect(report?.outcome).toEqual({ status: 'failed', reason: 'bounce: Permanent/other' });
    expect(JSON.stringify(report)).not.toContain('budi');
  });

  it('sends, opens, clicks and delays are no outcome; nor is an event whose tags name no reminder', () => {
    for (const type of ['Send', 'Open', 'Click', 'DeliveryDelay', 'Subscription']) {
      expect(sesDeliveryReport(ses(type)), type).toBeUndefined();
    }
    const untagged = ses('Delivery');
    expect(sesDeliveryReport({ ...untagged, mail: { ...untagged.mail, tags: {} } })).toBeUndefined();
    expect(
      sesDeliveryReport({
        ...untagged,
        mail: { ...untagged.mail, tags: { office: ['o'], kind: ['invoice'] } },
      }),
    ).toBeUndefined();
    expect(sesDeliveryReport({ eventType: 'Delivery' })).toBeUndefined();
  });

  it('an office-level email (no case tag) and an older one (no day tag) still name their reminder', () => {
    const report = sesDeliveryReport({
      eventType: 'Delivery',
      mail: { messageId: 'm-2', tags: { office: ['bapas-palopo'], kind: ['end-of-day'] } },
    });

    expect(report).toEqual({
      providerMessageId: 'm-2',
      officeId: 'bapas-palopo',
      kind: 'end-of-day',
      outcome: { status: 'delivered' },
    });
  });
});

describe('SMS events as delivery reports', () => {
  const context = { officeId: 'bapas-palopo', kind: 'day-before', caseId: '01KCASE', date: '2026-05-12' };

  it('TEXT_DELIVERED and TEXT_SUCCESSFUL are delivered (which one comes depends on the country)', () => {
    for (const eventType of ['TEXT_DELIVERED', 'TEXT_SUCCESSFUL']) {
      expect(
        smsDeliveryReport({
          eventType,
          messageId: 'sms-1',
          isFinal: true,
          eventTimestamp: 1778486403000,
          context,
        }),
      ).toEqual({
        providerMessageId: 'sms-1',
        officeId: 'bapas-palopo',
        caseId: '01KCASE',
        kind: 'day-before',
        date: '2026-05-12',
        outcome: { status: 'delivered' },
        at: new Date(1778486403000),
      });
    }
  });

  it('a final refusal is failed with its kind; one the carrier may still retry, or a queued text, is none', () => {
    const final = smsDeliveryReport({
      eventType: 'TEXT_CARRIER_UNREACHABLE',
      messageId: 's',
      isFinal: true,
      context,
    });
    const transient = smsDeliveryReport({
      eventType: 'TEXT_CARRIER_UNREACHABLE',
      messageId: 's',
      isFinal: false,
      context,
    });

    expect(final?.outcome).toEqual({ status: 'failed', reason: 'sms: carrier unreachable' });
    expect(transient).toBeUndefined();
    expect(smsDeliveryReport({ eventType: 'TEXT_BLOCKED', messageId: 's', context })?.outcome).toEqual({
      status: 'failed',
      reason: 'sms: blocked',
    });
    for (const eventType of ['TEXT_QUEUED', 'TEXT_PENDING', 'VOICE_COMPLETED']) {
      expect(
        smsDeliveryReport({ eventType, messageId: 's', isFinal: true, context }),
        eventType,
      ).toBeUndefined();
    }
    expect(smsDeliveryReport({ eventType: 'TEXT_DELIVERED', messageId: 's' })).toBeUndefined();
  });
});

describe('how a delivery report may move a reminder', () => {
  it('delivered follows sent only; failed follows sent or delivered; nothing follows failed', () => {
    expect(settlesFrom('delivered')).toEqual(['sent']);
    expect(settlesFrom('failed')).toEqual(['sent', 'delivered']);
    expect(settlesFrom('delivered')).not.toContain('failed');
    expect(settlesFrom('failed')).not.toContain('failed');
  });
});
