import { SendTextMessageCommand, type PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { MessageChannel, OutgoingMessage, SentMessage } from '../../actions/reminders/message-channel';

export interface SmsChannelOptions {
  /** The origination identity's ARN (a phone number, a pool or a sender id of AWS End User Messaging SMS). */
  readonly originationIdentity: string;
  /**
   * The End User Messaging SMS configuration set whose event destination reports deliveries (the
   * Reminders construct's, with an SNS topic the delivery-report handler reads); none: no reports.
   */
  readonly configurationSet?: string;
}

/** An E.164 number: `+`, a country code, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * SMS through AWS End User Messaging SMS (`SendTextMessage`, the pinpoint-sms-voice-v2 API), as
 * transactional messages from the configured origination identity. The tags go in `Context`, which the
 * service hands back in its delivery events. A number that is not E.164 is refused here, before any call.
 */
export function smsChannel(client: PinpointSMSVoiceV2Client, options: SmsChannelOptions): MessageChannel {
  return {
    async send(message: OutgoingMessage): Promise<SentMessage> {
      if (!E164.test(message.to)) throw new Error('SMS recipient is not an E.164 phone number');
      const { officeId, kind, caseId, date } = message.tags;
      const result = await client.send(
        new SendTextMessageCommand({
          DestinationPhoneNumber: message.to,
          OriginationIdentity: options.originationIdentity,
          MessageBody: message.text,
          MessageType: 'TRANSACTIONAL',
          Context: { officeId, kind, ...(caseId && { caseId }), ...(date && { date }) },
          ...(options.configurationSet && { ConfigurationSetName: options.configurationSet }),
        }),
      );
      if (!result.MessageId) throw new Error('End User Messaging SMS returned no message id');
      return { providerMessageId: result.MessageId };
    },
  };
}
