/**
 * Issuing an official document (ADR 0015): the number from the office's register, the document as
 * `issuing` with its audit entry in one transaction, the render, the file stored under Object Lock, the
 * record `issued`. A failure after the number is taken leaves an `issuing` record that `finishDocument`
 * completes from its stored model, so the register has no gaps and a number is never given twice.
 */
import { createHash } from 'node:crypto';
import { officeToday, Rule } from '../../domain';
import {
  formatDocumentNumber,
  initialsOf,
  registerOf,
  sequenceScope,
  type DocumentKind,
  type OfficeDocumentSettings,
  type OfficialDocument,
} from '../../domain/documents';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import type { CaseRecord } from '../../store/case-store';
import type { DocumentRecord, DocumentSubject } from '../../store/document-store';
import { retryOnConflict } from '../../store/optimistic';
import { loadVisibleCase } from '../cases/visible-case';
import type { DocumentRenderer, Ports } from '../ports';
import { refuse } from '../refusal';
import { caseDocument, type CaseSourcePorts } from './case-sources';
import type { DocumentFrame } from './document-frame';
import { monthlyReport, type OfficeSourcePorts } from './office-sources';
import { attendanceSheet, type SiteSourcePorts } from './site-sources';

export type { DocumentRecord } from '../../store/document-store';

/** What to issue: the kind says which record it is about. */
export type DocumentRequest = (
  | { readonly kind: 'completion_record'; readonly caseId: string }
  | { readonly kind: 'referral_report'; readonly caseId: string; readonly referralId?: string }
  | { readonly kind: 'progress_report'; readonly caseId: string; readonly month?: string }
  | { readonly kind: 'placement_letter'; readonly caseId: string }
  | { readonly kind: 'attendance_sheet'; readonly siteId: string; readonly month: string }
  | { readonly kind: 'monthly_report'; readonly month: string }
) & { readonly replaces?: string };

export type DocumentPorts = CaseSourcePorts &
  SiteSourcePorts &
  OfficeSourcePorts &
  Pick<Ports, 'documents' | 'documentFiles' | 'documentRenderer' | 'publicUrl' | 'now'>;

/** A built document and what its record says about it besides the model. */
interface Built {
  readonly model: OfficialDocument;
  readonly subject: DocumentSubject;
  readonly caseId?: string;
  readonly siteId?: string;
  readonly period?: string;
  readonly initials?: string;
  /** The case it was read from: the document is written only if the case is still as read. */
  readonly basedOnCase?: CaseRecord;
}

/** The office's settings, or DOC-SETTINGS: nothing is issued on a letterhead nobody set. */
export function settingsOf(grant: OfficeGrant): OfficeDocumentSettings {
  const settings = grant.office.documentSettings;
  if (!settings) {
    throw refuse.conflict(
      "The office's letterhead, head and register are not set: an admin sets them in the office settings (PUT /v1/offices/{officeId}/document-settings).",
      [{ rule: Rule.DOC_SETTINGS, path: 'documentSettings', message: 'Not set for this office.' }],
    );
  }
  return { ...settings, register: registerOf(settings) };
}

export function rendererOf(ports: Pick<Ports, 'documentRenderer'>): DocumentRenderer {
  if (!ports.documentRenderer)
    throw new Error('this function has no document renderer: a route is misrouted');
  return ports.documentRenderer;
}

export const verificationUrl = (publicUrl: string, documentId: string) => `${publicUrl}/v/${documentId}`;

/** The origin printed in a document's links; a function that issues documents must be given one. */
export function publicUrlOf(ports: Pick<Ports, 'publicUrl'>): string {
  if (!ports.publicUrl) throw new Error('PUBLIC_URL is not set: this function cannot print links');
  return ports.publicUrl;
}

/** Reads the records the document is about and builds its model with the frame's number and date. */
export async function buildDocument(
  ports: DocumentPorts,
  grant: OfficeGrant,
  request: DocumentRequest,
  frame: DocumentFrame,
): Promise<Built> {
  const officeId = grant.office.id;
  switch (request.kind) {
    case 'attendance_sheet': {
      const site = await ports.sites.get(officeId, request.siteId);
      if (!site) throw refuse.notFound('No such site in this office.');
      const built = await attendanceSheet(
        ports,
        officeId,
        site,
        { month: request.month, issuer: actorOf(grant, ports.now()).actor },
        frame,
      );
      return { ...built, subject: { type: 'site', id: site.id } };
    }
    case 'monthly_report': {
      const built = await monthlyReport(ports, grant, request.month, frame);
      return { ...built, subject: { type: 'office', id: officeId } };
    }
    default: {
      const record = await loadVisibleCase(ports, grant, request.caseId);
      const built = await caseDocument(ports, record, request, frame);
      const onCase: Built = {
        model: built.model,
        subject: { type: 'case', id: record.id },
        caseId: record.id,
        initials: initialsOf(record.clientName),
        basedOnCase: record,
        ...(built.period ? { period: built.period } : {}),
      };
      // A placement letter is the case's (its timeline, its list) and names the site it goes to.
      return built.siteId ? { ...onCase, siteId: built.siteId } : onCase;
    }
  }
}

/**
 * Issues one document. Refuses: conflict (DOC-SETTINGS unset; the replaced document is not an issued
 * one of the same kind and subject), invalid (the document cannot be written yet, naming the rule),
 * not-found (a case or site the caller may not see), busy (the register or the case kept moving).
 */
export async function issueDocument(
  ports: DocumentPorts,
  grant: OfficeGrant,
  request: DocumentRequest,
): Promise<DocumentRecord> {
  const settings = settingsOf(grant);
  const renderer = rendererOf(ports);
  const publicUrl = publicUrlOf(ports);
  const officeId = grant.office.id;

  const registered = await retryOnConflict(
    async () => {
      const now = ports.now();
      const issuedOn = officeToday(grant.office, now);
      const scope = sequenceScope(settings.register, request.kind, issuedOn);
      const sequence = (await ports.documents.counter(officeId, scope)) + 1;
      const id = ports.documents.newId();
      const number = formatDocumentNumber(settings.register, {
        kind: request.kind,
        seq: sequence,
        date: issuedOn,
      });
      const frame: DocumentFrame = {
        settings,
        numbered: { number, issuedOn, verificationUrl: verificationUrl(publicUrl, id) },
        timeZone: grant.office.timeZone as DocumentFrame['timeZone'],
        publicUrl,
      };
      // Read in each attempt: a concurrent correction of the same document changes it.
      const replacing = await replaced(ports, officeId, request.replaces);
      const built = await buildDocument(ports, grant, request, frame);
      if (replacing) checkReplaceable(replacing, request.kind, built.subject);
      const { actor, at } = actorOf(grant, now);
      const record: DocumentRecord = {
        id,
        officeId,
        kind: request.kind,
        number,
        sequenceScope: scope,
        sequence,
        subject: built.subject,
        ...(built.caseId ? { caseId: built.caseId } : {}),
        ...(built.siteId ? { siteId: built.siteId } : {}),
        ...(built.period ? { period: built.period } : {}),
        title: built.model.title,
        status: 'issuing',
        ...(replacing ? { replaces: replacing.id } : {}),
        issuedOn,
        issuedAt: at.toISOString(),
        issuedBy: actor,
        fingerprint: renderer.fingerprint(built.model),
        objectKey: `o/${officeId}/documents/${id}.pdf`,
        renderer: renderer.version,
        model: built.model,
      };
      await ports.documents.register({
        record,
        verification: {
          id,
          number,
          kind: request.kind,
          title: built.model.title,
          issuedOn,
          officeName: settings.letterhead.officeName,
          status: 'issued',
          fingerprint: record.fingerprint,
          ...(built.initials ? { initials: built.initials } : {}),
        },
        actor: { actor, at },
        ...(built.basedOnCase
          ? {
              basedOnCase: {
                caseId: built.basedOnCase.id,
                version: built.basedOnCase.version,
                creditedMinutes: built.basedOnCase.creditedMinutes,
                markCompletion: request.kind === 'completion_record',
              },
            }
          : {}),
        ...(replacing ? { replacing } : {}),
      });
      return record;
    },
    {
      onExhausted: () =>
        refuse.busy('The register or the case kept changing while the document was issued; try again.'),
    },
  );
  return storeFile(ports, renderer, registered);
}

/** The document a correction names, or not-found. */
async function replaced(ports: Pick<Ports, 'documents'>, officeId: string, id: string | undefined) {
  if (!id) return undefined;
  const record = await ports.documents.get(officeId, id);
  if (!record) throw refuse.notFound('No such document to replace in this office.');
  return record;
}

/** A correction replaces an issued document of the same kind about the same record. */
function checkReplaceable(replaced: DocumentRecord, kind: DocumentKind, subject: DocumentSubject) {
  if (replaced.status !== 'issued' || replaced.kind !== kind || replaced.subject.id !== subject.id) {
    throw refuse.conflict('Only an issued document of the same kind about the same record can be replaced.', [
      {
        path: 'replaces',
        message: `That document is ${replaced.status}, a ${replaced.kind} about another record or already replaced.`,
      },
    ]);
  }
}

/** Renders the record's model, stores the file (once: never over another) and marks it issued. */
async function storeFile(
  ports: Pick<Ports, 'documents' | 'documentFiles'>,
  renderer: DocumentRenderer,
  record: DocumentRecord,
): Promise<DocumentRecord> {
  if (!record.model) throw new Error(`document ${record.id} has no model to render`);
  const { bytes, pages } = await renderer.render(record.model);
  const sha256 = createHash('sha256').update(bytes);
  const stored = await ports.documentFiles.put(record.objectKey, bytes, sha256.copy().digest('base64'));
  if (stored.sha256 !== sha256.digest('hex')) {
    // Only a different renderer could write other bytes for the same model: keep the stored file.
    throw new Error(`document ${record.id}: the stored file differs from this render`);
  }
  return ports.documents.markIssued(record, { ...stored, pages });
}

/**
 * Completes a document whose issue stopped after its number was taken (the record is `issuing`): the
 * same model renders the same bytes. An issued document is returned as it is.
 */
export async function finishDocument(
  ports: Pick<Ports, 'documents' | 'documentFiles' | 'documentRenderer'>,
  grant: OfficeGrant,
  documentId: string,
): Promise<DocumentRecord> {
  const record = await ports.documents.get(grant.office.id, documentId);
  if (!record) throw refuse.notFound('No such document in this office.');
  if (record.status !== 'issuing') return record;
  return storeFile(ports, rendererOf(ports), record);
}
