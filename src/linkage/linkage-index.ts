import { samePerson } from '../match/same-person.js';
import type { EnrichedApplication } from '../normalise/application.js';
import { normaliseName, type NormalName } from '../normalise/name.js';
import { Clusters } from './clusters.js';
import { Earlier, EarlierPhoto, EarlierResume } from './earlier.js';
import { applicationKey, FiledApplications } from './filed-applications.js';
import { hashStringPair, shortHash } from './hash.js';
import { IDENTIFIER_KINDS, identifiersOf, type Identifier, type IdentifierKind, type LinkExtras } from './identifiers.js';
import { MinHasher, signatureSimilarity } from './minhash.js';
import { hamming, parsePhotoHash, photoBandKeys } from './photo.js';
import { PostingTable } from './posting-table.js';
import { DEFAULT_LINKAGE, LinkageConfigSchema, type ClusterView, type IdentifierLink, type IdentitySpread, type LinkageConfig, type LinkResult, type PhotoLink, type ResumeLink, type RoleLink } from './types.js';

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
 * the submission time and a 64-byte resume signature (the high 16 bits of each
 * MinHash), in typed arrays and plain arrays (filed-applications.ts).
 */
export class LinkageIndex {
  readonly config: LinkageConfig;
  private readonly table = new PostingTable(1 << 18);
  private readonly filed = new FiledApplications();
  private readonly photoKeys = new Int32Array(32);
  /** Per identifier of the application being added: its (slot, check) fingerprint halves, and its other role's (its own again when it has none). */
  private keys = new Int32Array(64);
  /** What the table's touch read (kept, so that the reads stay). */
  private touched = 0;
  private readonly minhasher = new MinHasher();
  /** Numbers read from the table, reused by every look-up. */
  private readonly scratch: number[] = [];
  private readonly clusters: Clusters;
  private readonly strong: ReadonlySet<string>;
  private readonly nameCache = new Map<string, NormalName>();

  constructor(config: Partial<LinkageConfig> = {}) {
    this.config = LinkageConfigSchema.parse({ ...DEFAULT_LINKAGE, ...config });
    this.strong = new Set(this.config.strongKinds);
    this.clusters = new Clusters(this.config.clusterMemberCap, (a, b) => this.sameIdentity(a, b), (n) => this.filed.name(n));
  }

  get size(): number {
    return this.filed.size;
  }

  /** The identifiers the last application added was filed under (canonical values), for look-ups beside the index (shared indicators). */
  lastIdentifiers: readonly Identifier[] = [];

  /** Links of a new application to all earlier ones; files it; updates its cluster. */
  add(record: EnrichedApplication, extras?: LinkExtras): LinkResult {
    // A new version of an application already filed keeps its number: it is one application, counted once.
    // An application is its source and its id: the same id from two ATS sources is two applications.
    const source = record.source ?? '';
    const name = record.applicant.name.raw;
    const { n, isNew } = this.filed.file(source, record.id, name, record.submittedAt);
    if (isNew) this.clusters.push(n);
    this.filed.startContacts(n);
    const cap = this.config.maxPerIdentifier;
    const joins: number[] = [];

    const identifiers: IdentifierLink[] = [];
    const roles: RoleLink[] = [];
    const filedUnder = identifiersOf(record, extras);
    this.lastIdentifiers = filedUnder;
    const keys = this.keysOf(filedUnder);
    this.touched = this.table.touch(keys, 4 * filedUnder.length);
    for (let i = 0; i < filedUnder.length; i++) {
      const { kind, value } = filedUnder[i]!;
      const other = OTHER_ROLE[kind];
      if (other) this.linkRole(kind, other, value, keys[4 * i + 2]!, keys[4 * i + 3]!, n, name, roles);
      const slot = keys[4 * i]!;
      const check = keys[4 * i + 1]!;
      if (kind === 'phone' || kind === 'email') this.filed.storeContact((slot & ~1) | (kind === 'email' ? 1 : 0));
      const filed = this.scratch;
      filed.length = 0;
      const more = this.table.collect(slot, check, cap, filed);
      this.table.add(slot, check, n);
      if (filed.length === 0) continue;
      // A new version of this application was filed under its own number: not a link.
      const found = filed.filter((m, i) => m !== n && filed.indexOf(m) === i);
      if (found.length === 0) continue;
      identifiers.push({ kind, value, earlier: found.map((m) => this.earlier(m, name)), truncated: more });
      if (!more && this.strong.has(kind)) joins.push(...found);
    }

    const photos = this.linkPhoto(record.applicant.photoHash, n, name, joins);
    const { resumes, truncated: resumesTruncated } = this.linkResume(record, n, name, joins);
    this.filed.endContacts(n);
    for (const m of joins) this.clusters.union(n, m);
    const cluster = joins.length > 0 || this.clusters.sizeOf(n) > 1 ? this.clusterView(n) : undefined;
    const identity = cluster && cluster.size >= 3 ? this.identitySpread(n) : undefined;
    return { id: record.id, source, name, submittedAt: record.submittedAt, identifiers, photos, resumes, ...(resumesTruncated ? { resumesTruncated } : {}), ...(roles.length ? { roles } : {}), ...(cluster ? { cluster } : {}), ...(identity ? { identity } : {}) };
  }

  /** The cluster of an application added earlier (undefined when unknown or alone). */
  clusterOf(id: string, source = ''): ClusterView | undefined {
    const n = this.filed.numberOf(source, id);
    return n === undefined || this.clusters.sizeOf(n) < 2 ? undefined : this.clusterView(n);
  }

  /**
   * The whole clusters (two or more applications) of the given applications,
   * by cluster id, each member in order of filing (`filed`: its position,
   * from 0): one pass over the index.
   */
  clustersWith(refs: Iterable<{ readonly id: string; readonly source?: string | undefined }>): Map<string, { id: string; source: string; filed: number }[]> {
    const roots = new Set<number>();
    for (const r of refs) {
      const n = this.filed.numberOf(r.source ?? '', r.id);
      if (n !== undefined && this.clusters.sizeOf(n) >= 2) roots.add(this.clusters.find(n));
    }
    const byRoot = new Map<number, { id: string; source: string; filed: number }[]>();
    for (let n = 0; roots.size > 0 && n < this.filed.size; n++) {
      const r = this.clusters.find(n);
      if (!roots.has(r)) continue;
      let list = byRoot.get(r);
      if (!list) byRoot.set(r, (list = []));
      list.push({ id: this.filed.id(n), source: this.filed.source(n), filed: n });
    }
    return new Map([...byRoot].map(([r, members]) => [this.clusterId(r), members]));
  }

  /** Cluster id of every application in a cluster of two or more, with the member ids (for benchmarks and exports). */
  *allClusters(): IterableIterator<{ id: string; members: string[] }> {
    const byRoot = new Map<number, string[]>();
    for (let n = 0; n < this.filed.size; n++) {
      const r = this.clusters.find(n);
      if (this.clusters.sizeOf(r) < 2) continue;
      let list = byRoot.get(r);
      if (!list) byRoot.set(r, (list = []));
      list.push(this.filed.id(n));
    }
    for (const [r, members] of byRoot) yield { id: this.clusterId(r), members };
  }

  private clusterId(n: number): string {
    const first = this.clusters.infoOf(n).first;
    const source = this.filed.source(first);
    const id = this.filed.id(first);
    return `c-${shortHash(source ? applicationKey(source, id) : id)}`;
  }

  private clusterView(n: number): ClusterView {
    const info = this.clusters.infoOf(n);
    const members = [...info.members].reverse().map((m) => this.filed.member(m));
    return { id: this.clusterId(n), size: info.size, identities: info.identities.length, members };
  }

  /** The fingerprint halves of each identifier, and of its other role (its own again when it has none): four numbers an identifier, in `keys`. */
  private keysOf(identifiers: readonly Identifier[]): Int32Array {
    if (this.keys.length < 4 * identifiers.length) this.keys = new Int32Array(4 * identifiers.length);
    const keys = this.keys;
    for (let i = 0; i < identifiers.length; i++) {
      const { kind, value } = identifiers[i]!;
      hashStringPair(value, KIND_SEED[kind], keys, 4 * i);
      const other = OTHER_ROLE[kind];
      if (other) {
        hashStringPair(value, KIND_SEED[other], keys, 4 * i + 2);
      } else {
        keys[4 * i + 2] = keys[4 * i]!;
        keys[4 * i + 3] = keys[4 * i + 1]!;
      }
    }
    return keys;
  }

  /** Earlier applications holding `value` in the other role (a reference's phone that is an applicant's own, or the reverse): one probe, nothing filed, no cluster joined. */
  private linkRole(kind: IdentifierKind, other: IdentifierKind, value: string, slot: number, check: number, n: number, name: string, out: RoleLink[]): void {
    const filed = this.scratch;
    filed.length = 0;
    const more = this.table.collect(slot, check, this.config.maxPerIdentifier, filed);
    if (filed.length === 0) return;
    const found = filed.filter((m, i) => m !== n && filed.indexOf(m) === i);
    if (found.length > 0) out.push({ kind, otherKind: other, value, earlier: found.map((m) => this.earlier(m, name)), truncated: more });
  }

  /** Application m as seen from a new application under `name`. */
  private earlier(m: number, name: string): Earlier {
    const f = this.filed;
    return new Earlier(f.id(m), f.source(m), f.name(m), f.submittedAt(m), name, this);
  }

  /**
   * Numbers filed under every key of `keys` ((slot, check) pairs side by side), read before
   * `n` is filed under them, and whether a key held more than maxPerIdentifier (a hub).
   */
  private candidatesOf(keys: Int32Array, n: number): { candidates: Set<number>; truncated: boolean } {
    const filed = this.scratch;
    filed.length = 0;
    let truncated = false;
    this.touched = this.table.touch(keys);
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
    const f = this.filed;
    f.storePhoto(n, hash);
    const out: PhotoLink[] = [];
    for (const m of candidates) {
      const distance = hamming(hash, f.photoOf(m));
      if (distance > this.config.photoMaxDistance || m === n) continue;
      out.push(new EarlierPhoto(f.id(m), f.source(m), f.name(m), f.submittedAt(m), name, this, distance));
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
    const f = this.filed;
    const at = f.storeSignature(n, sig);
    const out: ResumeLink[] = [];
    for (const m of candidates) {
      const similarity = signatureSimilarity(f.signatureAt(at), f.signatureOf(m));
      if (similarity < this.config.resumeThreshold || m === n) continue;
      out.push(new EarlierResume(f.id(m), f.source(m), f.name(m), f.submittedAt(m), name, this, Math.round(similarity * 100) / 100));
      // A template shared by more than the index reads links, but makes no cluster (as a hub identifier).
      if (!truncated) joins.push(m);
      if (out.length === this.config.maxPerIdentifier) return { resumes: out, truncated: true };
    }
    return { resumes: out, truncated };
  }

  /** Applications of n's identity among its cluster's members, and how many phones and mailboxes they give. */
  private identitySpread(n: number): IdentitySpread | undefined {
    const f = this.filed;
    const name = f.name(n);
    const mine = this.clusters.infoOf(n).members.filter((m) => m === n || this.sameIdentity(name, f.name(m)));
    if (mine.length < 2) return undefined;
    const phones = new Set<number>();
    const mailboxes = new Set<number>();
    for (const m of mine) f.contactsOf(m, phones, mailboxes);
    const many = this.config.identityManyContacts;
    if (phones.size < many && mailboxes.size < many) return undefined;
    const applications = [...mine].reverse().map((m) => f.member(m));
    return { applications, phones: phones.size, mailboxes: mailboxes.size };
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
