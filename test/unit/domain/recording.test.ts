import { describe, expect, it } from 'vitest';
import * as domain from '../../../functions/domain';
import { rules } from './violations';

const { canRecordSessions, CASE_STATUSES, RECORDING_STATUSES, statusAfterSession, validateSessionSite } =
  domain;

describe('recording sessions', () => {
  it('CR-CASE-STATUS: placed, active, warned and repeated cases take sessions', () => {
    // Act / Assess
    for (const status of RECORDING_STATUSES)
      expect(canRecordSessions(status)).toEqual({ ok: true, value: status });
    expect([...RECORDING_STATUSES].sort()).toEqual(['active', 'placed', 'repeated', 'warned']);
  });

  it('CR-CASE-STATUS: every other status refuses, on caseId, naming the status', () => {
    // Prepare
    const others = CASE_STATUSES.filter((s) => !RECORDING_STATUSES.includes(s));
    for (const status of others) {
      // Act
      const verdict = canRecordSessions(status);
      // Assess
      expect(rules(verdict), status).toEqual(['CR-CASE-STATUS caseId']);
      expect(verdict.ok ? '' : verdict.violations[0]!.message).toContain(status);
    }
  });

  it("CR-CASE-STATUS: a placed case's first session starts its work; other statuses stay", () => {
    expect(statusAfterSession('placed')).toBe('active');
    expect(statusAfterSession('warned')).toBe('warned');
    expect(statusAfterSession('repeated')).toBe('repeated');
  });

  it('CR-SESSION-SITE: a case with a current site takes sessions at that site only', () => {
    // Act
    const there = validateSessionSite({ siteId: 'site-a', caseSiteId: 'site-a' });
    const elsewhere = validateSessionSite({ siteId: 'site-b', caseSiteId: 'site-a' });
    // Assess
    expect(there).toEqual({ ok: true, value: 'site-a' });
    expect(rules(elsewhere)).toEqual(['CR-SESSION-SITE siteId']);
  });

  it('CR-SESSION-SITE: a case without a current site (placed by a transition) takes any site', () => {
    expect(validateSessionSite({ siteId: 'site-b' }).ok).toBe(true);
  });

  it('CR-OWN-SITE: a site supervisor records at their own sites; staff (no site list) anywhere', () => {
    // Act
    const own = validateSessionSite({ siteId: 'site-a', caseSiteId: 'site-a', ownSiteIds: ['site-a'] });
    const notMine = validateSessionSite({ siteId: 'site-b', ownSiteIds: ['site-a'] });
    const staff = validateSessionSite({ siteId: 'site-b' });
    // Assess
    expect(own.ok).toBe(true);
    expect(rules(notMine)).toEqual(['CR-OWN-SITE siteId']);
    expect(notMine.ok ? '' : notMine.violations[0]!.message).toBe('Not one of your work sites.');
    expect(staff.ok).toBe(true);
  });

  it('CR-OWN-SITE and CR-SESSION-SITE are both reported when both are broken', () => {
    expect(rules(validateSessionSite({ siteId: 'x', caseSiteId: 'site-a', ownSiteIds: ['site-a'] }))).toEqual(
      ['CR-OWN-SITE siteId', 'CR-SESSION-SITE siteId'],
    );
  });
});
