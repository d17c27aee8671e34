import { describe, expect, it } from 'vitest';
import type { ImportFileAddress } from '../../../functions/actions/imports/import-ports';
import { bridgeImportEvents } from '../../../infra/local/import-events';

const IMPORT_ID = '01JQ8Z6M3X4T5V6W7Y8Z9A0B1C';

/** s3rver's event for one object, as it emits them. */
const created = (bucket: string, key: string, eventName = 'ObjectCreated:Put') => ({
  Records: [{ eventName, s3: { bucket: { name: bucket }, object: { key } } }],
});

describe('bridgeImportEvents (local mode)', () => {
  /** An emulator stand-in that lets the test emit events, and jobs that record what started. */
  function setUp(start?: (a: ImportFileAddress) => Promise<void>) {
    const listeners: ((event: unknown) => void)[] = [];
    const started: ImportFileAddress[] = [];
    const errors: unknown[] = [];
    const bridge = bridgeImportEvents(
      { onObjectCreated: (listener) => void listeners.push(listener) },
      { start: start ?? (async (a) => void started.push(a)) },
      { bucket: 'abdi-local-imports', onError: (error) => errors.push(error) },
    );
    const emit = (event: unknown) => listeners.forEach((listener) => listener(event));
    return { bridge, emit, started, errors };
  }

  it('starts the job of an upload to the imports bucket, and of nothing else', async () => {
    // Prepare
    const { emit, started } = setUp();

    // Act
    emit(created('abdi-local-imports', `imports/bapas-palopo/${IMPORT_ID}/upload`));
    emit(created('abdi-local-imports', `imports/bapas-palopo/${IMPORT_ID}/report.xlsx`));
    emit(created('abdi-local-evidence', `imports/bapas-palopo/${IMPORT_ID}/upload`));
    emit(created('abdi-local-imports', `imports/bapas-palopo/${IMPORT_ID}/upload`, 'ObjectRemoved:Delete'));

    // Assess
    expect(started).toEqual([{ officeId: 'bapas-palopo', importId: IMPORT_ID }]);
  });

  it('reports a start that failed, and forwards nothing after stop', async () => {
    // Prepare
    const { bridge, emit, errors } = setUp(() => Promise.reject(new Error('no jobs')));

    // Act
    emit(created('abdi-local-imports', `imports/bapas-palopo/${IMPORT_ID}/upload`));
    await new Promise((resolve) => setImmediate(resolve));
    await bridge.stop();
    emit(created('abdi-local-imports', `imports/bapas-palopo/${IMPORT_ID}/upload`));
    await new Promise((resolve) => setImmediate(resolve));

    // Assess
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('no jobs');
  });
});
