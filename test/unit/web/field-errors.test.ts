import { describe, expect, it } from 'vitest';
import { errorId, mapFieldErrors } from '../../../web/src/lib/field-errors';

const fields = [
  'siteId',
  'weekdays',
  'endTime',
  'decision.imposed.prisonMonths',
  'decision.imposed.fineRupiah',
  'sentence.hours',
];

describe('problem+json errors beside the right field', () => {
  it('puts an error on the field with its exact path, keeping the rule id', () => {
    const { byField, unmatched } = mapFieldErrors(
      [{ path: 'sentence.hours', message: 'Too many.', rule: 'KS-HOURS' }],
      fields,
    );
    expect(byField['sentence.hours']).toEqual([
      { path: 'sentence.hours', message: 'Too many.', rule: 'KS-HOURS' },
    ]);
    expect(unmatched).toEqual([]);
  });

  it('maps array items to their list (weekdays.2 → weekdays)', () => {
    const { byField } = mapFieldErrors(
      [{ path: 'weekdays.2', message: 'Full.', rule: 'PL-CAPACITY' }],
      fields,
    );
    expect(byField.weekdays).toHaveLength(1);
  });

  it('maps an error on an object to its first input (decision.imposed → prisonMonths)', () => {
    const { byField } = mapFieldErrors([{ path: 'decision.imposed', message: 'State one.' }], fields);
    expect(byField['decision.imposed.prisonMonths']).toHaveLength(1);
  });

  it('drops a request-part prefix (query.siteId → siteId)', () => {
    const { byField } = mapFieldErrors([{ path: 'query.siteId', message: 'Yours only.' }], fields);
    expect(byField.siteId).toHaveLength(1);
  });

  it('keeps what matches no field for the top of the form', () => {
    const errors = [{ path: 'caseId', message: 'The case is closed.', rule: 'LC-TRANSITION' }];
    expect(mapFieldErrors(errors, fields).unmatched).toEqual(errors);
  });

  it('makes DOM-safe ids', () => {
    expect(errorId('case', 'sentence.hours')).toBe('case-sentence-hours-error');
  });
});
