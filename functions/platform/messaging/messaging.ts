import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { MessageChannel, Messaging } from '../../actions/reminders/message-channel';
import { sesEmailChannel } from './ses-email-channel';
import { smsChannel } from './sms-channel';

/**
 * How a deployment sends reminders (ADR 0014), from the environment the reminders function gets from
 * the stack (infra/constructs/reminders.ts):
 * - `REMINDER_SENDER_EMAIL`: the SES identity reminders come from (required);
 * - `SES_CONFIGURATION_SET`: the SES configuration set (optional);
 * - `SMS_ORIGINATION_IDENTITY`: the End User Messaging SMS origination identity's ARN; without it the
 *   deployment has no SMS channel and reminders to clients are logged as not sent;
 * - `SMS_CONFIGURATION_SET`: the End User Messaging SMS configuration set whose events report SMS
 *   deliveries (optional).
 */
export interface MessagingConfig {
  readonly region: string;
  readonly senderEmail: string;
  readonly configurationSet?: string;
  readonly smsOriginationIdentity?: string;
  readonly smsConfigurationSet?: string;
}

/** Reads the messaging settings; a missing sender fails the cold start with one clear line. */
export function readMessagingConfig(env: NodeJS.ProcessEnv = process.env): MessagingConfig {
  const senderEmail = env.REMINDER_SENDER_EMAIL;
  if (!senderEmail) throw new Error('Missing environment variable REMINDER_SENDER_EMAIL');
  return {
    region: env.AWS_REGION ?? 'ap-southeast-3',
    senderEmail,
    configurationSet: env.SES_CONFIGURATION_SET || undefined,
    smsOriginationIdentity: env.SMS_ORIGINATION_IDENTITY || undefined,
    smsConfigurationSet: env.SMS_CONFIGURATION_SET || undefined,
  };
}

/** The clients to send with; tests pass clients with a capturing request handler. */
export interface MessagingClients {
  readonly ses?: SESv2Client;
  readonly sms?: PinpointSMSVoiceV2Client;
}

/** The cloud channels: email through SES v2, and SMS only where an origination identity is configured. */
export function createMessaging(
  config: MessagingConfig,
  clients: MessagingClients = {},
): Messaging & { readonly email: MessageChannel } {
  const email = sesEmailChannel(clients.ses ?? new SESv2Client({ region: config.region }), {
    from: config.senderEmail,
    configurationSet: config.configurationSet,
  });
  if (!config.smsOriginationIdentity) return { email };
  const sms = smsChannel(clients.sms ?? new PinpointSMSVoiceV2Client({ region: config.region }), {
    originationIdentity: config.smsOriginationIdentity,
    configurationSet: config.smsConfigurationSet,
  });
  return { email, sms };
}

/**
 * Local mode has no SES and no SMS provider: infra/local/start.ts hands in its own channels (SMTP to
 * the local mail capture, SMS straight into its outbox) before any handler is loaded, in the same
 * process, as it hands in everything else through process.env.
 */
let localMessaging: Messaging | undefined;

/** Local mode only: the channels `messagingFromEnvironment` returns when `ABDI_MODE` is `local`. */
export function provideLocalMessaging(messaging: Messaging | undefined): void {
  localMessaging = messaging;
}

/** Whether this deployment sends reminders: local mode always, the cloud with a sender configured. */
export const sendsReminders = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env.ABDI_MODE === 'local' || Boolean(env.REMINDER_SENDER_EMAIL);

/**
 * The deployment's channels: the cloud's from the environment, or local mode's handed-in ones; none in a
 * deployment without reminder settings.
 */
export function messagingFromEnvironment(env: NodeJS.ProcessEnv = process.env): Messaging {
  if (env.ABDI_MODE === 'local') {
    if (!localMessaging) throw new Error('Local mode has no message channels (infra/local/start.ts)');
    return localMessaging;
  }
  return sendsReminders(env) ? createMessaging(readMessagingConfig(env)) : {};
}
