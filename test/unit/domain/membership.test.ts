import { describe, expect, it } from 'vitest';
import { disableViolations, membershipSites, newMembershipViolations } from '../../../functions/domain';

describe('office memberships', () => {
  it('USER-SUPERVISOR-SITES needs a site for a supervisor and drops sites of other roles', () => {
    expect(membershipSites(['supervisor'], ['site-1'])).toEqual({ ok: true, value: ['site-1'] });
    expect(membershipSites(['officer'], ['site-1'])).toEqual({ ok: true, value: [] });
    expect(membershipSites(['officer'], undefined)).toEqual({ ok: true, value: [] });
    for (const siteIds of [[], undefined]) {
      const result = membershipSites(['officer', 'supervisor'], siteIds);
      expect(result.ok ? [] : result.violations.map((v) => `${v.rule} ${v.path}`)).toEqual([
        'USER-SUPERVISOR-SITES siteIds',
      ]);
    }
  });

  it('USER-ONE-MEMBERSHIP refuses a second membership in the same office', () => {
    expect(newMembershipViolations(false)).toEqual([]);
    expect(newMembershipViolations(true).map((v) => `${v.rule} ${v.path}`)).toEqual([
      'USER-ONE-MEMBERSHIP username',
    ]);
  });

  it('USER-NOT-SELF refuses disabling your own account, not anyone else', () => {
    expect(disableViolations('admin.a', 'admin.a').map((v) => v.rule)).toEqual(['USER-NOT-SELF']);
    expect(disableViolations('admin.a', 'officer.b')).toEqual([]);
    expect(disableViolations(undefined, 'officer.b')).toEqual([]);
  });
});
