/**
 * Issued documents (ADR 0015): the office's register counters, each document's record, and the public
 * verification record its QR code opens. Issuing is two writes around the render: `register` takes the
 * number and records the document as `issuing` (with its model, so a failed render can be finished
 * later without drawing a second number), and `markIssued` records the stored file.
 */
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DocumentKind, OfficialDocument } from '../domain/documents';
import { auditItem } from './audit';
import { keys, withoutKeys } from './keys';
import type { Page, PageRequest } from './paging';
import { WriteConflict } from './optimistic';
import { ConditionFailed, transact, type TransactItem } from './transactions';

export type DocumentStatus = 'issuing' | 'issued' | 'replaced';

/** What a document is about: one case, one work site, or the office as a whole (a monthly report). */
export type DocumentSubject =
  | { readonly type: 'case'; readonly id: string }
  | { readonly type: 'site'; readonly id: string }
  | { readonly type: 'office'; readonly id: string };

export interface DocumentRecord {
  readonly id: string;
  readonly officeId: string;
  readonly kind: DocumentKind;
  readonly number: string;
  /** The register counter it drew from, and its value there. */
  readonly sequenceScope: string;
  readonly sequence: number;
  readonly subject: DocumentSubject;
  /** The case a document is about (its subject, for a case's documents). */
  readonly caseId?: string;
  /** The work site a case's document goes to (a placement letter), besides its subject. */
  readonly siteId?: string;
  /** `YYYY-MM` for a document of a month (progress report, attendance sheet, monthly report). */
  readonly period?: string;
  readonly title: string;
  readonly status: DocumentStatus;
  /** The document this one corrects; that one is then `replaced` and names this one. */
  readonly replaces?: string;
  readonly replacedBy?: string;
  readonly issuedOn: string;
  readonly issuedAt: string;
  readonly issuedBy: string;
  /** SHA-256 (hex) of the model's canonical JSON; its first 16 digits are printed on the paper. */
  readonly fingerprint: string;
  /** The bucket key (never reused) and, once stored, the object's version, hash and size. */
  readonly objectKey: string;
  readonly fileSha256?: string;
  readonly versionId?: string;
  readonly sizeBytes?: number;
  readonly pages?: number;
  /** pdfmake's version and the fonts': a re-render is only byte-identical with the same ones. */
  readonly renderer: string;
  /** The model, kept while `issuing` so the file can be rendered again; then only where `keepsModel`. */
  readonly model?: OfficialDocument;
}

/**
 * The verification page's record: global (the QR code carries no office), keyed by the document's
 * random id, and holding nothing but what the page may show (no name beyond initials, no NIK, no
 * decision), so no reader of it can leak more.
 */
export interface DocumentVerification {
  readonly id: string;
  readonly number: string;
  readonly kind: DocumentKind;
  readonly title: string;
  readonly issuedOn: string;
  readonly officeName: string;
  /** `issued` from registration (the number is taken) until a correction makes it `replaced`. */
  readonly status: Exclude<DocumentStatus, 'issuing'>;
  readonly fingerprint: string;
  readonly fileSha256?: string;
  /** The client's initials (`M.R.S.`), for a document about a case. */
  readonly initials?: string;
  /** For a replaced document: the number of the one that replaces it. */
  readonly replacedByNumber?: string;
}

/**
 * A monthly report keeps its model once stored: its workbook (XLSX) is built from the same content as
 * its PDF, on request. Other documents drop it: their file is the record, and a model holds names.
 */
export const keepsModel = (record: Pick<DocumentRecord, 'kind'>) => record.kind === 'monthly_report';

const documentKey = (officeId: string, id: string) => ({
  pk: `O#${officeId}#DOCUMENT#${id}`,
  sk: 'DOCUMENT',
});
const verificationKey = (id: string) => ({ pk: `VERIFY#${id}`, sk: 'VERIFY' });
const counterKey = (officeId: string, scope: string) => ({ pk: `O#${officeId}#REGISTER`, sk: scope });
/** gsi1: the office's documents; gsi2: one subject's; both newest first by issue instant. */
const officeDocuments = (officeId: string) => `O#${officeId}#DOCUMENTS`;
const subjectDocuments = (officeId: string, subject: DocumentSubject) =>
  `O#${officeId}#${subject.type.toUpperCase()}#${subject.id}#DOCUMENTS`;

/** The case write that goes with a completion record: the case item names it (closing requires it). */
export interface CaseMark {
  readonly caseId: string;
  readonly version: number;
  readonly creditedMinutes: number;
}

export interface Registration {
  readonly record: DocumentRecord;
  readonly verification: DocumentVerification;
  readonly actor: { readonly actor: string; readonly at: Date };
  /** Conditions the document on the case it was built from (its version and totals). */
  readonly basedOnCase?: CaseMark & { readonly markCompletion: boolean };
  /** The document this one replaces, as read (it must still be `issued`). */
  readonly replacing?: DocumentRecord;
}

export class DocumentStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  newId(): string {
    // Random, not a ULID: the id is in the public verification link and must not be guessable.
    return crypto.randomUUID();
  }

  /** The register counter's current value (0 when nothing was issued in the scope yet). */
  async counter(officeId: string, scope: string): Promise<number> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: counterKey(officeId, scope),
        ConsistentRead: true,
      }),
    );
    return Number(result.Item?.seq ?? 0);
  }

  /**
   * One transaction: the counter moves from `sequence - 1` to `sequence` (so two issues at once cannot
   * take one number: the loser gets `WriteConflict('register')` and draws again), the document as
   * `issuing`, its verification record, the audit entry on its subject's timeline, and the case or the
   * replaced document where they change.
   */
  async register(input: Registration): Promise<void> {
    const { record, verification, actor } = input;
    const officeId = record.officeId;
    const items: TransactItem[] = [
      {
        Update: {
          TableName: this.tableName,
          Key: counterKey(officeId, record.sequenceScope),
          UpdateExpression: 'SET seq = :next',
          ConditionExpression: record.sequence === 1 ? 'attribute_not_exists(seq)' : 'seq = :current',
          ExpressionAttributeValues: {
            ':next': record.sequence,
            ...(record.sequence === 1 ? {} : { ':current': record.sequence - 1 }),
          },
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: this.item(record),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: { ...verificationKey(record.id), type: 'document-verification', ...verification },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: auditItem({
            officeId,
            ...actor,
            action: 'document.issue',
            subject: record.subject,
            record: { type: 'document', id: record.id },
            changes: [
              { field: 'document.kind', before: null, after: record.kind },
              { field: 'document.number', before: null, after: record.number },
              ...(record.replaces
                ? [{ field: 'document.replaces', before: null, after: record.replaces }]
                : []),
            ],
          }),
        },
      },
    ];
    const caseIndex = items.length;
    if (input.basedOnCase) items.push(this.caseCondition(officeId, record, input.basedOnCase, actor.at));
    const replacedIndex = items.length;
    if (input.replacing) items.push(...this.replaceItems(input.replacing, record));
    try {
      await transact(this.db, items);
    } catch (error) {
      if (error instanceof ConditionFailed) {
        if (error.index === 0) throw new WriteConflict('register');
        if (error.index === caseIndex && input.basedOnCase) throw new WriteConflict('case');
        if (error.index >= replacedIndex && input.replacing) throw new WriteConflict('replaced');
      }
      throw error;
    }
  }

  /** The stored file: the record becomes `issued` (only from `issuing`) and its model is dropped. */
  async markIssued(
    record: DocumentRecord,
    file: { sha256: string; versionId?: string; sizeBytes: number; pages: number },
  ): Promise<DocumentRecord> {
    try {
      await this.writeIssued(record, file);
    } catch (error) {
      // Another finish of the same document got there first: what it stored is the answer.
      if (error instanceof ConditionFailed) return (await this.get(record.officeId, record.id)) ?? record;
      throw error;
    }
    const { model, ...issued } = record;
    return {
      ...issued,
      ...(keepsModel(record) && model ? { model } : {}),
      status: 'issued',
      fileSha256: file.sha256,
      sizeBytes: file.sizeBytes,
      pages: file.pages,
      ...(file.versionId ? { versionId: file.versionId } : {}),
    };
  }

  private writeIssued(
    record: DocumentRecord,
    file: { sha256: string; versionId?: string; sizeBytes: number; pages: number },
  ) {
    return transact(this.db, [
      {
        Update: {
          TableName: this.tableName,
          Key: documentKey(record.officeId, record.id),
          UpdateExpression:
            'SET #status = :issued, fileSha256 = :sha, sizeBytes = :size, pages = :pages' +
            (file.versionId ? ', versionId = :version' : '') +
            (keepsModel(record) ? '' : ' REMOVE model'),
          ConditionExpression: '#status = :issuing',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':issued': 'issued',
            ':issuing': 'issuing',
            ':sha': file.sha256,
            ':size': file.sizeBytes,
            ':pages': file.pages,
            ...(file.versionId ? { ':version': file.versionId } : {}),
          },
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: verificationKey(record.id),
          // Its status is the number's, `issued` from registration on: only the file's hash is new.
          UpdateExpression: 'SET fileSha256 = :sha',
          ExpressionAttributeValues: { ':sha': file.sha256 },
        },
      },
    ]);
  }

  async get(officeId: string, id: string): Promise<DocumentRecord | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: documentKey(officeId, id), ConsistentRead: true }),
    );
    return result.Item ? (withoutKeys(result.Item) as unknown as DocumentRecord) : undefined;
  }

  async verification(id: string): Promise<DocumentVerification | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: verificationKey(id) }),
    );
    if (!result.Item) return undefined;
    const { pk: _pk, sk: _sk, type: _type, ...rest } = result.Item;
    return rest as DocumentVerification;
  }

  /** A page of the office's documents, or of one subject's, newest first (without models). */
  async list(
    officeId: string,
    subject: DocumentSubject | undefined,
    page: PageRequest,
  ): Promise<Page<DocumentRecord>> {
    const index = subject ? 'gsi2' : 'gsi1';
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk`,
        ExpressionAttributeValues: {
          ':pk': subject ? subjectDocuments(officeId, subject) : officeDocuments(officeId),
        },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: page.startKey,
      }),
    );
    return {
      items: (result.Items ?? []).map((item) => {
        const { model: _model, ...record } = withoutKeys(item) as unknown as DocumentRecord;
        return record;
      }),
      lastKey: result.LastEvaluatedKey,
    };
  }

  private item(record: DocumentRecord): Record<string, unknown> {
    const sort = `${record.issuedAt}#${record.id}`;
    return {
      ...documentKey(record.officeId, record.id),
      type: 'document',
      ...record,
      gsi1pk: officeDocuments(record.officeId),
      gsi1sk: sort,
      gsi2pk: subjectDocuments(record.officeId, record.subject),
      gsi2sk: sort,
    };
  }

  /**
   * The case the document was built from must be as it was read; a completion record also writes its
   * id and number on the case (LC-CLOSE-RECORD: closing a completed case needs one), moving its version.
   */
  private caseCondition(
    officeId: string,
    record: DocumentRecord,
    mark: NonNullable<Registration['basedOnCase']>,
    at: Date,
  ): TransactItem {
    const condition = {
      TableName: this.tableName,
      Key: keys.caseRecord(officeId, mark.caseId),
      ConditionExpression: 'version = :version AND creditedMinutes = :credited',
    };
    if (!mark.markCompletion) {
      return {
        ConditionCheck: {
          ...condition,
          ExpressionAttributeValues: { ':version': mark.version, ':credited': mark.creditedMinutes },
        },
      };
    }
    return {
      Update: {
        ...condition,
        UpdateExpression: 'SET completionRecord = :record, version = :next, updatedAt = :at',
        ExpressionAttributeValues: {
          ':version': mark.version,
          ':credited': mark.creditedMinutes,
          ':next': mark.version + 1,
          ':at': at.toISOString(),
          ':record': { documentId: record.id, number: record.number, issuedOn: record.issuedOn },
        },
      },
    };
  }

  /** The replaced document and its verification record now name the one that replaces it. */
  private replaceItems(replaced: DocumentRecord, by: DocumentRecord): TransactItem[] {
    return [
      {
        Update: {
          TableName: this.tableName,
          Key: documentKey(replaced.officeId, replaced.id),
          UpdateExpression: 'SET #status = :replaced, replacedBy = :by',
          ConditionExpression: '#status = :issued',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':replaced': 'replaced', ':by': by.id, ':issued': 'issued' },
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: verificationKey(replaced.id),
          UpdateExpression: 'SET #status = :replaced, replacedByNumber = :number',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':replaced': 'replaced', ':number': by.number },
        },
      },
    ];
  }
}
