import { describe, expect, it } from 'vitest';
import { sessionDateParam, withoutSessionDate } from '../../../web/src/lib/session-link';

describe("the attendance sheet's session link", () => {
  it('reads the session date a QR code asks for', () => {
    expect(sessionDateParam('?sesi=2026-12-05')).toBe('2026-12-05');
    expect(sessionDateParam('?tab=x&sesi=2026-02-28')).toBe('2026-02-28');
  });

  it.each(['', '?sesi=', '?sesi=2026-02-30', '?sesi=5-12-2026', '?sesi=2026-12-05T08:00'])(
    'asks for no date with %j',
    (search) => {
      expect(sessionDateParam(search)).toBeNull();
    },
  );

  it('drops only the session date from the location', () => {
    expect(withoutSessionDate('/o/bapas-palopo/cases/c1', '?sesi=2026-12-05', '')).toBe(
      '/o/bapas-palopo/cases/c1',
    );
    expect(withoutSessionDate('/o/p/cases/c1', '?a=1&sesi=2026-12-05', '#sessions')).toBe(
      '/o/p/cases/c1?a=1#sessions',
    );
  });
});
