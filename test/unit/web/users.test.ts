import { describe, expect, it } from 'vitest';
import {
  USERNAME_PATTERN,
  invitationLink,
  passwordProblem,
  sitesFor,
  tokenFromSearch,
} from '../../../web/src/lib/users';

describe('user management in the browser', () => {
  it.each([
    ['short', 'short', 'tooShort'],
    ['twelve-chars', 'twelve-charz', 'mismatch'],
    ['twelve-chars', 'twelve-chars', null],
  ])(
    'asks for a password of at least 12 characters, typed twice the same: %s / %s',
    (password, again, problem) => {
      expect(passwordProblem(password, again)).toBe(problem);
    },
  );

  it("turns local mode's set-password path into a link on this site, and nothing else", () => {
    expect(invitationLink('/set-password?token=abc', 'http://localhost:3000')).toBe(
      'http://localhost:3000/set-password?token=abc',
    );
    expect(invitationLink(undefined, 'http://localhost:3000')).toBeNull();
    expect(invitationLink('https://evil.example/x', 'http://localhost:3000')).toBeNull();
    expect(invitationLink('//evil.example/x', 'http://localhost:3000')).toBeNull();
  });

  it('sends sites only with the supervisor role', () => {
    expect(sitesFor(['officer'], ['s1'])).toBeUndefined();
    expect(sitesFor(['officer', 'supervisor'], ['s1'])).toEqual(['s1']);
  });

  it("reads the invitation token and the API's username rule", () => {
    expect(tokenFromSearch('?token=abc123')).toBe('abc123');
    expect(tokenFromSearch('?token=')).toBeNull();
    expect(tokenFromSearch('')).toBeNull();
    expect(USERNAME_PATTERN.test('pk.baru')).toBe(true);
    expect(USERNAME_PATTERN.test('PK Baru')).toBe(false);
  });
});
