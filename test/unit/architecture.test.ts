import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The house holds its shape: every import in functions/ and web/src is read (with the TypeScript
 * parser, so comments and strings cannot fool it) and each arrow is checked against the floors in
 * docs/adr/0006. ESLint's no-restricted-imports says the same per file while you type; this test sees
 * the whole graph, including imports ESLint's patterns could miss (deep relative paths, re-exports).
 */

const ROOT = resolve(import.meta.dirname, '../..');

/** The floor a file lives on, from its path. */
function floorOf(file: string): string | undefined {
  const path = relative(ROOT, file).replaceAll('\\', '/');
  if (path.startsWith('web/src/')) return 'web';
  const match = /^functions\/(api\/routes|api\/schemas|[a-z-]+)(\/|\.ts$)/.exec(path);
  if (!match) return undefined;
  return match[1] === 'tables.ts' || match[1] === 'tables' ? 'tables' : match[1];
}

/** Floors each floor must never import (relative imports inside the repository). */
const FORBIDDEN: Record<string, readonly string[]> = {
  domain: [
    'api',
    'api/routes',
    'api/schemas',
    'actions',
    'store',
    'handlers',
    'platform',
    'identity',
    'evidence',
    'tables',
  ],
  identity: ['api', 'api/routes', 'api/schemas', 'actions', 'store', 'handlers', 'platform'],
  store: ['api', 'api/routes', 'api/schemas', 'actions', 'handlers', 'platform'],
  actions: ['api', 'api/routes', 'api/schemas', 'handlers', 'platform'],
  evidence: ['api', 'api/routes', 'api/schemas', 'handlers', 'platform', 'actions'],
  'api/schemas': ['store', 'actions', 'api/routes', 'handlers', 'platform'],
  'api/routes': ['store', 'handlers', 'platform'],
  api: ['store', 'handlers'],
  platform: ['handlers'],
};

/** Packages that do I/O or tie code to AWS: the domain and the dashboard use none of them. */
const IO_PACKAGES = /^(@aws-sdk\/|@aws-lambda-powertools\/|@middy\/|aws-cdk-lib|node:|fs$|http$|https$|net$)/;

interface Arrow {
  readonly from: string;
  readonly specifier: string;
  readonly target?: string;
  readonly typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'paraglide' ? [] : sourceFiles(path);
    return /\.(ts|svelte)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The script of a Svelte component (both instance and module scripts), or a TypeScript file as is. */
function scriptOf(file: string): string {
  const text = readFileSync(file, 'utf8');
  if (!file.endsWith('.svelte')) return text;
  return [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

function arrowsOf(file: string): Arrow[] {
  const source = ts.createSourceFile(file, scriptOf(file), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const arrows: Arrow[] = [];
  const add = (specifier: string, typeOnly: boolean) =>
    arrows.push({
      from: file,
      specifier,
      target: specifier.startsWith('.') ? resolve(dirname(file), specifier) : undefined,
      typeOnly,
    });
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const everyNamedTypeOnly =
        !!bindings &&
        ts.isNamedImports(bindings) &&
        bindings.elements.length > 0 &&
        bindings.elements.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier.text, !!clause && (clause.isTypeOnly || (!clause.name && everyNamedTypeOnly)));
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      add(node.argument.literal.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return arrows;
}

const files = [...sourceFiles(join(ROOT, 'functions')), ...sourceFiles(join(ROOT, 'web/src'))];
const arrows = files.flatMap(arrowsOf);
const show = (a: Arrow) => `${relative(ROOT, a.from)} → ${a.specifier}`;

describe('architecture: the floors of docs/adr/0006', () => {
  it('reads the whole house', () => {
    expect(files.length).toBeGreaterThan(150);
    expect(arrows.filter((a) => a.target).length).toBeGreaterThan(500);
  });

  it('every arrow between floors of functions/ runs the right way', () => {
    const wrong = arrows.filter((a) => {
      const from = floorOf(a.from);
      const to = a.target && floorOf(a.target + '.ts');
      return from && to && from !== to && (FORBIDDEN[from] ?? []).includes(to);
    });
    expect(wrong.map(show)).toEqual([]);
  });

  it('the domain does no I/O and knows no AWS', () => {
    const wrong = arrows.filter((a) => floorOf(a.from) === 'domain' && IO_PACKAGES.test(a.specifier));
    expect(wrong.map(show)).toEqual([]);
  });

  it('use cases know no HTTP and reach the store only through its intent-named operations', () => {
    const wrong = arrows.filter(
      (a) =>
        floorOf(a.from) === 'actions' &&
        (/^@middy\//.test(a.specifier) ||
          /\/store\/(keys|transactions|audit|dynamo-client)$/.test(a.target ?? '') ||
          /^@aws-sdk\/(client-dynamodb|lib-dynamodb)$/.test(a.specifier)),
    );
    expect(wrong.map(show)).toEqual([]);
  });

  it('the dashboard imports server code only from the domain (values) and the API schemas (types only)', () => {
    const functionsDir = join(ROOT, 'functions');
    const wrong = arrows.filter((a) => {
      if (floorOf(a.from) !== 'web' || !a.target?.startsWith(functionsDir)) return false;
      const to = floorOf(a.target + '.ts');
      if (to === 'domain') return false;
      return !(to === 'api/schemas' && a.typeOnly);
    });
    expect(wrong.map(show)).toEqual([]);
  });

  it('the dashboard uses no server-only package', () => {
    const wrong = arrows.filter((a) => floorOf(a.from) === 'web' && IO_PACKAGES.test(a.specifier));
    expect(wrong.map(show)).toEqual([]);
  });

  it('no file is over 400 lines unless its opening comment says why ("Long on purpose: …")', () => {
    const long = files.filter((file) => {
      const text = readFileSync(file, 'utf8');
      const lines = text.split('\n').length;
      return lines > 400 && !/Long on purpose:/.test(text.split('\n').slice(0, 15).join('\n'));
    });
    expect(long.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
