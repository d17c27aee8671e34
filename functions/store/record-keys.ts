import { keys } from './keys';

/**
 * The keys of the records a route reads first, named by what they are, for the guard's one-round-trip
 * read-ahead (ADR 0011). Routes name records; only the store knows how they are keyed.
 */
export const recordKeys = {
  case: keys.caseRecord,
  client: keys.client,
  partner: keys.partner,
  site: keys.site,
  evidence: keys.evidence,
};

export type RecordKeys = typeof recordKeys;
