/**
 * A subject's export (issue 17; UU 27/2022 Pasal 7 and 32): everything the office holds about a client,
 * as a JSON file (the records whole) and a readable Bahasa Indonesia PDF, stored in the exports bucket
 * for the retention schedule's `exports` period and handed over through presigned links. One audited
 * action: the export's record, the `client.export` entry in the client's trail and, when it answers a
 * logged access request, that request's answer, in one transaction.
 *
 * Runs in the documents function (it renders with pdfmake). Calls: the guard's read (with the client and
 * the request), 3 Queries per case and 1 for the client's trail (export-content.ts), the transaction.
 */
import { answerRequest as decideAnswer, exportMismatch, lawfulBasisOf, officeToday } from '../../domain';
import { buildSubjectExport } from '../../domain/data-protection/subject-export';
import { isOfficeTimeZone, type OfficeTimeZone } from '../../domain/calendar';
import type { Letterhead } from '../../domain/documents';
import type { Office } from '../../domain/office';
import { actorOf, type OfficeGrant } from '../../identity/grant';
import { WriteConflict } from '../../store/optimistic';
import type { SubjectExportRecord } from '../../store/subject-export-store';
import { loadClient } from '../clients/queries';
import type { Ports } from '../ports';
import { refuse } from '../refusal';
import { exportContent, type ExportPorts } from './export-content';
import { answerWithLinks } from './export-links';

const DAY = 86_400_000;

export interface ExportAnswer {
  readonly id: string;
  readonly clientId: string;
  readonly requestId?: string;
  readonly createdAt: string;
  /** The instant the files are deleted (the bucket's lifecycle may take up to a day more). */
  readonly expiresAt: string;
  /** The instant the download links stop working, at the earliest. */
  readonly linksExpireAt: string;
  readonly json: { readonly url: string; readonly sha256: string; readonly sizeBytes: number };
  readonly pdf: {
    readonly url: string;
    readonly sha256: string;
    readonly sizeBytes: number;
    readonly pages: number;
  };
}

/** The office's kop surat, or its name and address alone while it has set none (an export is not a letter). */
const letterheadOf = (office: Office): Letterhead =>
  office.documentSettings?.letterhead ?? {
    kanwil: '',
    officeName: office.name,
    address: office.address,
    city: '',
  };

/** A request the export answers: an open access request about this client (PDP-REQUEST-ANSWER-ONCE). */
async function answering(
  ports: Pick<Ports, 'subjectRequests'>,
  grant: OfficeGrant,
  requestId: string,
  clientId: string,
) {
  const request = await ports.subjectRequests.get(grant.office.id, requestId);
  if (!request) throw refuse.invalid([{ path: 'requestId', message: 'No such request in this office.' }]);
  const mismatch = exportMismatch(request, clientId);
  if (mismatch === 'not-open') {
    throw refuse.conflict('The request is no longer open.', [
      {
        rule: 'PDP-REQUEST-ANSWER-ONCE',
        path: 'requestId',
        message: `The request was already ${request.status}.`,
      },
    ]);
  }
  if (mismatch === 'not-access') {
    throw refuse.invalid([
      {
        rule: 'PDP-REQUEST-ANSWER-ONCE',
        path: 'requestId',
        message: 'Only an access request is answered with an export.',
      },
    ]);
  }
  if (mismatch === 'other-client') {
    throw refuse.invalid([{ path: 'requestId', message: 'The request is about another client.' }]);
  }
  return request;
}

export async function exportClient(
  ports: ExportPorts &
    Pick<
      Ports,
      'clients' | 'subjectRequests' | 'exportFiles' | 'exportsRetentionDays' | 'documentRenderer' | 'now'
    >,
  grant: OfficeGrant,
  input: { readonly clientId: string; readonly requestId?: string; readonly reason: string },
): Promise<ExportAnswer> {
  const { documentRenderer: renderer, exportFiles: files } = ports;
  // Wiring, not the caller's fault: only the documents function has both.
  if (!renderer || !files) throw new Error('the subject export runs in the documents function');
  const client = await loadClient(ports, grant, input.clientId);
  const request = input.requestId ? await answering(ports, grant, input.requestId, client.id) : undefined;
  const content = await exportContent(ports, grant, client);

  const now = ports.now();
  const office = grant.office;
  const zone: OfficeTimeZone = isOfficeTimeZone(office.timeZone) ? office.timeZone : 'Asia/Jakarta';
  const id = crypto.randomUUID();
  const expiresAt = new Date(now.getTime() + ports.exportsRetentionDays * DAY);
  // The office's day the files go: printed on the PDF, kept on the record, checked by export-links.ts.
  const expiresOn = officeToday(office, expiresAt);
  const lawfulBasis = lawfulBasisOf(client);
  const json = {
    format: 'abdi-subject-export/1',
    exportId: id,
    generatedAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    office: { id: office.id, name: office.name },
    ...(request ? { request: { id: request.id, kind: request.kind, receivedAt: request.receivedAt } } : {}),
    lawfulBasis,
    client: content.client,
    cases: content.cases,
    clientAudit: content.clientAudit,
    leftOut: [
      'The bytes of photos and files: each is listed with its SHA-256; a copy may be asked for.',
      "Technical records of the system (idempotency, counters, the office's daily totals).",
    ],
  };
  const model = buildSubjectExport({
    exportId: id,
    letterhead: letterheadOf(office),
    timeZone: zone,
    generatedAt: now,
    generatedOn: officeToday(office, now),
    expiresOn,
    client: content.client,
    lawfulBasis,
    clientAudit: content.clientAudit,
    cases: content.cases,
  });
  const rendered = await renderer.render(model);
  // Keys name the office and the export, never the person (they are in the URL and the access logs).
  const base = `${office.id}/${id}/salinan-data`;
  const jsonBytes = new TextEncoder().encode(JSON.stringify(json, null, 2));
  const [jsonFile, pdfFile] = await Promise.all([
    files.put(`${base}.json`, jsonBytes, 'application/json'),
    files.put(`${base}.pdf`, rendered.bytes, 'application/pdf'),
  ]);

  const actor = actorOf(grant, now);
  const record: SubjectExportRecord = {
    id,
    officeId: office.id,
    clientId: client.id,
    ...(request ? { requestId: request.id } : {}),
    reason: input.reason,
    json: { key: `${base}.json`, ...jsonFile },
    pdf: { key: `${base}.pdf`, ...pdfFile, pages: rendered.pages },
    caseIds: content.cases.map((item) => String(item.record.id)),
    createdAt: now.toISOString(),
    createdBy: actor.actor,
    expiresOn,
  };
  let answerItems: Parameters<Ports['subjectExports']['record']>[2] = [];
  if (request) {
    const decided = decideAnswer(
      request,
      { outcome: 'answered', note: 'Dijawab dengan ekspor data pribadi.', exportId: id },
      now,
    );
    if (!decided.ok) throw refuse.conflict('The request is no longer open.', decided.violations);
    // The request's item only: the export's own audit entry names the request (one entry per action).
    answerItems = [ports.subjectRequests.answerItems(request, decided.value, actor).items[0]];
  }
  try {
    await ports.subjectExports.record(record, { ...actor, reason: input.reason }, answerItems);
  } catch (error) {
    if (error instanceof WriteConflict)
      throw refuse.conflict('The request was answered meanwhile; reload it.');
    throw error;
  }

  return answerWithLinks(files, record, now, expiresAt);
}
