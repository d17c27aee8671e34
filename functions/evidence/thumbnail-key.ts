/**
 * Where thumbnails are stored: beside the evidence, in the same bucket, but under their own prefix.
 * Not under `evidence/`, so that storing one never starts a verification: the cloud's EventBridge rule
 * matches `evidence/` only, and the verifier ignores these keys when local mode's s3rver reports them.
 * Dependency-free, so the infrastructure code can import the prefix it grants.
 */
export const THUMBNAIL_KEY_PREFIX = 'thumbnails/';

/** `thumbnails/<officeId>/<caseId>/<evidenceId>.jpg`: ids only, like the evidence key. */
export function thumbnailKey(officeId: string, caseId: string, evidenceId: string): string {
  return `${THUMBNAIL_KEY_PREFIX}${officeId}/${caseId}/${evidenceId}.jpg`;
}

export const isThumbnailKey = (key: string): boolean => key.startsWith(THUMBNAIL_KEY_PREFIX);
