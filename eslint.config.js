import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'cdk.out',
      '.data',
      'web/dist',
      'web/src/paraglide',
      'test-results',
      'coverage',
      // Written by `npm run contract:client` from the OpenAPI document: generated, not authored.
      'test/contract/generated',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['web/**/*.{ts,svelte}'],
    languageOptions: { globals: { ...globals.browser }, parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['**/*.svelte.ts'],
    languageOptions: { parser: svelte.parser, parserOptions: { parser: tseslint.parser } },
  },
  {
    // Lambda code logs through Powertools only: structured, and never with personal data.
    files: ['functions/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // The law lives in pure modules: no AWS, no I/O, no clock. Time is passed in.
    files: ['functions/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@aws-sdk/*', 'aws-cdk-lib', 'aws-cdk-lib/*', '@middy/*', '@aws-lambda-powertools/*'],
              message: 'The domain has no AWS or middleware dependencies.',
            },
            {
              group: ['node:fs', 'node:http', 'node:https', 'node:net', 'fs', 'http'],
              message: 'The domain does no I/O.',
            },
            {
              group: ['../store/*', '../api/*', '../handlers/*', '../platform/*'],
              message: 'Data flows from the edge to the domain, never back.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'The domain never reads the clock: pass the instant in.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'The domain never reads the clock: pass the instant in.',
        },
      ],
    },
  },
  // The floors of docs/adr/0006, held while you type; test/unit/architecture.test.ts checks the whole graph.
  {
    files: ['functions/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/store/*', '**/handlers/*'],
              message: 'The API calls use cases (functions/actions); it never reaches the store itself.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['functions/api/schemas/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/store/*', '**/actions/*', '**/actions/**', '**/routes/*'],
              message: "The contract's vocabulary comes from the domain.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['functions/actions/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/api/*', '**/api/**', '**/handlers/*', '**/platform/*', '@middy/*'],
              message: 'A use case knows no HTTP: it returns a value or throws a Refusal.',
            },
            {
              group: ['**/store/keys', '**/store/transactions', '**/store/audit', '@aws-sdk/*'],
              message: "Use the store's intent-named operations; keys, ids and transactions stay inside it.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['functions/store/**/*.ts', 'functions/identity/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/api/*',
                '**/api/**',
                '**/actions/*',
                '**/actions/**',
                '**/handlers/*',
                '**/platform/*',
              ],
              message: 'Data flows from the edge inwards: the store and identity never call back up.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['web/src/**/*.{ts,svelte}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: 'functions/(?!domain(/|$)|api/schemas/)',
              message:
                'The dashboard runs only the domain; API types come type-only from functions/api/schemas.',
            },
            {
              regex: 'functions/api/schemas/',
              allowTypeImports: true,
              message: 'Import the API schemas as types only (import type …).',
            },
            {
              group: ['@aws-sdk/*', '@aws-lambda-powertools/*', '@middy/*', 'aws-cdk-lib', 'aws-cdk-lib/*'],
              message: 'The dashboard uses no server packages.',
            },
          ],
        },
      ],
    },
  },
);
