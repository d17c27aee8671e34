import type { OfficeTimeZone } from '../../domain';
import type { OfficeDocumentSettings } from '../../domain/documents';

/** What every document of one issue shares besides its facts: the office's settings, number and date. */
export interface DocumentFrame {
  readonly settings: OfficeDocumentSettings;
  readonly numbered: {
    /** From the register; `DRAF` on a preview. */
    readonly number: string;
    /** Office-local. */
    readonly issuedOn: string;
    /** The verification page the QR code opens. */
    readonly verificationUrl: string;
  };
  readonly timeZone: OfficeTimeZone;
  /** The dashboard's public origin, for the links a document prints (an attendance row's record). */
  readonly publicUrl: string;
}
