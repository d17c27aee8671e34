import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AuditView } from '../domain';

/** A main-table stream record as Lambda's event source and the Streams API both give it. */
export interface StreamRecord {
  readonly eventName?: string;
  readonly dynamodb?: { readonly NewImage?: unknown; readonly SequenceNumber?: string };
}

/** An audit entry the stream carried, with its place in the stream (its case's changes are in order). */
export interface StreamedAudit {
  readonly sequence: string;
  readonly audit: AuditView;
}

/** The office of an audit item, from its partition `O#<office>#AUDIT#…` (store/audit.ts). */
const OFFICE_OF_AUDIT = /^O#([^#]+)#AUDIT#/;

/**
 * The audit entries among stream records, in stream order. The cloud's event source mapping already
 * passes only inserted audit items; this checks again, so local mode's stream reader (which has no
 * filter) can hand over everything.
 */
export function auditEntriesOf(records: readonly StreamRecord[]): StreamedAudit[] {
  return records.flatMap((record) => {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) return [];
    const item = unmarshall(image as Record<string, AttributeValue>);
    const office = OFFICE_OF_AUDIT.exec(String(item.pk ?? ''));
    if (item.type !== 'audit' || !office) return [];
    return [
      {
        sequence: record.dynamodb?.SequenceNumber ?? '0',
        audit: { ...item, officeId: office[1]! } as unknown as AuditView,
      },
    ];
  });
}
