/**
 * Local mode's stand-in for Amazon SES and AWS End User Messaging SMS (ADR 0014): a real SMTP server
 * on a loopback port that parses every message it receives and keeps it in an in-memory outbox, which
 * the local HTTP adapter shows at `/local/outbox`. Email reaches it over SMTP from nodemailer, so the
 * reminders travel through a real mail transport; there is no SMS server to run, so local SMS go
 * straight into the same outbox.
 *
 * Nothing here leaves the machine: the server accepts any sender and recipient and relays nothing.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import type {
  MessageChannel,
  Messaging,
  OutgoingMessage,
} from '../../functions/actions/reminders/message-channel';
import { bindHost, dialHost } from './host';

/** One message in the outbox, as the outbox page and `/local/outbox.json` show it. */
export interface OutboxEntry {
  /** For email, the Message-ID (without `<>`): the provider id the channel returned for it. */
  readonly id: string;
  readonly channel: 'email' | 'sms';
  readonly to: string;
  readonly subject?: string;
  readonly text: string;
  readonly tags: OutgoingMessage['tags'];
  /** When it arrived, ISO 8601. */
  readonly at: string;
}

export interface OutboxFilter {
  /** Part of the recipient, any case. */
  readonly to?: string;
  /** The case id of the message's tags, exactly. */
  readonly caseId?: string;
}

/** The newest `limit` messages, newest first; older ones fall off, so a long demo cannot fill memory. */
export class Outbox {
  private entries: OutboxEntry[] = [];

  constructor(readonly limit = 500) {}

  add(entry: OutboxEntry): void {
    this.entries = [entry, ...this.entries].slice(0, this.limit);
  }

  list(filter: OutboxFilter = {}): OutboxEntry[] {
    const to = filter.to?.trim().toLowerCase();
    const caseId = filter.caseId?.trim();
    return this.entries.filter(
      (entry) => (!to || entry.to.toLowerCase().includes(to)) && (!caseId || entry.tags.caseId === caseId),
    );
  }

  clear(): void {
    this.entries = [];
  }
}

/**
 * Headers that carry a message's tags through SMTP (SES keeps them as message tags instead), each value
 * URL-encoded so that it stays plain ASCII: nodemailer would MIME-encode anything else, and mailparser
 * leaves custom headers as they came.
 */
export const TAG_HEADERS = { officeId: 'x-abdi-office', kind: 'x-abdi-kind', caseId: 'x-abdi-case' } as const;

/** The largest message the capture accepts; reminders are a few hundred bytes. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

export interface MailCapture {
  readonly host: string;
  readonly port: number;
  readonly outbox: Outbox;
  stop(): Promise<void>;
}

/**
 * Starts the SMTP server. `port` 0 (the default) takes a free port, `host` defaults to local mode's bind
 * address. No TLS and no authentication: it listens on loopback and never relays.
 */
export async function startMailCapture(
  options: { port?: number; host?: string; outbox?: Outbox } = {},
): Promise<MailCapture> {
  const outbox = options.outbox ?? new Outbox();
  const server = new SMTPServer({
    name: 'abdi.local',
    banner: 'Abdi local mail capture',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          if (stream.sizeExceeded) return callback(new Error('Message too large'));
          const header = (name: string) => {
            const value = parsed.headers.get(name);
            return typeof value === 'string' && value !== '' ? safeDecode(value) : undefined;
          };
          const recipients = session.envelope.rcptTo.map((r) => r.address);
          outbox.add({
            id: (parsed.messageId ?? randomUUID()).replace(/^<|>$/g, ''),
            channel: 'email',
            to: recipients.length > 0 ? recipients.join(', ') : addresses(parsed.to),
            ...(parsed.subject !== undefined && { subject: parsed.subject }),
            text: (parsed.text ?? '').replace(/\n$/, ''),
            tags: {
              officeId: header(TAG_HEADERS.officeId) ?? '',
              kind: header(TAG_HEADERS.kind) ?? '',
              ...(header(TAG_HEADERS.caseId) && { caseId: header(TAG_HEADERS.caseId) }),
            },
            at: new Date().toISOString(),
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  const host = options.host ?? bindHost();
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    host: dialHost(host),
    port,
    outbox,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function addresses(to: AddressObject | AddressObject[] | undefined): string {
  return [to ?? []]
    .flat()
    .flatMap((group) => group.value.map((a) => a.address ?? ''))
    .join(', ');
}

/**
 * Email over SMTP with nodemailer to the local capture (or any SMTP server on `host:port`): plain text,
 * the tags in `X-Abdi-*` headers. Returns the Message-ID, which is the capture's outbox id, as delivered
 * once the server has accepted it.
 */
export function smtpEmailChannel(options: { host: string; port: number; from: string }): MessageChannel {
  const transport = createTransport({
    host: options.host,
    port: options.port,
    secure: false,
    ignoreTLS: true,
  });
  return {
    async send(message) {
      const info = await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject ?? 'Pemberitahuan dari Abdi',
        text: message.text,
        headers: {
          [TAG_HEADERS.officeId]: encodeURIComponent(message.tags.officeId),
          [TAG_HEADERS.kind]: encodeURIComponent(message.tags.kind),
          ...(message.tags.caseId && { [TAG_HEADERS.caseId]: encodeURIComponent(message.tags.caseId) }),
        },
      });
      // The SMTP server accepted the message: for local mode that is delivery (nothing relays further).
      return { providerMessageId: String(info.messageId).replace(/^<|>$/g, ''), delivered: true };
    },
  };
}

/** SMS in local mode: straight into the outbox, with the id the outbox shows. */
export function outboxSmsChannel(outbox: Outbox): MessageChannel {
  return {
    send(message) {
      const id = `sms-${randomUUID()}`;
      outbox.add({
        id,
        channel: 'sms',
        to: message.to,
        text: message.text,
        tags: message.tags,
        at: new Date().toISOString(),
      });
      // In the outbox is where a local SMS ends: delivered.
      return Promise.resolve({ providerMessageId: id, delivered: true });
    },
  };
}

/** Local mode's sender address: nobody receives it, it only has to look like the cloud's. */
export const LOCAL_SENDER = 'Abdi <abdi@abdi.local>';

/** Both local channels over one capture: email by SMTP, SMS into its outbox. */
export function localMessaging(capture: MailCapture, from = LOCAL_SENDER): Required<Messaging> {
  return {
    email: smtpEmailChannel({ host: capture.host, port: capture.port, from }),
    sms: outboxSmsChannel(capture.outbox),
  };
}
