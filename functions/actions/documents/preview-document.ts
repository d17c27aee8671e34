import { officeToday } from '../../domain';
import type { OfficeGrant } from '../../identity/grant';
import type { DocumentFrame } from './document-frame';
import {
  buildDocument,
  publicUrlOf,
  rendererOf,
  settingsOf,
  verificationUrl,
  type DocumentPorts,
  type DocumentRequest,
} from './issue-document';

/** What a preview prints where the register's number will stand. */
export const DRAFT_NUMBER = 'DRAF';

/**
 * The document as it would be issued now, marked DRAF on every page, with no number drawn, nothing
 * stored and nothing audited: what the officer checks before issuing. Refuses as issuing would.
 */
export async function previewDocument(
  ports: DocumentPorts,
  grant: OfficeGrant,
  request: DocumentRequest,
): Promise<Uint8Array> {
  const settings = settingsOf(grant);
  const renderer = rendererOf(ports);
  const publicUrl = publicUrlOf(ports);
  const frame: DocumentFrame = {
    settings,
    numbered: {
      number: DRAFT_NUMBER,
      issuedOn: officeToday(grant.office, ports.now()),
      // A QR code on a draft leads to a page that says no document of that link was issued.
      verificationUrl: verificationUrl(publicUrl, 'draf'),
    },
    timeZone: grant.office.timeZone as DocumentFrame['timeZone'],
    publicUrl,
  };
  const built = await buildDocument(ports, grant, request, frame);
  return (await renderer.render(built.model, { draft: true })).bytes;
}
