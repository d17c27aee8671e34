import middy from '@middy/core';
import * as z from 'zod';
import {
  recordDelivery,
  type DeliveryRecording,
  type DeliveryReportPorts,
} from '../actions/reminders/record-delivery';
import { sesDeliveryReport, smsDeliveryReport, type DeliveryReport } from '../domain';
import { readRuntimeConfig } from '../platform/config';
import { logger, observe } from '../platform/observability';
import { createDocumentClient } from '../store/dynamo-client';
import { ReminderLog } from '../store/reminder-log';

/** The parts of the providers' events read (domain/delivery-reports.ts); anything else is ignored. */
const tags = z.record(z.string(), z.array(z.string()));
const timestamped = z.object({ timestamp: z.string().optional() });

/** An SES event from the default bus (the configuration set's EventBridge destination). */
const sesEvent = z.object({
  source: z.literal('aws.ses'),
  detail: z.object({
    eventType: z.string().optional(),
    mail: z.object({ messageId: z.string().optional(), tags: tags.optional() }).optional(),
    delivery: timestamped.optional(),
    bounce: timestamped
      .extend({ bounceType: z.string().optional(), bounceSubType: z.string().optional() })
      .optional(),
    complaint: timestamped.extend({ complaintFeedbackType: z.string().optional() }).optional(),
    reject: z.object({ reason: z.string().optional() }).optional(),
  }),
});

/** SNS records from the SMS configuration set's event destination: each message is one SMS event. */
const snsEvent = z.object({
  Records: z.array(z.object({ Sns: z.object({ Message: z.string() }) })).min(1),
});
const smsEvent = z.object({
  eventType: z.string().optional(),
  messageId: z.string().optional(),
  isFinal: z.boolean().optional(),
  eventTimestamp: z.number().optional(),
  context: z.record(z.string(), z.string()).optional(),
});

/** The reports an invocation carries (one SES event, or a batch of SMS events); none are personal data. */
export function reportsOf(event: unknown): DeliveryReport[] {
  const ses = sesEvent.safeParse(event);
  if (ses.success) return [sesDeliveryReport(ses.data.detail)].filter((r) => r !== undefined);
  const sns = snsEvent.safeParse(event);
  if (sns.success) {
    return sns.data.Records.map((r) => smsDeliveryReport(smsEvent.parse(JSON.parse(r.Sns.Message)))).filter(
      (r) => r !== undefined,
    );
  }
  // Neither shape: nothing this function is subscribed to sends it; throw, so it is dead-lettered.
  throw new Error('Not an SES event nor an SNS notification of SMS events');
}

let ports: DeliveryReportPorts | undefined;
const portsOf = (): DeliveryReportPorts => {
  if (!ports) {
    const config = readRuntimeConfig();
    const db = createDocumentClient({ region: config.region, endpoint: config.dynamoEndpoint });
    ports = { reminders: new ReminderLog(db, config.tableName), now: () => new Date() };
  }
  return ports;
};

/**
 * Lambda entry for delivery reports (issue 15, ADR 0014): SES events through EventBridge and SMS events
 * through SNS mark the reminders they are about delivered or failed. A store error throws (EventBridge
 * or SNS invoke asynchronously: Lambda retries, then the dead-letter queue); a report about no reminder
 * of ours is counted, not retried. Logs outcomes, kinds and office ids only: never an address or a number.
 */
export const handler = middy<unknown, Record<DeliveryRecording, number>>()
  .use(observe())
  .handler(async (event) => {
    const counts: Record<DeliveryRecording, number> = { recorded: 0, unchanged: 0, unmatched: 0 };
    for (const report of reportsOf(event)) {
      const recording = await recordDelivery(portsOf(), report);
      counts[recording] += 1;
      logger.info('delivery report', {
        officeId: report.officeId,
        kind: report.kind,
        outcome: report.outcome.status,
        recording,
      });
    }
    return counts;
  });
