import fc from 'fast-check';
import * as z from 'zod';

/** The subset of JSON Schema (draft 2020-12, as `z.toJSONSchema` writes it) the generators read. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
}

/** The JSON Schema of one part of a route's input, as its clients see it (`io: 'input'`). */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** Any JSON value, small: what a confused or hostile client might send where something else belongs. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 20 }),
  fc.constant(''),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);

/** Strings that have broken parsers and key builders before: separators, unicode, control characters. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '#',
    'O#x#CASE#y',
    '../..',
    '%00',
    '\u0000',
    '\uFFFF',
    'ü'.repeat(3),
    '😀',
    '<script>alert(1)</script>',
    "'; DROP TABLE x; --",
    '{"$ne":null}',
    '__proto__',
    'constructor',
    'null',
    'undefined',
    '-1',
    '1e309',
    'NaN',
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer({ min: 1, max: 5000 }).map((n) => 'a'.repeat(n)),
);

const DATE_BOUNDARIES = [
  '2026-02-29',
  '2028-02-29',
  '2026-13-01',
  '2026-00-10',
  '2026-04-31',
  '0000-01-01',
  '9999-12-31',
  '2026-1-1',
  '20260301',
  '2026-03-01T00:00:00Z',
];
const TIME_BOUNDARIES = ['00:00', '23:59', '24:00', '12:60', '7:00', '08:00:00', '-01:00'];

/** Valid strings for a string schema, plus its length boundaries (one either side). */
function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const options: fc.Arbitrary<string>[] = [];
  if (schema.format === 'date') {
    options.push(
      fc
        .date({
          min: new Date('2025-06-01T00:00:00Z'),
          max: new Date('2027-06-30T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString().slice(0, 10)),
      fc.constantFrom(...DATE_BOUNDARIES),
    );
  } else if (schema.format === 'date-time') {
    options.push(
      fc
        .date({
          min: new Date('2025-06-01T00:00:00Z'),
          max: new Date('2027-06-30T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString()),
      fc.constantFrom('2026-03-02T08:00:00+08:00', '2026-03-02 08:00', '2026-03-02T25:00:00Z'),
    );
  } else if (schema.pattern) {
    try {
      options.push(fc.stringMatching(new RegExp(schema.pattern)));
    } catch {
      // A pattern fast-check cannot invert: the length boundaries below still apply.
    }
    if (/:\[0-5\]/.test(schema.pattern)) options.push(fc.constantFrom(...TIME_BOUNDARIES));
  }
  const min = schema.minLength ?? 0;
  const max = schema.maxLength;
  options.push(fc.string({ minLength: min, maxLength: Math.min(max ?? min + 30, min + 30) }));
  const lengths = [min, min - 1, ...(max === undefined ? [] : [max, max + 1])].filter((n) => n >= 0);
  options.push(fc.constantFrom(...lengths).map((n) => 'x'.repeat(n)));
  return fc.oneof(...options);
}

/** Numbers in range, and the boundaries: each limit and one step beyond, fractions, zero, huge. */
function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? schema.exclusiveMinimum ?? -1_000_000;
  const max = schema.maximum ?? schema.exclusiveMaximum ?? 1_000_000;
  const step = integer ? 1 : 0.001;
  const boundaries = [min, min - step, max, max + step, 0, -1, 0.5, 1e15, -1e15, Number.MAX_SAFE_INTEGER + 2];
  return fc.oneof(
    integer
      ? fc.integer({ min: Math.ceil(Math.max(min, -1e9)), max: Math.floor(Math.min(max, 1e9)) })
      : fc.double({ min, max, noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(...boundaries),
  );
}

/**
 * A value that fits the schema's shape with values at and beyond its limits: mostly well-formed
 * enough to pass the parser and reach the domain rules and the store, sometimes just outside.
 */
export function shapedValue(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.oneof(fc.constant(schema.const), anyJson);
  if (schema.enum)
    return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...schema.enum) }, fc.constant('other'));
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((choice) => shapedValue(choice, depth)));
  if (schema.allOf?.length) return shapedValue(Object.assign({}, ...schema.allOf), depth);
  const types = [schema.type ?? 'any'].flat();
  return fc.oneof(...types.map((type) => valueOfType(type, schema, depth)));
}

function valueOfType(type: string, schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (depth > 4) return fc.constant([]);
      const min = schema.minItems ?? 0;
      const max = Math.min(schema.maxItems ?? min + 4, min + 4);
      return fc.oneof(
        fc.array(shapedValue(schema.items ?? {}, depth + 1), { minLength: min, maxLength: max }),
        fc.constant([]),
        fc.array(shapedValue(schema.items ?? {}, depth + 1), { minLength: max + 1, maxLength: max + 2 }),
      );
    }
    case 'object':
      return objectArbitrary(schema, depth);
    default:
      return anyJson;
  }
}

/** Required fields almost always, optional ones often; now and then one dropped or one unknown added. */
function objectArbitrary(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (depth > 4) return fc.constant({});
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const fields = properties.map(([name, child]) =>
    fc.tuple(fc.integer({ min: 0, max: 99 }), shapedValue(child, depth + 1)).map(([roll, value]) => {
      const keep = required.has(name) ? roll < 97 : roll < 60;
      return keep ? ([name, value] as const) : undefined;
    }),
  );
  return fc
    .tuple(fc.tuple(...fields), fc.option(fc.tuple(fc.string({ maxLength: 12 }), anyJson), { freq: 10 }))
    .map(([entries, extra]) => {
      // Objects built with null prototypes would hide `__proto__` keys; plain ones keep JSON semantics.
      const object: Record<string, unknown> = {};
      for (const entry of [...entries, extra]) {
        if (entry) {
          const [key, value] = entry;
          Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
        }
      }
      return object;
    });
}

/**
 * Replaces one value somewhere in a JSON document with a value of another kind (null, a number where
 * a string belongs, an array, an object, a huge string), at a path chosen by `pick`.
 */
export function mutate(value: unknown, pick: number, replacement: unknown): unknown {
  const paths: (string | number)[][] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(node)) node.forEach((child, i) => walk(child, [...path, i]));
    else if (node && typeof node === 'object')
      Object.entries(node).forEach(([key, child]) => walk(child, [...path, key]));
  };
  walk(value, []);
  const target = paths[pick % paths.length]!;
  if (target.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of target.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[target.at(-1)!] = replacement;
  return copy;
}

/** What a request body may be: a shaped JSON value (often mutated), or bytes that are not JSON at all. */
export type BodyInput =
  { readonly kind: 'json'; readonly value: unknown } | { readonly kind: 'raw'; readonly text: string };

export function bodyArbitrary(schema: JsonSchema): fc.Arbitrary<BodyInput> {
  const shaped = shapedValue(schema);
  return fc.oneof(
    { weight: 5, arbitrary: shaped.map((value) => ({ kind: 'json' as const, value })) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(shaped, fc.nat(), fc.oneof(anyJson, nastyString))
        .map(([value, pick, replacement]) => ({
          kind: 'json' as const,
          value: mutate(value, pick, replacement),
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.constantFrom('{', '{"a":', 'not json', '[1,2', '\u0000', 'null', '"text"', '[]', '1e400', '{}}'),
          fc.string({ maxLength: 50 }),
          fc.constant(`${'['.repeat(2000)}${']'.repeat(2000)}`),
        )
        .map((text) => ({ kind: 'raw' as const, text })),
    },
  );
}

/** Query string values for the schema's keys (valid, boundary, junk), plus now and then an unknown key. */
export function queryArbitrary(schema: JsonSchema | undefined): fc.Arbitrary<Record<string, string>> {
  const properties = Object.entries(schema?.properties ?? {});
  const text = (child: JsonSchema) =>
    fc.oneof(
      {
        weight: 3,
        arbitrary: shapedValue(child).map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))),
      },
      { weight: 1, arbitrary: nastyString },
    );
  const fields = properties.map(([name, child]) =>
    fc.option(
      text(child).map((value) => [name, value] as const),
      { freq: 2 },
    ),
  );
  return fc
    .tuple(
      fc.tuple(...fields),
      fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), nastyString), { freq: 8 }),
    )
    .map(([entries, extra]) => {
      const query: Record<string, string> = {};
      for (const entry of entries) if (entry) query[entry[0]] = entry[1];
      if (extra) query[extra[0]] = extra[1];
      return query;
    });
}
