import { describe, expect, it } from 'vitest';
import {
  capabilities,
  chooseOffice,
  officeOfPath,
  officePath,
  rememberOffice,
  rememberedOffice,
  rolesIn,
  switchOfficePath,
} from '../../../web/src/lib/office';
import type { Me } from '../../../web/src/lib/me';

const offices = [{ id: 'bapas-makassar' }, { id: 'bapas-palopo' }];

describe('the office in the URL', () => {
  it('builds and reads office paths', () => {
    expect(officePath('bapas-palopo')).toBe('/o/bapas-palopo');
    expect(officePath('bapas-palopo', 'cases', '01J')).toBe('/o/bapas-palopo/cases/01J');
    expect(officeOfPath('/o/bapas-palopo/cases')).toBe('bapas-palopo');
    expect(officeOfPath('/account')).toBeNull();
  });

  it('keeps the section when switching offices, but never a case or the filters', () => {
    expect(switchOfficePath('/o/bapas-palopo/cases', 'bapas-makassar')).toBe('/o/bapas-makassar/cases');
    expect(switchOfficePath('/o/bapas-palopo/cases/01J', 'bapas-makassar')).toBe('/o/bapas-makassar');
    expect(switchOfficePath('/o/bapas-palopo', 'bapas-makassar')).toBe('/o/bapas-makassar');
  });
});

describe('which office to open', () => {
  it('prefers the remembered office while the user still belongs to it', () => {
    expect(chooseOffice(offices, 'bapas-palopo')).toBe('bapas-palopo');
    expect(chooseOffice(offices, 'bapas-gone')).toBe('bapas-makassar');
    expect(chooseOffice([], null)).toBeNull();
  });

  it('remembers the choice in storage, and survives a storage that refuses', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    rememberOffice(storage, 'bapas-palopo');
    expect(rememberedOffice(storage)).toBe('bapas-palopo');
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    expect(() => rememberOffice(broken, 'x')).not.toThrow();
    expect(rememberedOffice(broken)).toBeNull();
  });
});

describe('what a role may do in an office', () => {
  const me: Pick<Me, 'roles'> = {
    roles: [
      { role: 'officer', officeId: 'bapas-palopo' },
      { role: 'regional', officeId: 'bapas-makassar' },
    ],
  };

  it('reads the roles of one office', () => {
    expect(rolesIn(me, 'bapas-palopo')).toEqual(['officer']);
  });

  it('lets the PK manage cases, the jaksa record outcomes and the Kanwil only read', () => {
    expect(capabilities(['officer'])).toMatchObject({ manageCases: true, verifySessions: true, refer: true });
    expect(capabilities(['prosecutor'])).toMatchObject({
      manageCases: false,
      recordOutcome: true,
      readOffice: true,
    });
    expect(capabilities(['regional'])).toEqual({
      manageCases: false,
      recordSessions: false,
      verifySessions: false,
      refer: false,
      recordOutcome: false,
      readOffice: true,
      manageOffice: false,
      supervise: false,
      uploadEvidence: false,
      readRegion: true,
    });
    expect(capabilities(['supervisor'])).toMatchObject({
      readOffice: false,
      supervise: true,
      uploadEvidence: true,
    });
    expect(capabilities(['prosecutor']).uploadEvidence).toBe(false);
    expect(capabilities(['admin'])).toMatchObject({ manageOffice: true, manageCases: true });
    expect(capabilities(['officer']).manageOffice).toBe(false);
  });
});
