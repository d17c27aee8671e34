/**
 * The objects an S3 event reports as created, whichever way it came: S3 notification records
 * (`Records[].s3`, also what s3rver emits) or an EventBridge `Object Created` event (how the cloud stack
 * delivers them).
 */

/** One stored object. */
export interface StoredObject {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
}

interface S3Location {
  readonly bucket?: { readonly name?: string };
  readonly object?: { readonly key?: string; readonly versionId?: string; readonly 'version-id'?: string };
}

interface ObjectEvent {
  readonly Records?: readonly { readonly eventName?: string; readonly s3?: S3Location }[];
  readonly source?: string;
  readonly 'detail-type'?: string;
  readonly detail?: S3Location;
}

/** Keys in S3 notifications are URL-encoded with `+` for spaces. */
function decodeKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}

function storedObject(location: S3Location | undefined): StoredObject[] {
  const key = location?.object?.key;
  if (!key) return [];
  const versionId = location.object?.versionId ?? location.object?.['version-id'];
  return [
    { bucket: String(location.bucket?.name), key: decodeKey(key), ...(versionId ? { versionId } : {}) },
  ];
}

/** The created objects an event reports, in order; none for any other event. */
export function objectsOfEvent(event: unknown): StoredObject[] {
  const e = event as ObjectEvent | undefined;
  if (Array.isArray(e?.Records)) {
    return e.Records.filter((r) => (r.eventName ?? '').startsWith('ObjectCreated')).flatMap((r) =>
      storedObject(r.s3),
    );
  }
  if (e?.source === 'aws.s3' && e['detail-type'] === 'Object Created') return storedObject(e.detail);
  return [];
}
