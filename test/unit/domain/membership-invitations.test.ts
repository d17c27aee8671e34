import { describe, expect, it } from 'vitest';
import {
  answerViolations,
  invitationPlan,
  memberFields,
  membershipGrants,
  MEMBERSHIP_STATUSES,
} from '../../../functions/domain';

describe('invitations and global usernames', () => {
  it('USER-GLOBAL-USERNAME creates an account only for a username nobody holds, and answers alike', () => {
    expect(invitationPlan(false)).toEqual({ createAccount: true, status: 'pending' });
    expect(invitationPlan(true)).toEqual({ createAccount: false, status: 'pending' });
    // The office's record is the same either way: only the account step differs.
    expect(invitationPlan(true).status).toBe(invitationPlan(false).status);
  });

  it('USER-PENDING-MEMBERSHIP grants roles only for an accepted membership', () => {
    const granting = MEMBERSHIP_STATUSES.filter((status) => membershipGrants(status));
    expect(granting).toEqual(['active']);
    // A status this release does not know grants nothing.
    expect(membershipGrants('suspended')).toBe(false);
    expect(membershipGrants(undefined)).toBe(false);
  });

  it('USER-PENDING-MEMBERSHIP answers an invitation once, while it is pending', () => {
    expect(answerViolations('pending')).toEqual([]);
    for (const status of ['active', 'declined', 'disabled'] as const) {
      expect(answerViolations(status).map((v) => `${v.rule} ${v.path}`)).toEqual([
        'USER-PENDING-MEMBERSHIP officeId',
      ]);
    }
  });

  it("USER-OFFICE-FIELDS shows the office's own typed name and email, never the profile's", () => {
    const profile = { fullName: 'Name kept by Palopo', email: 'palopo@example.invalid' };
    expect(memberFields({ fullName: 'Typed by Makassar', email: 'typed@example.invalid' }, profile)).toEqual({
      fullName: 'Typed by Makassar',
      email: 'typed@example.invalid',
    });
    // Only a membership from before offices kept their own fields shows the profile it was seeded with.
    expect(memberFields({}, profile)).toEqual(profile);
    expect(memberFields({}, undefined)).toEqual({ fullName: '', email: '' });
  });
});
