import * as z from 'zod';
import { REMINDER_RECIPIENTS } from '../../domain/reminders';

/** `PUT …/clients/{clientId}/sms-preference`: a reason is required to turn SMS off. */
export const smsPreferenceBody = z
  .object({
    noSms: z.boolean(),
    reason: z
      .string()
      .trim()
      .min(3)
      .max(300)
      .optional()
      .describe('Why the client gets no SMS (a shared phone, their wish); required when noSms is true'),
  })
  .strict()
  .refine((body) => !body.noSms || body.reason !== undefined, {
    path: ['reason'],
    message: 'Say why this client gets no SMS.',
  });

export const smsPreferenceSchema = z
  .object({
    noSms: z.boolean(),
    reason: z.string().optional(),
    setBy: z.string().describe('Who set it: a username'),
    setAt: z.string().describe('When, as an ISO-8601 instant'),
  })
  .meta({ id: 'SmsPreference' });

export const reminderSchema = z
  .object({
    kind: z
      .enum(['day-before', 'end-of-day', 'at-risk', 'impossible'])
      .describe(
        'day-before: SMS to the client and email to the site supervisor; end-of-day: a scheduled session not recorded; at-risk / impossible: the feasibility alert',
      ),
    recipient: z.enum(REMINDER_RECIPIENTS),
    channel: z.enum(['sms', 'email']),
    to: z
      .string()
      .optional()
      .describe('The contact, masked (+62812****789, b***@palopo.go.id); absent when there was none'),
    date: z.string().describe('The day the reminder is about (YYYY-MM-DD)'),
    status: z.enum(['sent', 'delivered', 'failed']),
    reason: z
      .string()
      .optional()
      .describe(
        'Why it failed: no SMS, no phone, not a mobile number, no SMS channel, no supervisor for the site, channel error: …',
      ),
    at: z.string().describe('When it reached its status, as an ISO-8601 instant'),
  })
  .meta({ id: 'Reminder' });

export const reminderListSchema = z.object({ items: z.array(reminderSchema) }).meta({ id: 'ReminderList' });
