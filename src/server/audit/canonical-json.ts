/**
 * Canonical JSON: the one byte sequence an audit entry hashes to, whatever
 * order its keys were written or read back in. Keys are sorted by UTF-16 code
 * unit order at every depth, there is no whitespace, strings and numbers are
 * written as `JSON.stringify` writes them, and object members whose value is
 * undefined are left out (as JSON.stringify does). Values JSON cannot carry
 * faithfully (NaN, Infinity, bigint, functions, symbols, undefined in arrays,
 * non-plain objects other than Date) are refused, so a detail never hashes
 * to something it will not read back as from the database.
 */

export class CanonicalJsonError extends Error {
  constructor(path: string, what: string) {
    super(`cannot write ${what} at ${path || '(root)'} as canonical JSON`);
    this.name = 'CanonicalJsonError';
  }
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, String(value));
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(path, typeof value);
  }
  if (Array.isArray(value)) {
    return `[${value
      .map((item, i) => {
        if (item === undefined) throw new CanonicalJsonError(`${path}[${i}]`, 'undefined');
        return write(item, `${path}[${i}]`);
      })
      .join(',')}]`;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError(path, 'a non-plain object');
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${write(v, path ? `${path}.${k}` : k)}`).join(',')}}`;
}

/** The canonical JSON text of a value. Throws CanonicalJsonError (naming the path, never the value). */
export function canonicalJson(value: unknown): string {
  return write(value, '');
}
