import { cellKind } from './csv-layout.js';

type Json = Record<string, unknown>;
const SEGMENT = /^([A-Za-z]\w*)(?:\[(\d*)\])?$/;

function coerce(cell: string, path: string): unknown {
  switch (cellKind(path.replace(/\[\]$/, ''))) {
    case 'number': {
      const n = Number(cell);
      return Number.isFinite(n) ? n : cell; // left as text so validation names the field
    }
    case 'boolean': {
      const v = cell.toLowerCase();
      if (['true', 'yes', 'y', '1'].includes(v)) return true;
      if (['false', 'no', 'n', '0'].includes(v)) return false;
      return cell;
    }
    default:
      return cell;
  }
}

/**
 * The record is built from null-prototype objects (path segments come from a
 * `--map` file: "constructor" or "prototype" is a field name, never a way to
 * Object or Object.prototype); `compact` turns them into plain objects.
 */
const node = (): Json => Object.create(null) as Json;
const child = <T>(parent: Json, key: string, make: () => T): T => (Object.hasOwn(parent, key) ? (parent[key] as T) : ((parent[key] = make()) as T));

/** Write `value` at a record path such as `education[1].start` or `applicant.phones[]`. */
function setPath(target: Json, path: string, cell: string): void {
  const segments = path.split('.');
  let at: Json = target;
  segments.forEach((segment, i) => {
    const m = SEGMENT.exec(segment);
    if (!m) return;
    const [, key, index] = m as unknown as [string, string, string | undefined];
    const last = i === segments.length - 1;
    if (index === undefined) {
      if (last) at[key] = coerce(cell, path);
      else at = child(at, key, node);
      return;
    }
    const list = child<unknown[]>(at, key, () => []);
    if (index === '') {
      // A list cell: "a;b;c" appends each part.
      for (const part of cell.split(';').map((p) => p.trim()).filter(Boolean)) list.push(coerce(part, path));
      return;
    }
    const n = Number(index);
    if (last) list[n] = coerce(cell, path);
    else at = (list[n] ??= node()) as Json;
  });
}

/** Drop holes left by sparse repeated groups (education_1 and education_3 but no education_2); objects become plain. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compact(v)]));
  }
  return value;
}

/** One CSV row (header -> cell) to a record shaped like the JSON contract. Empty cells are absent. */
export function csvRowToRecord(row: Record<string, string>, layout: Record<string, string>): Json {
  const record = node();
  for (const [column, cell] of Object.entries(row)) {
    const key = column.trim();
    const path = Object.hasOwn(layout, key) ? layout[key] : undefined;
    if (!path || cell === undefined || cell.trim() === '') continue;
    setPath(record, path, cell.trim());
  }
  return compact(record) as Json;
}
