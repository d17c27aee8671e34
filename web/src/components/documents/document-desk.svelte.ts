/**
 * What a screen that issues documents keeps: its list (a page at a time), the preview being looked at
 * (the body to send, and the number it corrects), and the line that says what was just issued. The
 * case panel, the site page and the reports page each hold one.
 */
import type { DocumentKind, IssueDocumentBody, OfficialDocument, Page } from '../../lib/api-types';
import { CursorPages } from '../../lib/cursor-pages.svelte';
import { documentKindLabel, reissueBody } from '../../lib/documents';
import { m } from '../../paraglide/messages.js';

/** A preview open in the dialog. */
export interface PreviewRequest {
  readonly body: IssueDocumentBody;
  readonly kind: DocumentKind;
  /** The number of the document this one corrects, for the dialog's note. */
  readonly replacing?: string | undefined;
}

/** What was just done, and the number it was done to (shown unbroken). */
export interface DocumentNotice {
  readonly text: string;
  readonly number: string;
}

export class DocumentDesk {
  readonly pages: CursorPages<OfficialDocument>;
  preview = $state<PreviewRequest | null>(null);
  /** "Laporan perkembangan diterbitkan dengan nomor W23-…" after an issue; the new row is `latest`. */
  notice = $state<DocumentNotice | null>(null);
  latest = $state<string | null>(null);

  constructor(fetch: (query: string) => Promise<Page<OfficialDocument>>) {
    this.pages = new CursorPages(fetch);
  }

  /** Opens the preview of `body`. */
  readonly open = (body: IssueDocumentBody, replacing?: string) => {
    this.notice = null;
    this.preview = { body, kind: body.kind, replacing };
  };

  /** Opens the preview of a correction of `document` (same kind, record and period). */
  readonly reissue = (document: OfficialDocument) => {
    const body = reissueBody(document);
    if (body) this.open(body, document.number);
  };

  readonly close = () => {
    this.preview = null;
  };

  /** After the dialog issued a document: read the list again (it is first, newest), then say so. */
  readonly issued = async (document: OfficialDocument) => {
    this.preview = null;
    this.notice = null;
    this.latest = document.id;
    await this.pages.load();
    // Announced once the list shows it.
    this.notice = {
      text: m.doc_issued_notice({ kind: documentKindLabel(document.kind) }),
      number: document.number,
    };
  };

  /** After a row changed (finished): read the list again. */
  readonly reload = () => this.pages.load();
}
