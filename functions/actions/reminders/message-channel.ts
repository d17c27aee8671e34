/**
 * How a reminder leaves Abdi (ADR 0014). One interface for every channel, so the use cases never know
 * whether a message goes through Amazon SES, AWS End User Messaging SMS, or the local SMTP capture.
 */

/** One message to one recipient. `text` is the whole body: reminders are plain text, in Bahasa Indonesia. */
export interface OutgoingMessage {
  /** An email address or an E.164 phone number (+62…), as the channel needs. */
  readonly to: string;
  /** Email only; SMS have no subject. */
  readonly subject?: string;
  readonly text: string;
  /** Where the message belongs, for the provider's tags and the local outbox; never personal data. */
  readonly tags: {
    readonly officeId: string;
    readonly kind: string;
    readonly caseId?: string;
    /**
     * The day the reminder is about (its log key's date, set by deliver.ts): with the office, case and
     * kind it narrows a delivery report's search for the log item to one day's few items.
     */
    readonly date?: string;
  };
}

/** The provider's answer: its own id for the message, later matched by delivery reports. */
export interface SentMessage {
  readonly providerMessageId: string;
  /**
   * The recipient's server already took it (local mode's SMTP capture and outbox): the reminder is
   * logged `delivered` at once. A cloud provider reports delivery later, by event (record-delivery.ts).
   */
  readonly delivered?: true;
}

/** Sends one message; throws when the provider refuses it (the caller logs the reminder as failed). */
export interface MessageChannel {
  send(message: OutgoingMessage): Promise<SentMessage>;
}

/**
 * The channels a deployment has: none without reminder settings (its nightly re-plan still runs, and
 * alerts nothing); `sms` absent where no SMS origination identity is configured.
 */
export interface Messaging {
  readonly email?: MessageChannel;
  readonly sms?: MessageChannel;
}
