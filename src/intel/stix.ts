import { createHash } from 'node:crypto';
import type { SharedIndicator, SharingMode } from './sharing.js';

/**
 * Shared indicators as a STIX 2.1 bundle (OASIS STIX 2.1, docs/SHARING.md):
 * the producer's identity, one indicator per identifier, the `x-hirewatch`
 * property extension (defined by an extension-definition in the bundle)
 * carrying kind, dates, count and decisions, and per ring an intrusion set,
 * `indicates` relationships and a grouping. Every object is marked TLP 2.0:
 * TLP:GREEN for keyed hashes (the consortium), TLP:RED for clear values.
 * Pure: ids are UUIDv5 of their content, so one export gives one bundle.
 */
export const HIREWATCH_EXTENSION_ID = 'extension-definition--5a1b5b4e-8f0d-4c7e-9b7a-1f3c2d4e6a80';
const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';
/** The TLP 2.0 marking definitions published with the OASIS TLP 2.0 extension. */
export const TLP2 = {
  green: { id: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb', name: 'TLP:GREEN' },
  red: { id: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1', name: 'TLP:RED' },
} as const;
const TLP2_CREATED = '2022-10-01T00:00:00.000Z';
/** The namespace of hirewatch's UUIDv5 ids. */
const NAMESPACE = Buffer.from('8c0e5d4a3b2f4e1a9d7c6b5a4f3e2d1c', 'hex');

export function uuid5(name: string): string {
  const h = createHash('sha1').update(NAMESPACE).update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** A record date ("2025-11", "2025-11-03 14:22") as a STIX timestamp; `fallback` when it is not a date. */
function timestamp(at: string, fallback: string): string {
  const t = Date.parse(at);
  return Number.isNaN(t) ? fallback : new Date(t).toISOString();
}

const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A STIX pattern: the standard observable where STIX has one (mailbox, IP, profile URL), else the x-hirewatch-identifier object. */
export function patternOf(ind: SharedIndicator): string {
  if (ind.hash !== undefined) {
    return `[x-hirewatch-identifier:match_class = ${quote(ind.matchClass)} AND x-hirewatch-identifier:hmac_sha256 = ${quote(ind.hash)}]`;
  }
  const v = ind.value ?? '';
  if (ind.matchClass === 'email') return `[email-addr:value = ${quote(v)}]`;
  if (ind.matchClass === 'ip') return v.includes(':') ? `[ipv6-addr:value = ${quote(v)}]` : `[ipv4-addr:value = ${quote(v)}]`;
  if (ind.matchClass === 'profile') return `[url:value = ${quote(`https://${v}`)}]`;
  return `[x-hirewatch-identifier:match_class = ${quote(ind.matchClass)} AND x-hirewatch-identifier:value = ${quote(v)}]`;
}

export interface BundleInput {
  readonly org: string;
  readonly mode: SharingMode;
  readonly keyId?: string | undefined;
  readonly indicators: readonly SharedIndicator[];
  readonly rings: readonly { readonly caseRef: string; readonly decidedAt: string; readonly members: readonly number[] }[];
  /** When the bundle is made (created/modified of its objects). */
  readonly now: string;
}

export type StixObject = Record<string, unknown> & { readonly type: string; readonly id: string };

export function stixBundle(input: BundleInput): { type: 'bundle'; id: string; objects: StixObject[] } {
  const { now } = input;
  const tlp = input.mode === 'private' ? TLP2.green : TLP2.red;
  const identity = `identity--${uuid5(`identity\u0000${input.org}`)}`;
  const common = { spec_version: '2.1', created: now, modified: now, created_by_ref: identity, object_marking_refs: [tlp.id] };
  const objects: StixObject[] = [
    { type: 'marking-definition', spec_version: '2.1', id: tlp.id, created: TLP2_CREATED, name: tlp.name, extensions: { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: input.mode === 'private' ? 'green' : 'red' } } },
    { type: 'identity', id: identity, ...common, name: input.org, identity_class: 'organization', sectors: ['technology'] },
    {
      type: 'extension-definition', id: HIREWATCH_EXTENSION_ID, ...common, name: 'x-hirewatch indicator',
      description: 'An identifier seen on applications of cases decided confirmed fraud: its kind and match class, the clear value or its HMAC-SHA256 under the consortium key (key_id names the key), first and last seen, how many applications, and the decisions behind it.',
      schema: 'hirewatch docs/SHARING.md, "The x-hirewatch extension": kind, match_class (string); value (clear) or hmac_sha256 and key_id (private); first_seen, last_seen (the records\' dates); count (integer); decisions (case_ref, outcome, decided_at, ring).', version: '1.0', extension_types: ['property-extension'],
    },
  ];
  const indicatorIds = input.indicators.map((ind) => {
    const subject = ind.hash ?? `${ind.matchClass}\u0000${ind.value ?? ''}`;
    const id = `indicator--${uuid5(`indicator\u0000${input.org}\u0000${input.mode}\u0000${ind.kind}\u0000${subject}`)}`;
    const ext: Record<string, unknown> = {
      extension_type: 'property-extension', kind: ind.kind, match_class: ind.matchClass,
      ...(ind.hash !== undefined ? { hmac_sha256: ind.hash, key_id: input.keyId } : { value: ind.value }),
      first_seen: ind.firstSeen, last_seen: ind.lastSeen, count: ind.count,
      decisions: ind.decisions.map((d) => ({ case_ref: d.caseRef, outcome: d.outcome, decided_at: d.decidedAt, ring: d.ring })),
    };
    objects.push({
      type: 'indicator', id, ...common, name: `${ind.kind} used in confirmed fraud`, indicator_types: ['malicious-activity'],
      pattern: patternOf(ind), pattern_type: 'stix', pattern_version: '2.1', valid_from: timestamp(ind.firstSeen, now),
      extensions: { [HIREWATCH_EXTENSION_ID]: ext },
    });
    return id;
  });
  for (const ring of input.rings) {
    const set = `intrusion-set--${uuid5(`ring\u0000${input.org}\u0000${ring.caseRef}`)}`;
    objects.push({ type: 'intrusion-set', id: set, ...common, name: `ring ${ring.caseRef}`, description: `A ring confirmed as fraud on ${ring.decidedAt}.` });
    const refs: string[] = [set];
    for (const n of ring.members) {
      const rel = `relationship--${uuid5(`indicates\u0000${indicatorIds[n]!}\u0000${set}`)}`;
      objects.push({ type: 'relationship', id: rel, ...common, relationship_type: 'indicates', source_ref: indicatorIds[n]!, target_ref: set });
      refs.push(indicatorIds[n]!, rel);
    }
    objects.push({ type: 'grouping', id: `grouping--${uuid5(`grouping\u0000${input.org}\u0000${ring.caseRef}`)}`, ...common, name: `ring ${ring.caseRef}`, context: 'suspicious-activity', object_refs: refs });
  }
  return { type: 'bundle', id: `bundle--${uuid5(`bundle\u0000${input.org}\u0000${input.mode}\u0000${now}\u0000${indicatorIds.length}`)}`, objects };
}
