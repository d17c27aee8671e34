/**
 * The pure rules of the spreadsheet import (issue 22, docs/adr/0026): cells read into typed values or
 * row errors, whole-column checks, a CSV's bytes as text, and the natural keys that keep an import
 * idempotent. Imported as `domain/imports`, beside the domain's own index (like `domain/documents`).
 */
export * from './cells';
export * from './cell-dates';
export * from './cell-numbers';
export * from './column-checks';
export * from './text-decoding';
export * from './natural-keys';
export * from './column-model';
export * from './columns';
export * from './columns-partners';
export * from './columns-cases';
export * from './columns-history';
export * from './read-row';
export * from './import-lifecycle';
export * from './paper-history';
export * from './read-sheet';
