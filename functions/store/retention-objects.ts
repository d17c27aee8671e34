/**
 * The evidence bucket as the retention job sees it (issue 17, ADR 0020): the versions under a case's
 * prefix, their Object Lock retain-until, extending it, and deleting a version once its lock lapsed.
 *
 * Two variants, because s3rver (local mode and the tests) has neither versions nor Object Lock: it
 * answers `GET /<bucket>?versions` and `PUT …?retention` with MethodNotAllowed and `GET …?retention`
 * with NotImplemented (test/integration/retention.test.ts checks that). So:
 * - `S3RetentionObjects` (the cloud) lists versions, reads each version's retention, extends it in the
 *   mode it already has (never shortens it, never bypasses governance) and deletes versions by id;
 * - `CurrentObjectsOnly` (local mode) lists current objects, cannot lock, and deletes the current object.
 * A local test therefore proves which objects the job removes and when, not that S3 would let it: that
 * the lock is extended and holds, and that a deletion before it lapses fails, only the cloud shows. The
 * cloud variant's commands are checked by test/unit/store/retention-objects.test.ts.
 */
import { lazyS3, type LoadedS3, type S3Options } from './s3-client';

/** One stored version (or delete marker) of an object. */
export interface StoredVersion {
  readonly key: string;
  /** Absent where the store keeps no versions (s3rver). */
  readonly versionId?: string;
  readonly deleteMarker: boolean;
  /** When its Object Lock lapses; absent when it has none (or the store has no locks). */
  readonly retainUntil?: Date;
  /** The lock's mode (`GOVERNANCE` or `COMPLIANCE`), kept when the lock is extended. */
  readonly mode?: string;
}

export interface RetentionObjects {
  /** Whether the store holds Object Lock periods (false: local mode's s3rver). */
  readonly locks: boolean;
  /** Every version and delete marker under the prefix, with their retain-until. */
  versions(prefix: string): Promise<StoredVersion[]>;
  /** Extends the version's lock to `until` if it ends earlier; a lock is never shortened. */
  extendLock(version: StoredVersion, until: Date): Promise<'extended' | 'kept'>;
  /** Deletes the version for good (its lock must have lapsed: S3 refuses otherwise). */
  remove(version: StoredVersion): Promise<void>;
}

export interface RetentionObjectsOptions extends S3Options {
  readonly bucket: string;
}

/** Object Lock in S3 itself: ListObjectVersions, Get/PutObjectRetention, DeleteObject with a VersionId. */
export class S3RetentionObjects implements RetentionObjects {
  readonly locks = true;
  private readonly sdk: () => Promise<LoadedS3>;

  constructor(
    private readonly options: RetentionObjectsOptions,
    sdk?: () => Promise<LoadedS3>,
  ) {
    this.sdk = sdk ?? lazyS3(options);
  }

  async versions(prefix: string): Promise<StoredVersion[]> {
    const { s3, client } = await this.sdk();
    const found: StoredVersion[] = [];
    let keyMarker: string | undefined;
    let versionIdMarker: string | undefined;
    do {
      const page = await client.send(
        new s3.ListObjectVersionsCommand({
          Bucket: this.options.bucket,
          Prefix: prefix,
          ...(keyMarker ? { KeyMarker: keyMarker } : {}),
          ...(versionIdMarker ? { VersionIdMarker: versionIdMarker } : {}),
        }),
      );
      for (const version of page.Versions ?? []) {
        const key = version.Key!;
        const versionId = version.VersionId!;
        found.push({ key, versionId, deleteMarker: false, ...(await this.retention(key, versionId)) });
      }
      for (const marker of page.DeleteMarkers ?? []) {
        found.push({ key: marker.Key!, versionId: marker.VersionId!, deleteMarker: true });
      }
      [keyMarker, versionIdMarker] = page.IsTruncated
        ? [page.NextKeyMarker, page.NextVersionIdMarker]
        : [undefined, undefined];
    } while (keyMarker);
    return found;
  }

  async extendLock(version: StoredVersion, until: Date): Promise<'extended' | 'kept'> {
    if (version.deleteMarker || (version.retainUntil && version.retainUntil >= until)) return 'kept';
    const { s3, client } = await this.sdk();
    const mode = version.mode ?? (await this.retention(version.key, version.versionId!)).mode;
    await client.send(
      new s3.PutObjectRetentionCommand({
        Bucket: this.options.bucket,
        Key: version.key,
        VersionId: version.versionId,
        // The mode the version has (the bucket's default is governance); never a bypass header.
        Retention: { Mode: (mode ?? 'GOVERNANCE') as 'GOVERNANCE' | 'COMPLIANCE', RetainUntilDate: until },
      }),
    );
    return 'extended';
  }

  async remove(version: StoredVersion): Promise<void> {
    const { s3, client } = await this.sdk();
    await client.send(
      new s3.DeleteObjectCommand({
        Bucket: this.options.bucket,
        Key: version.key,
        VersionId: version.versionId,
      }),
    );
  }

  /** A version's lock, or none (S3 answers NoSuchObjectLockConfiguration for a version without one). */
  private async retention(key: string, versionId: string) {
    const { s3, client } = await this.sdk();
    try {
      const { Retention } = await client.send(
        new s3.GetObjectRetentionCommand({ Bucket: this.options.bucket, Key: key, VersionId: versionId }),
      );
      return {
        ...(Retention?.RetainUntilDate ? { retainUntil: new Date(Retention.RetainUntilDate) } : {}),
        ...(Retention?.Mode ? { mode: Retention.Mode } : {}),
      };
    } catch (error) {
      if ((error as Error).name === 'NoSuchObjectLockConfiguration') return {};
      throw error;
    }
  }
}

/**
 * Local mode's stand-in over s3rver, honest about what it cannot do: no versions (each object is its
 * one current "version"), no locks (`locks: false`, extending is a no-op), deletion of the current object.
 */
export class CurrentObjectsOnly implements RetentionObjects {
  readonly locks = false;
  private readonly sdk: () => Promise<LoadedS3>;

  constructor(private readonly options: RetentionObjectsOptions) {
    this.sdk = lazyS3(options);
  }

  async versions(prefix: string): Promise<StoredVersion[]> {
    const { s3, client } = await this.sdk();
    const found: StoredVersion[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new s3.ListObjectsV2Command({
          Bucket: this.options.bucket,
          Prefix: prefix,
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      found.push(...(page.Contents ?? []).map((o) => ({ key: o.Key!, deleteMarker: false })));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return found;
  }

  extendLock(): Promise<'extended' | 'kept'> {
    return Promise.resolve('kept');
  }

  async remove(version: StoredVersion): Promise<void> {
    const { s3, client } = await this.sdk();
    await client.send(new s3.DeleteObjectCommand({ Bucket: this.options.bucket, Key: version.key }));
  }
}

/** The variant for a deployment mode. */
export const retentionObjectsFor = (mode: 'cloud' | 'local', options: RetentionObjectsOptions) =>
  mode === 'local' ? new CurrentObjectsOnly(options) : new S3RetentionObjects(options);
