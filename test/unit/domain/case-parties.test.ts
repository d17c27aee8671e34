import { describe, expect, it } from 'vitest';
import { caseListSite, checkCaseParties } from '../../../functions/domain';
import { rules } from './violations';

const officer = { status: 'active', roles: ['officer'] };

describe('the parties to a case', () => {
  it('accepts a registered client and an active PK', () => {
    expect(checkCaseParties({ client: { id: 'c1' }, officer }).ok).toBe(true);
  });

  it('CASE-CLIENT refuses a client the office does not have, before looking at the officer', () => {
    expect(rules(checkCaseParties({ client: undefined, officer: undefined }))).toEqual([
      'CASE-CLIENT clientId',
    ]);
  });

  it('CASE-OFFICER refuses a non-member, a disabled officer and a member who is not a PK', () => {
    const client = { id: 'c1' };
    for (const member of [
      undefined,
      { status: 'disabled', roles: ['officer'] },
      { status: 'active', roles: ['prosecutor'] },
    ]) {
      expect(rules(checkCaseParties({ client, officer: member }))).toEqual(['CASE-OFFICER officerUsername']);
    }
  });
});

describe('which cases a list shows', () => {
  it('CASE-SITE-SCOPE lets anyone but a supervisor list what they asked for', () => {
    expect(caseListSite(undefined, undefined)).toEqual({ ok: true, value: undefined });
    expect(caseListSite(undefined, 's9')).toEqual({ ok: true, value: 's9' });
  });

  it('CASE-SITE-SCOPE gives a supervisor their only site, or the one of theirs they named', () => {
    expect(caseListSite(['s1'], undefined)).toEqual({ ok: true, value: 's1' });
    expect(caseListSite(['s1', 's2'], 's2')).toEqual({ ok: true, value: 's2' });
  });

  it('CASE-SITE-SCOPE refuses a supervisor another site, or no site when they have several', () => {
    expect(rules(caseListSite(['s1'], 's9'))).toEqual(['CASE-SITE-SCOPE query.siteId']);
    expect(rules(caseListSite(['s1', 's2'], undefined))).toEqual(['CASE-SITE-SCOPE query.siteId']);
  });
});
