import { defineConfig } from 'vitest/config';

// The AWS SDK's Node-version notice is noise here (Lambda runs Node 22+); the global set-ups load the SDK.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// One `vitest run` covers every layer; each project has its own set-up so that unit tests never wait
// for emulators and the browser suite never shares a database with the integration suite.
export default defineConfig({
  test: {
    env: { POWERTOOLS_METRICS_DISABLED: 'true', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // The emulators are shared; files run one at a time but each isolates its data by office id.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // Fuzzing, faults and retry storms (test/reliability): the integration emulators, plus a
          // DynamoDB Local of the fault test's own that it stops and restarts. RELIABILITY_* enlarge it.
          name: 'reliability',
          include: ['test/reliability/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
