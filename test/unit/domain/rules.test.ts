import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  fail,
  joinPath,
  ok,
  resultOf,
  Rule,
  RULE_CATALOGUE,
  RULE_IDS,
  violation,
} from '../../../functions/domain';

const here = dirname(fileURLToPath(import.meta.url));
const domainDir = join(here, '../../../functions/domain');

describe('rule catalogue', () => {
  it('lists every Rule constant and nothing else', () => {
    // Prepare / Act
    const constants = Object.values(Rule).sort();
    // Assess
    expect(constants).toEqual([...RULE_IDS].sort());
  });

  it('describes every rule in one non-empty line', () => {
    for (const id of RULE_IDS) {
      expect(RULE_CATALOGUE[id].length, id).toBeGreaterThan(10);
      expect(RULE_CATALOGUE[id], id).not.toContain('\n');
    }
  });

  it('has at least one unit test whose name starts with each rule id', () => {
    // Prepare: every test name in this folder and its subfolders (domain/imports/ has its own)
    const sources = readdirSync(here, { encoding: 'utf8', recursive: true })
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => readFileSync(join(here, f), 'utf8'))
      .join('\n');
    // Act
    const untested = RULE_IDS.filter((id) => !new RegExp(`\\bit\\(\\s*['"\`]${id}[ :]`).test(sources));
    // Assess
    expect(untested).toEqual([]);
  });
});

describe('result helpers', () => {
  it('resultOf is ok only without violations', () => {
    expect(resultOf([], () => 1)).toEqual(ok(1));
    const v = violation(Rule.KS_HOURS, 'sentence.hours', 'x');
    expect(resultOf([v], () => 1)).toEqual(fail([v]));
  });

  it('joinPath joins like zod paths', () => {
    expect(joinPath('', 'to')).toBe('to');
    expect(joinPath('weekdays', 2)).toBe('weekdays.2');
  });
});

describe('architecture: the domain stays pure', () => {
  const files = readdirSync(domainDir).filter((f) => f.endsWith('.ts'));
  const source = (f: string) => readFileSync(join(domainDir, f), 'utf8');

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files)('%s imports only relative domain modules', (f) => {
    const imports = [...source(f).matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
    expect(imports.filter((i) => !i?.startsWith('./'))).toEqual([]);
  });

  it.each(files)('%s never reads the clock or does I/O', (f) => {
    const code = source(f);
    expect(code).not.toMatch(/Date\.now\(|new Date\(\)|performance\.now|Math\.random|process\.|require\(/);
  });
});
