/**
 * Walking the contract's zod schemas (zod 4's `_zod.def`), for tests that must cover every operation without a
 * hand-kept list: the largest JSON an input can be (contract-limits.test.ts), and an input with every string field
 * filled in, at any depth (the ill-formed text test through the browser edition).
 */
import { z } from 'zod';

type Def = { readonly type: string; readonly [k: string]: unknown };
type Schema = z.ZodType;

const defOf = (s: Schema) => (s as unknown as { _zod: { def: Def } })._zod.def;
const checksOf = (s: Schema) =>
  ((defOf(s).checks as { _zod: { def: { check: string; maximum?: number; length?: number } } }[] | undefined) ?? []).map((c) => c._zod.def);

/** The most characters (strings) or items (arrays) the schema's own checks allow; Infinity without a maximum. */
export function maxLength(s: Schema): number {
  let max = Infinity;
  for (const c of checksOf(s)) {
    if (c.check === 'max_length' && typeof c.maximum === 'number') max = Math.min(max, c.maximum);
    if (c.check === 'length_equals' && typeof c.length === 'number') max = Math.min(max, c.length);
  }
  return max;
}

function declaredMaxJson(s: Schema): number | null {
  const meta = z.globalRegistry.get(s) as { maxJsonBytes?: unknown } | undefined;
  return typeof meta?.maxJsonBytes === 'number' ? meta.maxJsonBytes : null;
}

/** The longest JSON a JSON number can be (-1.7976931348623157e+308). */
const NUMBER_BYTES = 24;

/**
 * An upper bound on the bytes of `JSON.stringify(value)` (UTF-8) for any value the schema accepts, given that the
 * dispatcher refuses control characters (so each character is at most 3 bytes; base64 is 1). Infinity where the
 * schema does not bound it (a string or list without a maximum, an object that keeps unknown keys, a record without
 * a declared `maxJsonBytes`), with the path to it in `unbounded`.
 */
export function maxJsonBytes(s: Schema, path = '', unbounded: string[] = []): number {
  const declared = declaredMaxJson(s);
  if (declared !== null) return declared;
  const d = defOf(s);
  const inf = () => {
    unbounded.push(`${path || '(input)'}: ${d.type}`);
    return Infinity;
  };
  switch (d.type) {
    case 'string': {
      const max = maxLength(s);
      if (max === Infinity) return inf();
      return 2 + max * (d.format === 'base64' ? 1 : 3);
    }
    case 'number':
    case 'int':
      return NUMBER_BYTES;
    case 'boolean':
      return 5;
    case 'null':
      return 4;
    case 'undefined':
      return 0;
    case 'literal':
      return Math.max(...(d.values as unknown[]).map((v) => Buffer.byteLength(JSON.stringify(v) ?? '')));
    case 'enum':
      return Math.max(...Object.values(d.entries as Record<string, unknown>).map((v) => Buffer.byteLength(JSON.stringify(v))));
    case 'optional':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return maxJsonBytes(d.innerType as Schema, path, unbounded);
    case 'nullable':
      return Math.max(4, maxJsonBytes(d.innerType as Schema, path, unbounded));
    case 'pipe':
      return maxJsonBytes(d.in as Schema, path, unbounded);
    case 'lazy':
      return maxJsonBytes((d.getter as () => Schema)(), path, unbounded);
    case 'union':
      return Math.max(...(d.options as Schema[]).map((o) => maxJsonBytes(o, path, unbounded)));
    case 'array': {
      const max = maxLength(s);
      const item = maxJsonBytes(d.element as Schema, `${path}[]`, unbounded);
      if (max === Infinity) return inf();
      return 2 + max * (item + 1);
    }
    case 'tuple':
      return 2 + (d.items as Schema[]).reduce((sum, item, i) => sum + maxJsonBytes(item, `${path}[${i}]`, unbounded) + 1, 0);
    case 'object': {
      const catchall = d.catchall as Schema | undefined;
      // Only a strict object (catchall never) bounds its keys: any other keeps or strips keys it does not know.
      if (!catchall || defOf(catchall).type !== 'never') return inf();
      const shape = d.shape as Record<string, Schema>;
      return (
        2 +
        Object.entries(shape).reduce(
          (sum, [k, v]) => sum + Buffer.byteLength(JSON.stringify(k)) + 1 + maxJsonBytes(v, path ? `${path}.${k}` : k, unbounded) + 1,
          0,
        )
      );
    }
    default:
      return inf();
  }
}

/**
 * Fills in a value for a schema: every string from `str(path)`, every optional field present, one item per list;
 * `variant` chooses among a union's options (variant modulo their number), so that successive variants cover each.
 */
export function sampleInput(
  s: Schema,
  str: (path: readonly (string | number)[]) => string,
  variant = 0,
  path: readonly (string | number)[] = [],
  depth = 0,
): unknown {
  const d = defOf(s);
  if (depth > 20) return null;
  const next = (child: Schema, p: readonly (string | number)[]) => sampleInput(child, str, variant, p, depth + 1);
  switch (d.type) {
    case 'string':
      return str(path);
    case 'number':
    case 'int':
      return 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'literal':
      return (d.values as unknown[])[0];
    case 'enum':
      return Object.values(d.entries as Record<string, unknown>)[0];
    case 'optional':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
    case 'nullable':
      return next(d.innerType as Schema, path);
    case 'pipe':
      return next(d.in as Schema, path);
    case 'lazy':
      return next((d.getter as () => Schema)(), path);
    case 'union': {
      const options = d.options as Schema[];
      return next(options[variant % options.length]!, path);
    }
    case 'array':
      return [next(d.element as Schema, [...path, 0])];
    case 'tuple':
      return (d.items as Schema[]).map((item, i) => next(item, [...path, i]));
    case 'record': {
      // The key is a string field too: the record's one entry is keyed by `str` at the path with a key marker.
      const key = str([...path, '<key>']);
      return { [key]: next(d.valueType as Schema, [...path, key]) };
    }
    case 'object':
      return Object.fromEntries(Object.entries(d.shape as Record<string, Schema>).map(([k, v]) => [k, next(v, [...path, k])]));
    default:
      return null;
  }
}

/** The paths of every string in `sampleInput`'s value for `variant` (record keys marked `<key>`). */
export function stringPaths(s: Schema, variant = 0): (string | number)[][] {
  const paths: (string | number)[][] = [];
  sampleInput(
    s,
    (p) => {
      paths.push([...p]);
      return 'x';
    },
    variant,
  );
  return paths;
}
