import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A small validator of OCSF events against the schema's own definition files
 * (test/fixtures/ocsf, copied from ocsf/ocsf-schema with its licence): no
 * OCSF validator is published for Node on the npm registry. It resolves a
 * class's `extends` chain (detection_finding → finding → base_event) and each
 * object's, merges every attribute with its dictionary entry, and checks:
 *
 * - required attributes are present (in the event and in every object);
 * - no attribute outside the class (or object), and none that comes only from
 *   a profile the event does not name in `metadata.profiles`;
 * - types: strings, integers (integer_t, long_t, timestamp_t), floats,
 *   booleans, arrays where the dictionary says `is_array`, objects by their
 *   definition; data-type regexes (datetime_t ...);
 * - enum values (merged along the chain and with the dictionary), and that a
 *   sibling label (`severity` of `severity_id` ...) is its value's caption;
 * - class_uid = category uid x 1000 + class uid, category_uid, type_uid =
 *   class_uid x 100 + activity_id, and objects' `at_least_one` constraints.
 */
const ROOT = join(import.meta.dirname, '..', 'fixtures', 'ocsf');

interface AttrDef {
  type?: string;
  is_array?: boolean;
  requirement?: string;
  enum?: Record<string, { caption?: string }>;
  sibling?: string;
  profile?: string | null;
}
interface Defn {
  name: string;
  extends?: string;
  uid?: number;
  category?: string;
  attributes: Record<string, unknown>;
  constraints?: { at_least_one?: string[] };
}
interface Resolved {
  attrs: Map<string, AttrDef & { gatedBy?: string }>;
  constraints: { at_least_one?: string[] }[];
}

const read = <T>(path: string): T => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as T;
const dictionary = read<{ attributes: Record<string, AttrDef>; types: { attributes: Record<string, { type?: string; regex?: string; values?: unknown[] }> } }>('dictionary.json');
const categories = read<{ attributes: Record<string, { uid: number }> }>('categories.json');
const EVENTS: Record<string, string> = { base_event: 'events/base_event.json', finding: 'events/findings/finding.json', detection_finding: 'events/findings/detection_finding.json' };

function merge(into: Map<string, AttrDef & { gatedBy?: string }>, attrs: Record<string, unknown>, gatedBy?: string): void {
  for (const [name, raw] of Object.entries(attrs)) {
    if (name === '$include') {
      for (const file of raw as string[]) {
        const profile = read<{ name: string; attributes: Record<string, unknown> }>(file);
        merge(into, profile.attributes, profile.name);
      }
      continue;
    }
    const def = raw as AttrDef;
    const before = into.get(name);
    const enumMerged = before?.enum || def.enum ? { ...(before?.enum ?? {}), ...(def.enum ?? {}) } : undefined;
    // Defined by the class itself (not through a profile): applies whatever profiles the event names.
    const gate = gatedBy === undefined ? undefined : before && before.gatedBy === undefined ? undefined : gatedBy;
    const next: AttrDef & { gatedBy?: string } = { ...(before ?? {}), ...def, ...(enumMerged ? { enum: enumMerged } : {}) };
    if (gate === undefined || def.profile === null) delete next.gatedBy;
    else next.gatedBy = gate;
    into.set(name, next);
  }
}

function resolve(load: (name: string) => Defn): (name: string) => Resolved & { top: Defn } {
  const cache = new Map<string, Resolved & { top: Defn }>();
  return (name) => {
    const hit = cache.get(name);
    if (hit) return hit;
    const chain: Defn[] = [];
    for (let d: Defn | undefined = load(name); d; d = d.extends ? load(d.extends) : undefined) chain.unshift(d);
    const attrs = new Map<string, AttrDef & { gatedBy?: string }>();
    for (const d of chain) merge(attrs, d.attributes);
    for (const [attr, def] of attrs) {
      const dict = dictionary.attributes[attr];
      if (!dict) throw new Error(`${name}.${attr} is not in the dictionary`);
      const enumMerged = dict.enum || def.enum ? { ...(dict.enum ?? {}), ...(def.enum ?? {}) } : undefined;
      attrs.set(attr, { ...dict, ...def, ...(enumMerged ? { enum: enumMerged } : {}) });
    }
    const top = chain.reduce((acc, d) => ({ ...acc, ...d, attributes: {} }), { name, attributes: {} } as Defn);
    const out = { attrs, constraints: chain.flatMap((d) => (d.constraints ? [d.constraints] : [])), top };
    cache.set(name, out);
    return out;
  };
}

const objectDef = resolve((name) => read<Defn>(`objects/${name}.json`));
const eventDef = resolve((name) => {
  const path = EVENTS[name];
  if (!path) throw new Error(`event class ${name} is not in the fixture`);
  return read<Defn>(path);
});

const INTEGER = new Set(['integer_t', 'long_t', 'timestamp_t', 'port_t']);

function baseType(type: string): string {
  let t = type;
  for (let i = 0; i < 5; i++) {
    const d = dictionary.types.attributes[t];
    if (!d?.type) return t;
    t = d.type;
  }
  return t;
}

function checkValue(path: string, value: unknown, def: AttrDef, profiles: ReadonlySet<string>, errors: string[]): void {
  const type = def.type ?? 'string_t';
  if (type === 'object' || type === 'json_t') return;
  if (!dictionary.types.attributes[type]) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) errors.push(`${path}: expected a ${type} object`);
    else checkObject(path, value as Record<string, unknown>, objectDef(type), profiles, errors);
    return;
  }
  const base = baseType(type);
  if (base === 'string_t') {
    if (typeof value !== 'string') return void errors.push(`${path}: expected a string (${type})`);
    const regex = dictionary.types.attributes[type]?.regex;
    if (regex && !new RegExp(regex).test(value)) errors.push(`${path}: '${value}' does not match ${type}`);
  } else if (INTEGER.has(base) || INTEGER.has(type)) {
    if (!Number.isInteger(value)) errors.push(`${path}: expected an integer (${type})`);
  } else if (base === 'float_t') {
    if (typeof value !== 'number') errors.push(`${path}: expected a number (${type})`);
  } else if (base === 'boolean_t') {
    if (typeof value !== 'boolean') errors.push(`${path}: expected a boolean`);
  }
  if (def.enum && !Object.hasOwn(def.enum, String(value))) errors.push(`${path}: ${JSON.stringify(value)} is not one of ${Object.keys(def.enum).join(', ')}`);
}

function checkObject(path: string, value: Record<string, unknown>, def: Resolved, profiles: ReadonlySet<string>, errors: string[]): void {
  for (const [name, attr] of def.attrs) {
    if (attr.requirement === 'required' && (!attr.gatedBy || profiles.has(attr.gatedBy)) && value[name] === undefined) errors.push(`${path}.${name}: required`);
  }
  for (const [name, v] of Object.entries(value)) {
    const attr = def.attrs.get(name);
    const where = `${path}.${name}`;
    if (!attr) {
      errors.push(`${where}: not an attribute here`);
      continue;
    }
    if (attr.gatedBy && !profiles.has(attr.gatedBy)) errors.push(`${where}: belongs to the ${attr.gatedBy} profile, which metadata.profiles does not name`);
    if (attr.is_array) {
      if (!Array.isArray(v)) errors.push(`${where}: expected an array`);
      else v.forEach((item, i) => checkValue(`${where}[${i}]`, item, attr, profiles, errors));
    } else {
      checkValue(where, v, attr, profiles, errors);
    }
    const caption = attr.enum?.[String(v)]?.caption;
    if (attr.sibling && caption && String(v) !== '99' && value[attr.sibling] !== undefined && value[attr.sibling] !== caption) {
      errors.push(`${path}.${attr.sibling}: '${String(value[attr.sibling])}' is not the caption of ${name} ${String(v)} ('${caption}')`);
    }
  }
  for (const c of def.constraints) {
    if (c.at_least_one && !c.at_least_one.some((n) => value[n] !== undefined)) errors.push(`${path}: needs at least one of ${c.at_least_one.join(', ')}`);
  }
}

/** The problems of `event` as an instance of the class `className` (none: valid). */
export function validateOcsf(event: unknown, className: string): string[] {
  const errors: string[] = [];
  if (!event || typeof event !== 'object' || Array.isArray(event)) return ['the event is not an object'];
  const e = event as Record<string, unknown>;
  const def = eventDef(className);
  const category = categories.attributes[def.top.category ?? ''];
  if (!category || def.top.uid === undefined) return [`${className} has no category or uid`];
  const classUid = category.uid * 1000 + def.top.uid;
  // The class's own identity, as the compiled schema gives it.
  def.attrs.set('class_uid', { ...def.attrs.get('class_uid'), enum: { [classUid]: { caption: (def.top as { caption?: string }).caption ?? className } } });
  def.attrs.set('category_uid', { ...def.attrs.get('category_uid'), enum: { [category.uid]: {} } });
  const metadata = e.metadata as { profiles?: unknown } | undefined;
  const profiles = new Set(Array.isArray(metadata?.profiles) ? metadata.profiles.filter((p): p is string => typeof p === 'string') : []);
  checkObject(className, e, def, profiles, errors);
  const activities = Object.keys(def.attrs.get('activity_id')?.enum ?? {}).map(Number);
  if (!activities.includes(Number(e.activity_id))) errors.push(`activity_id ${String(e.activity_id)} is not an activity of ${className}`);
  if (e.type_uid !== classUid * 100 + Number(e.activity_id)) errors.push(`type_uid ${String(e.type_uid)} is not class_uid x 100 + activity_id (${classUid * 100 + Number(e.activity_id)})`);
  return errors;
}
