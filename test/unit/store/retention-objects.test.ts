import * as s3 from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { S3RetentionObjects } from '../../../functions/store/retention-objects';

/**
 * The cloud adapter's command contract (s3rver implements none of these, so no local test can send
 * them): which S3 commands the retention job sends, with which parameters, and what it never sends.
 */
function fakeS3(answers: (command: object) => unknown) {
  const sent: object[] = [];
  const client = {
    send: (command: object) => {
      sent.push(command);
      const answer = answers(command);
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
  };
  const adapter = new S3RetentionObjects({ bucket: 'evidence-bucket', region: 'ap-southeast-3' }, () =>
    Promise.resolve({ s3, client: client as unknown as s3.S3Client }),
  );
  return { adapter, sent };
}

const inputOf = (command: object) => (command as { input: Record<string, unknown> }).input;

describe('S3RetentionObjects (the cloud variant)', () => {
  it('lists every version and delete marker under the prefix, page by page, with each version’s lock', async () => {
    // Prepare
    const until = new Date('2031-03-01T16:00:00Z');
    const { adapter, sent } = fakeS3((command) => {
      if (command instanceof s3.ListObjectVersionsCommand) {
        return inputOf(command).KeyMarker
          ? {
              Versions: [{ Key: 'evidence/o/c/b', VersionId: 'v2' }],
              DeleteMarkers: [{ Key: 'evidence/o/c/a', VersionId: 'm1' }],
            }
          : {
              Versions: [{ Key: 'evidence/o/c/a', VersionId: 'v1' }],
              IsTruncated: true,
              NextKeyMarker: 'evidence/o/c/a',
              NextVersionIdMarker: 'v1',
            };
      }
      if (command instanceof s3.GetObjectRetentionCommand) {
        return inputOf(command).VersionId === 'v1'
          ? { Retention: { Mode: 'GOVERNANCE', RetainUntilDate: until } }
          : Object.assign(new Error('none'), { name: 'NoSuchObjectLockConfiguration' });
      }
      throw new Error('unexpected command');
    });
    // Act
    const versions = await adapter.versions('evidence/o/c/');
    // Assess
    expect(versions).toEqual([
      { key: 'evidence/o/c/a', versionId: 'v1', deleteMarker: false, retainUntil: until, mode: 'GOVERNANCE' },
      { key: 'evidence/o/c/b', versionId: 'v2', deleteMarker: false },
      { key: 'evidence/o/c/a', versionId: 'm1', deleteMarker: true },
    ]);
    const listings = sent.filter((c) => c instanceof s3.ListObjectVersionsCommand).map(inputOf);
    expect(listings).toEqual([
      { Bucket: 'evidence-bucket', Prefix: 'evidence/o/c/' },
      {
        Bucket: 'evidence-bucket',
        Prefix: 'evidence/o/c/',
        KeyMarker: 'evidence/o/c/a',
        VersionIdMarker: 'v1',
      },
    ]);
  });

  it('extends a lock in the mode the version has, never shortens one, and never bypasses governance', async () => {
    // Prepare
    const { adapter, sent } = fakeS3((command) =>
      command instanceof s3.GetObjectRetentionCommand
        ? { Retention: { Mode: 'COMPLIANCE', RetainUntilDate: new Date('2027-01-01T00:00:00Z') } }
        : {},
    );
    const until = new Date('2031-03-01T16:00:00Z');
    // Act
    const extended = await adapter.extendLock(
      { key: 'evidence/o/c/a', versionId: 'v1', deleteMarker: false, retainUntil: new Date('2027-01-01') },
      until,
    );
    const kept = await adapter.extendLock(
      { key: 'evidence/o/c/b', versionId: 'v2', deleteMarker: false, retainUntil: new Date('2032-01-01') },
      until,
    );
    // Assess
    expect([extended, kept]).toEqual(['extended', 'kept']);
    const puts = sent.filter((c) => c instanceof s3.PutObjectRetentionCommand).map(inputOf);
    expect(puts).toEqual([
      {
        Bucket: 'evidence-bucket',
        Key: 'evidence/o/c/a',
        VersionId: 'v1',
        Retention: { Mode: 'COMPLIANCE', RetainUntilDate: until },
      },
    ]);
    expect(puts[0]).not.toHaveProperty('BypassGovernanceRetention');
  });

  it('deletes one version by its id (s3:DeleteObjectVersion), without a bypass', async () => {
    const { adapter, sent } = fakeS3(() => ({}));
    await adapter.remove({ key: 'thumbnails/o/c/e.jpg', versionId: 'v9', deleteMarker: false });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(s3.DeleteObjectCommand);
    expect(inputOf(sent[0]!)).toEqual({
      Bucket: 'evidence-bucket',
      Key: 'thumbnails/o/c/e.jpg',
      VersionId: 'v9',
    });
  });
});
