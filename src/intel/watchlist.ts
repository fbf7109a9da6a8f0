import type { RawSignal } from '../detect/types.js';
import { KIND_LABEL, type Identifier } from '../linkage/identifiers.js';
import { displayValue } from '../linkage/linkage-signals.js';
import { parsePhotoHash } from '../linkage/photo.js';
import type { EnrichedApplication } from '../normalise/application.js';
import { INDICATOR_KINDS, type IndicatorKind } from './indicators.js';
import { hexWords, KeyedDigest } from './keyed-digest.js';
import { keyId, MATCH_CLASS } from './sharing.js';

/**
 * The shared watchlist screening consults (docs/SHARING.md): indicators other
 * organisations shared, held as 32-byte digests in flat typed arrays (about
 * 70 bytes an indicator, its dates as day numbers), looked up by open addressing. An
 * application's identifiers, in the linkage index's canonical form (the very
 * list the index filed it under), are each digested once (HMAC-SHA256 under
 * the local consortium key, keyed-digest.ts) and probed: the cost per
 * application does not grow with the number of indicators. Clear indicators
 * are digested at load, so one probe serves both forms. Pure.
 */
export interface WatchlistEntry {
  readonly sharerId: string;
  readonly sharerName: string;
  readonly collectionId: string;
  readonly sourceUrl: string;
  readonly kind: string;
  readonly matchClass: string;
  readonly keyed: boolean;
  readonly value: string;
  readonly keyId?: string | undefined;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly count: number;
  readonly decidedAt?: string | undefined;
}

export interface WatchlistHit {
  /** The application's identifier that matched (its own value: never the sharer's). */
  readonly identifier: { readonly kind: string; readonly value: string };
  readonly sharer: string;
  readonly collectionId: string;
  readonly sourceUrl: string;
  readonly kind: string;
  readonly keyed: boolean;
  /** Days (YYYY-MM-DD), as the evidence shows them. */
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly count: number;
  readonly decidedAt?: string | undefined;
}

const KIND_NO = new Map<string, number>(INDICATOR_KINDS.map((k, i) => [k, i]));
const MIN_SLOTS = 1 << 10;
/**
 * The classes matched: personal identifiers and the photo. Not IPs (VPN exits,
 * offices and carrier gateways are shared by strangers) nor employers (a ring
 * names real companies it never worked for): kept in the store, never matched.
 * Resume signatures are not matched either: computing one costs more than the
 * whole look-up may (docs/SHARING.md).
 */
export const MATCHED_CLASSES: ReadonlySet<string> = new Set(['phone', 'email', 'address', 'payroll', 'device', 'profile', 'photo']);

export class SharedWatchlist {
  private readonly digester: KeyedDigest;
  private readonly plain = new KeyedDigest();
  private readonly localKeyId: string | undefined;
  private words = new Int32Array(8 * 1024);
  private kinds = new Uint8Array(1024);
  private sharerOf = new Uint16Array(1024);
  private counts = new Int32Array(1024);
  /** Dates as numbers into `days` (0: none): a million indicators hold no strings the collector must trace. */
  private first = new Uint32Array(1024);
  private last = new Uint32Array(1024);
  private decided = new Uint32Array(1024);
  private readonly days: string[] = [''];
  private readonly dayNo = new Map<string, number>();
  private readonly sharers: { id: string; name: string; collectionId: string; sourceUrl: string }[] = [];
  private readonly sharerNo = new Map<string, number>();
  private slots = new Int32Array(MIN_SLOTS);
  private n = 0;
  /** Match classes held: an application's identifiers of other classes are not digested at all. */
  private readonly classes = new Set<string>();
  /** Entries of classes screening does not match (IPs, employers). */
  ignored = 0;
  /** Keyed entries under another key than the local one (or with no local key): never matchable, so not held. */
  skipped = 0;
  private readonly probe = new Int32Array(8);

  constructor(key?: Buffer) {
    this.digester = new KeyedDigest(key);
    this.localKeyId = key ? keyId(key) : undefined;
  }

  get size(): number {
    return this.n;
  }

  add(entry: WatchlistEntry): boolean {
    const kind = KIND_NO.get(entry.kind);
    if (kind === undefined || MATCH_CLASS.get(entry.kind as IndicatorKind) !== entry.matchClass) return false;
    if (!MATCHED_CLASSES.has(entry.matchClass)) {
      this.ignored++;
      return false;
    }
    if (entry.keyed && (!this.localKeyId || (entry.keyId !== undefined && entry.keyId !== this.localKeyId))) {
      this.skipped++;
      return false;
    }
    this.grow();
    const at = this.n * 8;
    if (entry.keyed) {
      if (!hexWords(entry.value, this.words, at)) return false;
    } else {
      (this.digester.keyed ? this.digester : this.plain).digest(entry.matchClass, entry.value, this.words, at);
    }
    const sharerKey = `${entry.sharerId}\u0000${entry.collectionId}`;
    let s = this.sharerNo.get(sharerKey);
    if (s === undefined) {
      s = this.sharers.length;
      this.sharers.push({ id: entry.sharerId, name: entry.sharerName, collectionId: entry.collectionId, sourceUrl: entry.sourceUrl });
      this.sharerNo.set(sharerKey, s);
    }
    const flags = kind | (entry.keyed ? 0x80 : 0);
    // The same indicator again (an inbox write resent, rows joined to a fresh read): its dates and count are refreshed, never held twice.
    const held = this.heldAs(at, s, flags);
    const e = held ?? this.n;
    this.kinds[e] = flags;
    this.sharerOf[e] = s;
    this.counts[e] = entry.count;
    this.first[e] = this.dayOf(entry.firstSeen);
    this.last[e] = this.dayOf(entry.lastSeen);
    this.decided[e] = entry.decidedAt === undefined ? 0 : this.dayOf(entry.decidedAt);
    if (held !== undefined) return true;
    this.place(this.n);
    this.n++;
    this.classes.add(entry.matchClass);
    return true;
  }

  /** The shared indicators an application's identifiers match, in the order of its identifiers. */
  match(identifiers: readonly Identifier[], record: EnrichedApplication): WatchlistHit[] {
    if (this.n === 0) return [];
    const out: WatchlistHit[] = [];
    for (const { kind, value } of identifiers) this.lookup(kind, value, out);
    if (this.classes.has('photo')) {
      const photo = record.applicant.photoHash;
      if (photo && parsePhotoHash(photo)) this.lookup('photo', photo, out);
    }
    return out;
  }

  private lookup(kind: string, value: string, out: WatchlistHit[]): void {
    const matchClass = MATCH_CLASS.get(kind as IndicatorKind);
    if (!matchClass || !value || !this.classes.has(matchClass)) return;
    const p = this.probe;
    (this.digester.keyed ? this.digester : this.plain).digest(matchClass, value, p);
    const mask = this.slots.length - 1;
    for (let slot = p[0]! & mask; ; slot = (slot + 1) & mask) {
      const e = this.slots[slot]! - 1;
      if (e < 0) return;
      if (!this.same(e, p)) continue;
      const sharer = this.sharers[this.sharerOf[e]!]!;
      out.push({
        identifier: { kind, value }, sharer: sharer.name, collectionId: sharer.collectionId, sourceUrl: sharer.sourceUrl,
        kind: INDICATOR_KINDS[this.kinds[e]! & 0x7f]!, keyed: (this.kinds[e]! & 0x80) !== 0, firstSeen: this.days[this.first[e]!]!, lastSeen: this.days[this.last[e]!]!,
        count: this.counts[e]!, ...(this.decided[e] !== 0 ? { decidedAt: this.days[this.decided[e]!]! } : {}),
      });
    }
  }

  /** The entry already holding the digest at words[at..at+8] from this sharer, kind and form, if any. */
  private heldAs(at: number, sharer: number, flags: number): number | undefined {
    const mask = this.slots.length - 1;
    for (let slot = this.words[at]! & mask; ; slot = (slot + 1) & mask) {
      const e = this.slots[slot]! - 1;
      if (e < 0) return undefined;
      if (this.sharerOf[e] === sharer && this.kinds[e] === flags && this.same(e, this.words, at)) return e;
    }
  }

  /** Whether entry e holds the digest at p[at..at+8]. */
  private same(e: number, p: Int32Array, at = 0): boolean {
    const w = this.words;
    const o = e * 8;
    for (let i = 0; i < 8; i++) if (w[o + i] !== p[at + i]) return false;
    return true;
  }

  private place(e: number): void {
    const mask = this.slots.length - 1;
    let slot = this.words[e * 8]! & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = e + 1;
  }

  private grow(): void {
    if (this.n === this.kinds.length) {
      const size = this.kinds.length * 2;
      const words = new Int32Array(size * 8); words.set(this.words); this.words = words;
      const kinds = new Uint8Array(size); kinds.set(this.kinds); this.kinds = kinds;
      const sharerOf = new Uint16Array(size); sharerOf.set(this.sharerOf); this.sharerOf = sharerOf;
      const counts = new Int32Array(size); counts.set(this.counts); this.counts = counts;
      const first = new Uint32Array(size); first.set(this.first); this.first = first;
      const last = new Uint32Array(size); last.set(this.last); this.last = last;
      const decided = new Uint32Array(size); decided.set(this.decided); this.decided = decided;
    }
    // At most half full, so a probe that misses stops after a slot or two.
    if ((this.n + 1) * 2 > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2);
      for (let e = 0; e < this.n; e++) this.place(e);
    }
  }

  /** The number of a date's day (what the evidence shows: "seen 2025-11-03 to 2025-11-20"). */
  private dayOf(at: string): number {
    const d = day(at);
    let no = this.dayNo.get(d);
    if (no === undefined) {
      no = this.days.length;
      this.days.push(d);
      this.dayNo.set(d, no);
    }
    return no;
  }
}

const day = (at: string): string => (/^\d{4}-\d{2}-\d{2}/.test(at) ? at.slice(0, 10) : at);

/**
 * The signal of an application's shared-indicator matches: one line per
 * matching identifier (at most three, then "and N more"), each naming the
 * sharer, its collection, the indicator's kind and its dates.
 */
export function sharedIndicatorSignals(hits: readonly WatchlistHit[]): RawSignal[] {
  if (hits.length === 0) return [];
  const lines = hits.slice(0, 3).map((h) => {
    const own = h.identifier.kind in KIND_LABEL ? KIND_LABEL[h.identifier.kind as keyof typeof KIND_LABEL] : h.identifier.kind;
    const shown = h.identifier.kind in KIND_LABEL ? displayValue(h.identifier.kind as keyof typeof KIND_LABEL, h.identifier.value) : h.identifier.value;
    const decided = h.decidedAt ? `, confirmed fraud ${day(h.decidedAt)}` : '';
    return `${own} ${shown} matches a ${h.keyed ? 'keyed ' : ''}${h.kind} indicator shared by ${h.sharer} (collection ${h.collectionId}): seen ${day(h.firstSeen)} to ${day(h.lastSeen)} on ${h.count} application${h.count === 1 ? '' : 's'}${decided}`;
  });
  const more = hits.length > 3 ? `; and ${hits.length - 3} more` : '';
  return [{ id: 'linkage.shared_indicator', evidence: `${lines.join('; ')}${more}` }];
}
