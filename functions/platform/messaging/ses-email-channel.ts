import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { MessageChannel, OutgoingMessage, SentMessage } from '../../actions/reminders/message-channel';

export interface SesEmailChannelOptions {
  /** The verified identity (or an address of a verified domain) every reminder is sent from. */
  readonly from: string;
  /** SES configuration set: where its event destinations report deliveries, bounces and complaints. */
  readonly configurationSet?: string;
}

/**
 * Subject of an email whose message has none. Reminders always set one; a missing subject should not
 * turn a reminder into a failed one.
 */
export const DEFAULT_SUBJECT = 'Pemberitahuan dari Abdi';

/**
 * SES accepts tag names and values of ASCII letters, digits, `_` and `-`, at most 256 characters; anything
 * else refuses the whole message. Ids in Abdi fit already, so this only guards against a future id shape.
 */
export function sesTagValue(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256);
}

/** The message's tags as SES message tags (empty values left out: SES refuses them). */
export function sesTags(tags: OutgoingMessage['tags']) {
  const pairs: [string, string | undefined][] = [
    ['office', tags.officeId],
    ['kind', tags.kind],
    ['case', tags.caseId],
    ['date', tags.date],
  ];
  return pairs
    .map(([name, value]) => ({ Name: name, Value: sesTagValue(value ?? '') }))
    .filter((tag) => tag.Value !== '');
}

/**
 * Email through Amazon SES v2 (`SendEmail`, simple content): one plain-text UTF-8 message per
 * recipient, tagged with the office, the kind of reminder, the case and the day, so the configuration
 * set's events can be matched back to the reminder log (actions/reminders/record-delivery.ts) without
 * any personal data in the tags.
 */
export function sesEmailChannel(client: SESv2Client, options: SesEmailChannelOptions): MessageChannel {
  return {
    async send(message: OutgoingMessage): Promise<SentMessage> {
      const result = await client.send(
        new SendEmailCommand({
          FromEmailAddress: options.from,
          Destination: { ToAddresses: [message.to] },
          Content: {
            Simple: {
              Subject: { Data: message.subject ?? DEFAULT_SUBJECT, Charset: 'UTF-8' },
              Body: { Text: { Data: message.text, Charset: 'UTF-8' } },
            },
          },
          ...(options.configurationSet && { ConfigurationSetName: options.configurationSet }),
          EmailTags: sesTags(message.tags),
        }),
      );
      if (!result.MessageId) throw new Error('SES accepted the email but returned no message id');
      return { providerMessageId: result.MessageId };
    },
  };
}
