import { randomUUID } from 'node:crypto';
import { keyId as keyIdOf } from '../intel/sharing.js';
import { readStixObjects } from '../intel/stix-read.js';
import { stixBundle, uuid5, type StixObject } from '../intel/stix.js';
import type { HirewatchStore, SharedIndicatorRow } from '../store/index.js';
import type { Actor } from './audit-entry.js';
import { shareableIntel } from './intel.js';

/**
 * TAXII 2.1 collections of an organisation (docs/SHARING.md), behind the
 * server's /taxii2 routes:
 *
 * - `indicators` (read): the organisation's confirmed-fraud indicators,
 *   keyed under the consortium key (never clear: TAXII is for members), as
 *   the STIX objects `intel export --format stix` writes. An object's
 *   date_added is when its newest decision was made, so `added_after` gives
 *   what was confirmed since; its version is its `modified`.
 * - `inbox` (write only): members add keyed indicators, which join the
 *   organisation's shared watchlist under the sending key's name. Clear
 *   values, values under another key and other object types are refused
 *   one by one, and nothing else is kept.
 */
export interface CollectionObject {
  readonly object: StixObject;
  readonly dateAdded: string;
  readonly version: string;
}

export type CollectionName = 'indicators' | 'inbox';

export const collectionId = (org: string, name: CollectionName): string => uuid5(`taxii-collection\u0000${org}\u0000${name}`);

const iso = (at: string): string => {
  const t = Date.parse(at);
  return Number.isNaN(t) ? '1970-01-01T00:00:00.000Z' : new Date(t).toISOString();
};

export interface StatusResource {
  readonly id: string;
  readonly status: 'complete';
  readonly request_timestamp: string;
  readonly total_count: number;
  readonly success_count: number;
  readonly successes: { id: string; version: string; message?: string }[];
  readonly failure_count: number;
  readonly failures: { id: string; message: string }[];
  readonly pending_count: 0;
  readonly pendings: [];
}

export class TaxiiCollections {
  readonly keyId: string;
  private readonly cache = new Map<string, { until: number; objects: Promise<CollectionObject[]> }>();

  /** `cacheMs`: how long an organisation's collection is reused between requests (pages of one pull see one snapshot). */
  constructor(private readonly key: Buffer, private readonly now: () => Date = () => new Date(), private readonly cacheMs = 30_000) {
    this.keyId = keyIdOf(key);
  }

  /** The objects of the organisation's `indicators` collection, oldest date_added first (then by id). */
  async objects(store: HirewatchStore): Promise<CollectionObject[]> {
    const hit = this.cache.get(store.org);
    const at = this.now().getTime();
    if (hit && hit.until > at) return hit.objects;
    const objects = this.build(store);
    this.cache.set(store.org, { until: at + this.cacheMs, objects });
    objects.catch(() => this.cache.delete(store.org));
    return objects;
  }

  private async build(store: HirewatchStore): Promise<CollectionObject[]> {
    const made = await shareableIntel(store, { mode: 'private', key: this.key });
    const all = made.indicators.flatMap((i) => i.decisions.map((d) => iso(d.decidedAt))).sort();
    const epoch = all[0] ?? '1970-01-01T00:00:00.000Z';
    const bundle = stixBundle({ ...made, now: epoch });
    const out: CollectionObject[] = [];
    let indicator = 0;
    let ring = -1;
    for (const o of bundle.objects) {
      let created = epoch;
      let modified = epoch;
      if (o.type === 'indicator') {
        const dates = made.indicators[indicator++]!.decisions.map((d) => iso(d.decidedAt)).sort();
        created = dates[0] ?? epoch;
        modified = dates.at(-1) ?? epoch;
      } else if (o.type === 'intrusion-set' || o.type === 'relationship' || o.type === 'grouping') {
        if (o.type === 'intrusion-set') ring++;
        created = modified = iso(made.rings[ring]!.decidedAt);
      }
      const object = o.type === 'marking-definition' ? o : { ...o, created, modified };
      out.push({ object, dateAdded: modified, version: String(object.modified ?? object.created) });
    }
    return out.sort((a, b) => (a.dateAdded < b.dateAdded ? -1 : a.dateAdded > b.dateAdded ? 1 : a.object.id < b.object.id ? -1 : 1));
  }

  /**
   * Add objects to the organisation's inbox: keyed indicators under this
   * server's consortium key only, stored in its shared watchlist under the
   * sender's name, in one transaction with the audit entry. Returns the
   * TAXII status resource, kept in the database in that transaction (30
   * days; migration 2026_013), so any server answers GET .../status/{id}.
   */
  async add(store: HirewatchStore, objects: readonly unknown[], sender: { keyId: string; label?: string | undefined }, actor: Actor): Promise<{ status: StatusResource; rows: SharedIndicatorRow[]; version?: number }> {
    const requested = this.now().toISOString();
    const read = readStixObjects(objects, { indicatorsOnly: true });
    const failures = read.failures.map((f) => ({ id: f.id ?? 'unknown', message: f.message }));
    const rows: SharedIndicatorRow[] = [];
    const successes: StatusResource['successes'] = [];
    for (const i of read.indicators) {
      if (!i.keyed) failures.push({ id: i.objectId, message: 'clear values are not accepted: share HMAC-SHA256 hashes under the consortium key' });
      else if (i.keyId !== this.keyId) failures.push({ id: i.objectId, message: `made under another consortium key (${i.keyId ?? 'none'}); this server's is ${this.keyId}` });
      else {
        rows.push({
          sharerId: `taxii-key:${sender.keyId}`, sharerName: sender.label ?? `member key ${sender.keyId}`, collectionId: collectionId(store.org, 'inbox'),
          sourceUrl: 'taxii:inbox', kind: i.kind, matchClass: i.matchClass, keyed: true, value: i.value, keyId: i.keyId,
          firstSeen: i.firstSeen, lastSeen: i.lastSeen, count: i.count, decidedAt: i.decidedAt, objectId: i.objectId,
        });
        successes.push({ id: i.objectId, version: i.modified });
      }
    }
    const status: StatusResource = {
      id: randomUUID(), status: 'complete', request_timestamp: requested, total_count: objects.length, success_count: successes.length, successes,
      failure_count: failures.length, failures, pending_count: 0, pendings: [],
    };
    // The status is kept with the rows it reports, in their transaction: any server of the organisation answers for it.
    const version = await store.transaction(async (tx) => {
      await tx.sharedIntel.putStatus(status.id, requested, JSON.stringify(status));
      if (rows.length === 0) return undefined;
      const written = await tx.sharedIntel.upsert(rows, requested);
      await tx.admin.audit.append({ actor: actor.actor, action: actor.action, detail: { ...(actor.detail ?? {}), collection: 'inbox', added: written.added, refreshed: written.refreshed, refused: failures.length } });
      return written.version;
    });
    return { status, rows, ...(version !== undefined ? { version } : {}) };
  }

  /** A status resource of the organisation's, from its store (undefined for an unknown id, another organisation's, or one older than 30 days). */
  async status(store: HirewatchStore, id: string): Promise<StatusResource | undefined> {
    const json = await store.sharedIntel.status(id);
    return json === undefined ? undefined : (JSON.parse(json) as StatusResource);
  }
}
