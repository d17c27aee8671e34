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

  it('CR-OWN-SITE: a site supervisor records at their own sites; staff (no site list) anywhere', () => {
    // Act
    const own = validateSessionSite({ siteId: 'site-a', ownSiteIds: ['site-a'] });
    const notMine = validateSessionSite({ siteId: 'site-b', ownSiteIds: ['site-a'] });
    const staff = validateSessionSite({ siteId: 'site-b' });
    // Assess
    expect(own.ok).toBe(true);
    expect(rules(notMine)).toEqual(['CR-OWN-SITE siteId']);
    expect(notMine.ok ? '' : notMine.violations[0]!.message).toBe('Not one of your work sites.');
    expect(staff.ok).toBe(true);
  });
});
