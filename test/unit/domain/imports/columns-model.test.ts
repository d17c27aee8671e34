import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAssessmentBody } from '../../../../functions/api/schemas/assessments';
import { createCaseBody } from '../../../../functions/api/schemas/cases';
import { createClientBody } from '../../../../functions/api/schemas/clients';
import { createPartnerBody } from '../../../../functions/api/schemas/partners';
import { createPlacementBody } from '../../../../functions/api/schemas/placements';
import { createSiteBody } from '../../../../functions/api/schemas/sites';
import {
  CASE_ORIGINS,
  CASE_STATUSES,
  NON_COMPLIANCE_SANCTIONS,
  PARTNER_KINDS,
  SENTENCE_KINDS,
} from '../../../../functions/domain';
import {
  allowedValuesOf,
  foldHeader,
  formatOf,
  IMPORT_COLUMNS,
  IMPORT_KINDS,
  NATURAL_KEY_COLUMNS,
  ORIGIN_CHOICES,
  PARTNER_KIND_CHOICES,
  readRow,
  SANCTION_CHOICES,
  SENTENCE_KIND_CHOICES,
  SEX_CHOICES,
  STATUS_CHOICES,
  type ImportKind,
} from '../../../../functions/domain/imports';

const TODAY = '2026-03-01';
const messages = (lang: 'id' | 'en') =>
  JSON.parse(readFileSync(`web/messages/${lang}.json`, 'utf8')) as Record<string, string>;

/** The example row of a kind, as a file would hold it: the template's header keys and example texts. */
const exampleRow = (kind: ImportKind) => ({
  keys: IMPORT_COLUMNS[kind].map((c) => c.key),
  cells: IMPORT_COLUMNS[kind].map((c) => c.example),
});

/* eslint-disable @typescript-eslint/no-explicit-any -- walking zod's internal definitions */
const unwrap = (schema: any): any => {
  let s = schema;
  while (s?._zod?.def?.innerType) s = s._zod.def.innerType;
  return s;
};
const isOptional = (schema: any) => ['optional', 'default'].includes(schema?._zod?.def?.type);
const fieldAt = (schema: any, path: readonly string[]): any =>
  path.reduce((s, part) => unwrap(s)?._zod?.def?.shape?.[part], schema);
/** The paths of the body's fields that must be sent, down to the leaves. */
const requiredLeaves = (schema: any, prefix = ''): string[] => {
  const shape = unwrap(schema)?._zod?.def?.shape;
  if (!shape) return [prefix];
  return Object.entries(shape)
    .filter(([, field]) => !isOptional(field))
    .flatMap(([name, field]) => requiredLeaves(field, prefix ? `${prefix}.${name}` : name));
};
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The API input each column prefix fills. */
const BODIES = {
  client: createClientBody,
  case: createCaseBody,
  partner: createPartnerBody,
  site: createSiteBody,
  placement: createPlacementBody,
  assessment: createAssessmentBody,
} as const;
/**
 * Ids the job resolves from a looked-up column (the client by NIK, the partner and site by name), and
 * what it states of a Litmas made on paper: a standard recommendation and the consent the case records.
 */
const RESOLVED = [
  'case.clientId',
  'site.partnerId',
  'placement.siteId',
  'assessment.recommendation',
  'assessment.consent.status',
  'assessment.consent.recordedOn',
];

describe('the column model', () => {
  it.each(IMPORT_KINDS)('reads the %s example row without an error or a warning', (kind) => {
    // Prepare
    const { keys, cells } = exampleRow(kind);
    // Act
    const read = readRow(kind, keys, cells, 2, { today: TODAY });
    // Assess: every column filled with its typed value
    expect(read.errors).toEqual([]);
    expect(read.warnings).toEqual([]);
    expect(Object.keys(read.values).sort()).toEqual([...keys].sort());
  });

  it('gives the examples their typed values (dates ISO, yes/no as booleans, lists split)', () => {
    const { keys, cells } = exampleRow('cases');
    const { values } = readRow('cases', keys, cells, 2, { today: TODAY });
    expect(values['client.birthDate']).toBe('1985-03-10');
    expect(values['case.decision.number']).toBe('231/Pid.B/2026/PN Plp');
    expect(values['case.decision.imposed.fineRupiah']).toBe(10_000_000);
    expect(values['case.sentence.kind']).toBe('kerja_sosial');
    expect(values['case.consent.given']).toBe(true);
    expect(values['placement.weekdays']).toEqual(['1', '3', '5']);
    expect(values['paper.warnings.dates']).toEqual(['2026-02-02', '2026-02-16']);
    expect(values['paper.status']).toBe('warned');
  });

  it.each(IMPORT_KINDS)(
    'gives every %s column a unique key and headers no other column answers to',
    (kind) => {
      const names = IMPORT_COLUMNS[kind].flatMap((c) =>
        [...new Set([c.key, c.header.id, c.header.en].map(foldHeader))].map((name) => [name, c.key] as const),
      );
      const owners = new Map<string, string>();
      for (const [name, key] of names) {
        expect(owners.get(name) ?? key, `"${name}"`).toBe(key);
        owners.set(name, key);
      }
      expect(new Set(IMPORT_COLUMNS[kind].map((c) => c.key)).size).toBe(IMPORT_COLUMNS[kind].length);
    },
  );

  it.each(IMPORT_KINDS)('documents every %s column in both languages, with a format', (kind) => {
    for (const c of IMPORT_COLUMNS[kind]) {
      expect(c.description.id.length, c.key).toBeGreaterThan(5);
      expect(c.description.en.length, c.key).toBeGreaterThan(5);
      expect(formatOf(c.reader).id, c.key).not.toBe('');
      expect(c.example, c.key).not.toBe('');
      for (const key of c.requiredWith ?? []) expect(keysOf(kind), c.key).toContain(key);
    }
    for (const key of NATURAL_KEY_COLUMNS[kind]) expect(keysOf(kind)).toContain(key);
  });

  it('fills fields the API bodies have, and every field they require', () => {
    // Prepare: every column that fills an API body, by its key's prefix
    const filling = IMPORT_KINDS.flatMap((k) => IMPORT_COLUMNS[k]).filter((c) => !c.lookup);
    for (const c of filling) {
      const [prefix, ...path] = c.key.split('.');
      if (prefix === 'paper') continue;
      // Act / Assess: the path exists in the body's schema
      expect(fieldAt(BODIES[prefix as keyof typeof BODIES], path), c.key).toBeDefined();
    }
    const filled = new Set([...filling.map((c) => c.key), ...RESOLVED]);
    for (const [prefix, body] of Object.entries(BODIES)) {
      for (const leaf of requiredLeaves(body))
        expect(filled, `${prefix}.${leaf}`).toContain(`${prefix}.${leaf}`);
    }
  });
});

const keysOf = (kind: ImportKind) => IMPORT_COLUMNS[kind].map((c) => c.key);

describe('the allowed values', () => {
  it("are the domain's own enums, in their order", () => {
    expect(PARTNER_KIND_CHOICES.map((c) => c.value)).toEqual([...PARTNER_KINDS]);
    expect(ORIGIN_CHOICES.map((c) => c.value)).toEqual([...CASE_ORIGINS]);
    expect(SENTENCE_KIND_CHOICES.map((c) => c.value)).toEqual([...SENTENCE_KINDS]);
    expect(SANCTION_CHOICES.map((c) => c.value)).toEqual([...NON_COMPLIANCE_SANCTIONS]);
    expect(STATUS_CHOICES.map((c) => c.value).every((s) => CASE_STATUSES.includes(s))).toBe(true);
    expect(STATUS_CHOICES.map((c) => c.value)).toEqual(
      expect.arrayContaining(['received', 'active', 'referred', 'completed']),
    );
  });

  it.each(['id', 'en'] as const)('are labelled as the dashboard labels them (%s)', (lang) => {
    // Prepare: the dashboard's message key of each choice
    const m = messages(lang);
    const pairs = [
      ...PARTNER_KIND_CHOICES.map((c) => [c, `partner_kind_${c.value}`] as const),
      ...ORIGIN_CHOICES.map((c) => [c, `origin_${c.value}`] as const),
      ...SENTENCE_KIND_CHOICES.map((c) => [c, `kind_${c.value}`] as const),
      ...SANCTION_CHOICES.map((c) => [c, `sanction_${c.value}`] as const),
      ...STATUS_CHOICES.map((c) => [c, `status_${c.value}`] as const),
      ...SEX_CHOICES.map((c) => [c, `client_sex_${c.value.toLowerCase()}`] as const),
    ];
    // Assess
    for (const [choice, key] of pairs) expect(choice[lang], key).toBe(m[key]);
  });

  it('are listed for the template in both languages', () => {
    const kind = IMPORT_COLUMNS.partners.find((c) => c.key === 'partner.kind')!;
    expect(allowedValuesOf(kind.reader)).toContainEqual({ id: 'Keagamaan', en: 'Religious' });
    const yesNo = IMPORT_COLUMNS.partners.find((c) => c.key === 'partner.nonCommercial')!;
    expect(allowedValuesOf(yesNo.reader)).toEqual([
      { id: 'Ya', en: 'Yes' },
      { id: 'Tidak', en: 'No' },
    ]);
  });
});
