import { describe, expect, it } from 'vitest';
import { objectsOfEvent } from '../../../functions/evidence/object-events';

describe('objects of an S3 event', () => {
  it('reads S3 notification records (s3rver too): created objects only, keys decoded', () => {
    // Prepare
    const event = {
      Records: [
        {
          eventName: 'ObjectCreated:Put',
          s3: { bucket: { name: 'b' }, object: { key: 'evidence/a+b%2Fc', versionId: 'v1' } },
        },
        { eventName: 'ObjectRemoved:Delete', s3: { bucket: { name: 'b' }, object: { key: 'gone' } } },
        { eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'b' }, object: {} } },
      ],
    };
    // Act / Assess
    expect(objectsOfEvent(event)).toEqual([{ bucket: 'b', key: 'evidence/a b/c', versionId: 'v1' }]);
  });

  it('reads an EventBridge Object Created event, and nothing of any other event', () => {
    const bridged = {
      source: 'aws.s3',
      'detail-type': 'Object Created',
      detail: { bucket: { name: 'b' }, object: { key: 'evidence/x', 'version-id': 'v2' } },
    };
    expect(objectsOfEvent(bridged)).toEqual([{ bucket: 'b', key: 'evidence/x', versionId: 'v2' }]);
    expect(objectsOfEvent({ ...bridged, 'detail-type': 'Object Deleted' })).toEqual([]);
    expect(objectsOfEvent(undefined)).toEqual([]);
  });
});
