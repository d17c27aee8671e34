/**
 * Every import kind's columns, in the template's order (issue 22, docs/adr/0026 "The column model").
 * The lists are in ./columns-partners.ts (partners, sites), ./columns-cases.ts (client, court order)
 * and ./columns-history.ts (placement, what was done on paper); their shape is ./column-model.ts.
 */
import type { ImportColumn, ImportKind } from './column-model';
import { CASE_ORDER_COLUMNS, CLIENT_COLUMNS } from './columns-cases';
import { PAPER_COLUMNS, PLACEMENT_COLUMNS } from './columns-history';
import { PARTNER_COLUMNS, SITE_COLUMNS } from './columns-partners';

export const IMPORT_COLUMNS: Readonly<Record<ImportKind, readonly ImportColumn[]>> = {
  partners: PARTNER_COLUMNS,
  sites: SITE_COLUMNS,
  cases: [...CLIENT_COLUMNS, ...CASE_ORDER_COLUMNS, ...PLACEMENT_COLUMNS, ...PAPER_COLUMNS],
};

/**
 * The columns that hold each kind's natural keys (./natural-keys.ts): a partner by agreement number, a
 * site by partner and name, a case by court and decision number, and its client by NIK.
 */
export const NATURAL_KEY_COLUMNS: Readonly<Record<ImportKind, readonly string[]>> = {
  partners: ['partner.agreement.number'],
  sites: ['site.partner', 'site.name'],
  cases: ['client.nik', 'case.decision.court', 'case.decision.number'],
};

/** A kind's column by key, or undefined. */
export const columnOf = (kind: ImportKind, key: string): ImportColumn | undefined =>
  IMPORT_COLUMNS[kind].find((c) => c.key === key);
