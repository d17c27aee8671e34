import { describe, expect, it } from 'vitest';
import {
  registerOf,
  validateDocumentSettings,
  DEFAULT_DOCUMENT_REGISTER,
} from '../../../functions/domain/documents';
import { palopoDocumentSettings } from '../../support/documents';

const refusals = (settings: ReturnType<typeof palopoDocumentSettings>) => {
  const checked = validateDocumentSettings(settings);
  return checked.ok ? [] : checked.violations.map((v) => `${v.rule} ${v.path}`);
};

describe('office document settings', () => {
  it('DOC-SETTINGS: accepts a complete letterhead, a named head and a valid register', () => {
    expect(refusals(palopoDocumentSettings())).toEqual([]);
  });

  it('DOC-SETTINGS: refuses missing or multi-line letterhead lines and a malformed NIP, naming each field', () => {
    const base = palopoDocumentSettings();
    const broken = {
      ...base,
      letterhead: {
        ...base.letterhead,
        kanwil: ' ',
        city: 'Palopo\nSulawesi',
        parentLines: ['A', 'B', 'C', 'D'],
      },
      head: { name: 'Drs. Andi', nip: '1972' },
    };
    expect(refusals(broken)).toEqual([
      'DOC-SETTINGS letterhead.parentLines',
      'DOC-SETTINGS letterhead.kanwil',
      'DOC-SETTINGS letterhead.city',
      'DOC-SETTINGS head.nip',
    ]);
  });

  it('DOC-SETTINGS: the register is checked by DOC-NUMBER-PATTERN under its own path', () => {
    expect(refusals(palopoDocumentSettings({ restart: 'yearly', pattern: 'W23-{seq}' }))).toEqual([
      'DOC-NUMBER-PATTERN register.pattern',
    ]);
  });

  it('an office without a register of its own numbers by the default one', () => {
    expect(registerOf(undefined)).toBe(DEFAULT_DOCUMENT_REGISTER);
    expect(registerOf(palopoDocumentSettings()).pattern).toBe('W23.PAS.PAS3-PK.01.05-{seq}/{yyyy}');
  });
});
