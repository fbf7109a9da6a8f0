import { samePerson } from '../match/same-person.js';
import type { EnrichedApplication } from '../normalise/application.js';
import { normaliseName, type NormalName } from '../normalise/name.js';
import { Clusters } from './clusters.js';
import { Earlier, EarlierPhoto, EarlierResume } from './earlier.js';
import { hashString, shortHash } from './hash.js';
import { IDENTIFIER_KINDS, identifiersOf, type Identifier, type IdentifierKind, type LinkExtras } from './identifiers.js';
import { MinHasher, signatureSimilarity, SIGNATURE_LENGTH } from './minhash.js';
import { hamming, parsePhotoHash, photoBandKeys } from './photo.js';
import { PostingTable } from './posting-table.js';
import { DEFAULT_LINKAGE, LinkageConfigSchema, type ClusterView, type IdentifierLink, type IdentitySpread, type LinkageConfig, type LinkResult, type PhotoLink, type ResumeLink, type RoleLink } from './types.js';

/** The key of an application in maps: its source and id, unambiguous. */
const applicationKey = (source: string, id: string): string => `${source}\u0000${id}`;

/** Each kind hashes with its own seeds, so equal values of two kinds never meet. */
const KIND_SEED = Object.fromEntries(IDENTIFIER_KINDS.map((k, i) => [k, 0x3c6ef372 + i * 0x1000193])) as Record<IdentifierKind, number>;
/** The other role of a contact: an applicant's own phone or mailbox, or a reference's (canonical values alike). */
const OTHER_ROLE: Partial<Record<IdentifierKind, IdentifierKind>> = {
  phone: 'referencePhone', referencePhone: 'phone', email: 'referenceEmail', referenceEmail: 'email',
  device: 'referenceDevice', referenceDevice: 'device',
};

/**
 * The linkage index: every screened application, filed under each of its
 * identifiers, so that adding one returns the earlier applications sharing
 * any of them. Each look-up is a hash probe that reads at most
 * `maxPerIdentifier` postings, so `add` costs the same after ten
 * applications or ten million. The index keeps fingerprints of identifiers,
 * not the identifiers; per application it keeps the id, the name as written,
 * the submission time and a 96-byte resume signature (the high 16 bits of each MinHash).
 */
export class LinkageIndex {
  readonly config: LinkageConfig;
  private readonly table = new PostingTable(1 << 20);
  private readonly ids: string[] = [];
  private readonly sources: string[] = [];
  private readonly names: string[] = [];
  private readonly times: string[] = [];
  private sigs = new Uint16Array(1024 * SIGNATURE_LENGTH);
  private sigAt = new Int32Array(1024);
  private sigCount = 0;
  /** Photo hash of application n: photoBits[2n] (high half), photoBits[2n + 1] (low half); read only for applications filed with one. */
  private photoBits = new Int32Array(2048);
  private readonly photoKeys = new Int32Array(32);
  private readonly minhasher = new MinHasher();
  /** Numbers read from the table, reused by every look-up. */
  private readonly scratch: number[] = [];
  private readonly clusters: Clusters;
  private readonly strong: ReadonlySet<string>;
  private readonly nameCache = new Map<string, NormalName>();
  private readonly byId = new Map<string, number>();
  /** Fingerprints of each application's phones and mailboxes (low bit: 0 phone, 1 mailbox), for one identity's spread. */
  private contacts = new Int32Array(4096);
  private contactStart = new Int32Array(1024);
  private contactEnd = new Int32Array(1024);
  private contactCount = 0;

  constructor(config: Partial<LinkageConfig> = {}) {
    this.config = LinkageConfigSchema.parse({ ...DEFAULT_LINKAGE, ...config });
    this.strong = new Set(this.config.strongKinds);
    this.clusters = new Clusters(this.config.clusterMemberCap, (a, b) => this.sameIdentity(a, b), (n) => this.names[n]!);
  }

  get size(): number {
    return this.ids.length;
  }

  /** The identifiers the last application added was filed under (canonical values), for look-ups beside the index (shared indicators). */
  lastIdentifiers: readonly Identifier[] = [];

  /** Links of a new application to all earlier ones; files it; updates its cluster. */
  add(record: EnrichedApplication, extras?: LinkExtras): LinkResult {
    // A new version of an application already filed keeps its number: it is one application, counted once.
    // An application is its source and its id: the same id from two ATS sources is two applications.
    const source = record.source ?? '';
    const key = applicationKey(source, record.id);
    const known = this.byId.get(key);
    const n = known ?? this.ids.length;
    const name = record.applicant.name.raw;
    if (known === undefined) {
      this.ids.push(record.id);
      this.sources.push(source);
      this.names.push(name);
      this.times.push(record.submittedAt);
      this.byId.set(key, n);
      this.clusters.push(n);
    } else {
      this.names[n] = name;
      this.times[n] = record.submittedAt;
    }
    this.startContacts(n);
    const cap = this.config.maxPerIdentifier;
    const joins: number[] = [];

    const identifiers: IdentifierLink[] = [];
    const roles: RoleLink[] = [];
    this.lastIdentifiers = identifiersOf(record, extras);
    for (const { kind, value } of this.lastIdentifiers) {
      const other = OTHER_ROLE[kind];
      if (other) this.linkRole(kind, other, value, n, name, roles);
      const k = KIND_SEED[kind];
      const slot = hashString(value, k);
      if (kind === 'phone' || kind === 'email') this.storeContact((slot & ~1) | (kind === 'email' ? 1 : 0));
      const check = hashString(value, ~k);
      const filed = this.scratch;
      filed.length = 0;
      const more = this.table.collect(slot, check, cap, filed);
      this.table.add(slot, check, n);
      // A new version of this application was filed under its own number: not a link.
      const found = filed.filter((m, i) => m !== n && filed.indexOf(m) === i);
      if (found.length === 0) continue;
      identifiers.push({ kind, value, earlier: found.map((m) => this.earlier(m, name)), truncated: more });
      if (!more && this.strong.has(kind)) joins.push(...found);
    }

    const photos = this.linkPhoto(record.applicant.photoHash, n, name, joins);
    const { resumes, truncated: resumesTruncated } = this.linkResume(record, n, name, joins);
    this.endContacts(n);
    for (const m of joins) this.clusters.union(n, m);
    const cluster = joins.length > 0 || this.clusters.infoOf(n).size > 1 ? this.clusterView(n) : undefined;
    const identity = cluster && cluster.size >= 3 ? this.identitySpread(n) : undefined;
    return { id: record.id, source, name, submittedAt: record.submittedAt, identifiers, photos, resumes, ...(resumesTruncated ? { resumesTruncated } : {}), ...(roles.length ? { roles } : {}), ...(cluster ? { cluster } : {}), ...(identity ? { identity } : {}) };
  }

  /** The cluster of an application added earlier (undefined when unknown or alone). */
  clusterOf(id: string, source = ''): ClusterView | undefined {
    const n = this.byId.get(applicationKey(source, id));
    return n === undefined || this.clusters.infoOf(n).size < 2 ? undefined : this.clusterView(n);
  }

  /** Cluster id of every application in a cluster of two or more, with the member ids (for benchmarks and exports). */
  *allClusters(): IterableIterator<{ id: string; members: string[] }> {
    const byRoot = new Map<number, string[]>();
    for (let n = 0; n < this.ids.length; n++) {
      const r = this.clusters.find(n);
      if (this.clusters.infoOf(r).size < 2) continue;
      let list = byRoot.get(r);
      if (!list) byRoot.set(r, (list = []));
      list.push(this.ids[n]!);
    }
    for (const [r, members] of byRoot) yield { id: this.clusterId(r), members };
  }

  private clusterId(n: number): string {
    const first = this.clusters.infoOf(n).first;
    const source = this.sources[first]!;
    return `c-${shortHash(source ? applicationKey(source, this.ids[first]!) : this.ids[first]!)}`;
  }

  private clusterView(n: number): ClusterView {
    const info = this.clusters.infoOf(n);
    const members = [...info.members].reverse().map((m) => ({ id: this.ids[m]!, source: this.sources[m]!, name: this.names[m]!, submittedAt: this.times[m]! }));
    return { id: this.clusterId(n), size: info.size, identities: info.identities.length, members };
  }

  /** Earlier applications holding `value` in the other role (a reference's phone that is an applicant's own, or the reverse): one probe, nothing filed, no cluster joined. */
  private linkRole(kind: IdentifierKind, other: IdentifierKind, value: string, n: number, name: string, out: RoleLink[]): void {
    const k = KIND_SEED[other];
    const filed = this.scratch;
    filed.length = 0;
    const more = this.table.collect(hashString(value, k), hashString(value, ~k), this.config.maxPerIdentifier, filed);
    const found = filed.filter((m, i) => m !== n && filed.indexOf(m) === i);
    if (found.length > 0) out.push({ kind, otherKind: other, value, earlier: found.map((m) => this.earlier(m, name)), truncated: more });
  }

  /** Application m as seen from a new application under `name`. */
  private earlier(m: number, name: string): Earlier {
    return new Earlier(this.ids[m]!, this.sources[m]!, this.names[m]!, this.times[m]!, name, this);
  }

  /**
   * Numbers filed under every key of `keys` ((slot, check) pairs side by side), read before
   * `n` is filed under them, and whether a key held more than maxPerIdentifier (a hub).
   */
  private candidatesOf(keys: Int32Array, n: number): { candidates: Set<number>; truncated: boolean } {
    const filed = this.scratch;
    filed.length = 0;
    let truncated = false;
    for (let b = 0; b < keys.length; b += 2) {
      if (this.table.collect(keys[b]!, keys[b + 1]!, this.config.maxPerIdentifier, filed)) truncated = true;
      this.table.add(keys[b]!, keys[b + 1]!, n);
    }
    return { candidates: new Set(filed), truncated };
  }

  private linkPhoto(hex: string | undefined, n: number, name: string, joins: number[]): PhotoLink[] {
    const hash = parsePhotoHash(hex);
    if (!hash) return [];
    const { candidates } = this.candidatesOf(photoBandKeys(hash, this.config.photoMaxDistance, this.photoKeys), n);
    if (2 * n + 1 >= this.photoBits.length) {
      const grown = new Int32Array(Math.max(2 * n + 2, this.photoBits.length * 2));
      grown.set(this.photoBits);
      this.photoBits = grown;
    }
    this.photoBits[2 * n] = hash.hi;
    this.photoBits[2 * n + 1] = hash.lo;
    const out: PhotoLink[] = [];
    for (const m of candidates) {
      const distance = hamming(hash, { hi: this.photoBits[2 * m]!, lo: this.photoBits[2 * m + 1]! });
      if (distance > this.config.photoMaxDistance || m === n) continue;
      out.push(new EarlierPhoto(this.ids[m]!, this.sources[m]!, this.names[m]!, this.times[m]!, name, this, distance));
      joins.push(m);
    }
    return out;
  }

  private linkResume(record: EnrichedApplication, n: number, name: string, joins: number[]): { resumes: ResumeLink[]; truncated: boolean } {
    const none = { resumes: [], truncated: false };
    if (!record.resumeText) return none;
    const sig = this.minhasher.signature(record.resumeText, resumeIgnoredWords(record));
    if (!sig) return none;
    const { candidates, truncated } = this.candidatesOf(this.minhasher.bandKeys(sig), n);
    const at = this.storeSignature(n, sig);
    const out: ResumeLink[] = [];
    for (const m of candidates) {
      const o = this.sigAt[m]! * SIGNATURE_LENGTH;
      const similarity = signatureSimilarity(this.sigs.subarray(at * SIGNATURE_LENGTH, (at + 1) * SIGNATURE_LENGTH), this.sigs.subarray(o, o + SIGNATURE_LENGTH));
      if (similarity < this.config.resumeThreshold || m === n) continue;
      out.push(new EarlierResume(this.ids[m]!, this.sources[m]!, this.names[m]!, this.times[m]!, name, this, Math.round(similarity * 100) / 100));
      // A template shared by more than the index reads links, but makes no cluster (as a hub identifier).
      if (!truncated) joins.push(m);
      if (out.length === this.config.maxPerIdentifier) return { resumes: out, truncated: true };
    }
    return { resumes: out, truncated };
  }

  private storeContact(fingerprint: number): void {
    if (this.contactCount === this.contacts.length) {
      const c = new Int32Array(this.contacts.length * 2);
      c.set(this.contacts);
      this.contacts = c;
    }
    this.contacts[this.contactCount++] = fingerprint;
  }

  /** An application's contacts are the range [contactStart, contactEnd) of `contacts`; a new version gets a new range. */
  private startContacts(n: number): void {
    if (n >= this.contactEnd.length) {
      const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(Math.max(n + 1, a.length * 2));
        b.set(a);
        return b;
      };
      this.contactStart = grow(this.contactStart);
      this.contactEnd = grow(this.contactEnd);
    }
    this.contactStart[n] = this.contactCount;
  }

  private endContacts(n: number): void {
    this.contactEnd[n] = this.contactCount;
  }

  /** Applications of n's identity among its cluster's members, and how many phones and mailboxes they give. */
  private identitySpread(n: number): IdentitySpread | undefined {
    const name = this.names[n]!;
    const mine = this.clusters.infoOf(n).members.filter((m) => m === n || this.sameIdentity(name, this.names[m]!));
    if (mine.length < 2) return undefined;
    const phones = new Set<number>();
    const mailboxes = new Set<number>();
    for (const m of mine) {
      for (let i = this.contactStart[m]!; i < this.contactEnd[m]!; i++) {
        const fp = this.contacts[i]!;
        (fp & 1 ? mailboxes : phones).add(fp);
      }
    }
    const many = this.config.identityManyContacts;
    if (phones.size < many && mailboxes.size < many) return undefined;
    const applications = [...mine].reverse().map((m) => ({ id: this.ids[m]!, source: this.sources[m]!, name: this.names[m]!, submittedAt: this.times[m]! }));
    return { applications, phones: phones.size, mailboxes: mailboxes.size };
  }

  private storeSignature(n: number, sig: Int32Array): number {
    if (n >= this.sigAt.length) {
      const a = new Int32Array(Math.max(n + 1, this.sigAt.length * 2)).fill(-1);
      a.set(this.sigAt);
      this.sigAt = a;
    }
    if ((this.sigCount + 1) * SIGNATURE_LENGTH > this.sigs.length) {
      const s = new Uint16Array(this.sigs.length * 2);
      s.set(this.sigs);
      this.sigs = s;
    }
    const at = this.sigCount++;
    for (let i = 0; i < SIGNATURE_LENGTH; i++) this.sigs[at * SIGNATURE_LENGTH + i] = sig[i]! >>> 16;
    this.sigAt[n] = at;
    return at;
  }

  private normal(raw: string): NormalName {
    let name = this.nameCache.get(raw);
    if (!name) {
      if (this.nameCache.size > 50_000) this.nameCache.clear();
      name = normaliseName(raw);
      this.nameCache.set(raw, name);
    }
    return name;
  }

  /** Could two names be one person (nicknames, order, romanisation)? Unknown names count as the same. */
  sameIdentity(a: string, b: string): boolean {
    return a === b || samePerson(this.normal(a), this.normal(b)).same;
  }
}

/** The words a resume's signature leaves out: the names of the applicant, the references and the profile. */
export function resumeIgnoredWords(record: EnrichedApplication): string[] {
  const ignore: string[] = [];
  const skipName = (x: NormalName | undefined): void => void (x && ignore.push(...x.tokens, ...x.alternates));
  skipName(record.applicant.name);
  for (const r of record.references) skipName(r.name);
  skipName(record.linkedin?.displayName);
  return ignore;
}

export type { IdentifierKind };
