import { describe, expect, it } from 'vitest';
import { loginPathFor, matchPath, safeNextPath, sameOriginPath } from '../../../web/src/lib/paths';

describe('safeNextPath: where sign-in may send the user', () => {
  it('keeps same-origin paths with their query and fragment', () => {
    expect(safeNextPath('/')).toBe('/');
    expect(safeNextPath('/cases/abc')).toBe('/cases/abc');
    expect(safeNextPath('/cases?status=active&page=2#top')).toBe('/cases?status=active&page=2#top');
  });

  it.each([
    ['missing', null],
    ['empty', ''],
    ['protocol-relative', '//evil.example/x'],
    ['backslash trick', '/\\evil.example'],
    ['absolute URL', 'https://evil.example/'],
    ['javascript URL', 'javascript:alert(1)'],
    ['relative path', 'cases'],
    ['tab that URL parsing would drop', '/\t/evil.example'],
    ['newline', '/\n/evil.example'],
    ['dot segments that collapse into //', '/..//evil.example'],
    ['dot segments that collapse into /\\', '/../\\evil.example'],
  ])('sends a %s value home', (_name, raw) => {
    expect(safeNextPath(raw)).toBe('/');
  });

  it('leaves percent-encoded characters encoded', () => {
    expect(safeNextPath('/%0a')).toBe('/%0a');
    expect(safeNextPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
  });

  it('never returns to the login page itself', () => {
    expect(safeNextPath('/login')).toBe('/');
    expect(safeNextPath('/login?next=/x')).toBe('/');
  });

  it('normalises harmless dot segments', () => {
    expect(safeNextPath('/a/../b')).toBe('/b');
  });
});

describe('loginPathFor', () => {
  it('keeps slashes readable and encodes the rest', () => {
    expect(loginPathFor('/')).toBe('/login?next=/');
    expect(loginPathFor('/cases?status=active&x=1')).toBe('/login?next=/cases%3Fstatus%3Dactive%26x%3D1');
  });

  it('round-trips through URLSearchParams', () => {
    const path = '/cases/K 1?q=a&b=c#x';
    const next = new URL(loginPathFor(path), 'https://abdi.test').searchParams.get('next');
    expect(safeNextPath(next)).toBe(safeNextPath(path));
  });

  it('does not carry an unsafe path along', () => {
    expect(loginPathFor('//evil.example')).toBe('/login?next=/');
  });
});

describe('matchPath', () => {
  it('matches literal segments, ignoring a trailing slash', () => {
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/login', '/login/')).toEqual({});
    expect(matchPath('/login', '/logins')).toBeNull();
  });

  it('extracts and decodes parameters', () => {
    expect(matchPath('/cases/:caseId', '/cases/K%2F2026%2F01')).toEqual({ caseId: 'K/2026/01' });
    expect(matchPath('/cases/:caseId/sessions/:sessionId', '/cases/a/sessions/b')).toEqual({
      caseId: 'a',
      sessionId: 'b',
    });
  });

  it('rejects a different number of segments and malformed escapes', () => {
    expect(matchPath('/cases/:caseId', '/cases')).toBeNull();
    expect(matchPath('/cases/:caseId', '/cases/a/b')).toBeNull();
    expect(matchPath('/cases/:caseId', '/cases/%E0%A4%A')).toBeNull();
  });
});

describe('sameOriginPath', () => {
  const here = 'https://abdi.test/cases?x=1';

  it('turns same-origin links into paths', () => {
    expect(sameOriginPath('/login?next=/', here)).toBe('/login?next=/');
    expect(sameOriginPath('https://abdi.test/a#b', here)).toBe('/a#b');
    expect(sameOriginPath('detail', here)).toBe('/detail');
  });

  it('refuses other origins', () => {
    expect(sameOriginPath('//evil.example/', here)).toBeNull();
    expect(sameOriginPath('http://abdi.test/', here)).toBeNull();
    expect(sameOriginPath('mailto:pk@abdi.test', here)).toBeNull();
  });
});
