import { hashString } from './hash.js';
import { SIGNATURE_LENGTH } from './minhash.js';
import type { PhotoHash } from './photo.js';
import type { ClusterMember } from './types.js';

/** The key of an application in maps and cluster ids: its source and id, unambiguous. */
export const applicationKey = (source: string, id: string): string => `${source}\u0000${id}`;

/**
 * What the linkage index keeps of each application it filed, by number
 * (0, 1, 2 ... in order of arrival): its id, source, name as written and
 * submission time, its resume signature (the high 16 bits of each MinHash),
 * its photo hash and the fingerprints of its phones and mailboxes. Sources are
 * few (the ATSs an organisation uses): each is kept once and an application
 * holds its number. An application is found by its source and id through a
 * typed-array hash table of (hash, number) pairs that the garbage collector
 * never walks, without building or keeping a key string per application.
 */
export class FiledApplications {
  private readonly ids: string[] = [];
  private readonly names: string[] = [];
  private readonly times: string[] = [];
  private sourceOf = new Int32Array(1024);
  private readonly sourceNames: string[] = [];
  private readonly sourceNumbers = new Map<string, number>();
  /** Open addressing (linear probing): (hash of source and id, application number + 1) pairs; 0 is a free slot. */
  private byId = new Int32Array(2 * 1024);
  private sigs = new Uint16Array(1024 * SIGNATURE_LENGTH);
  private sigAt = new Int32Array(1024);
  private sigCount = 0;
  /** Photo hash of application n: photoBits[2n] (high half), photoBits[2n + 1] (low half); read only for applications filed with one. */
  private photoBits = new Int32Array(2048);
  /** Fingerprints of each application's phones and mailboxes (low bit: 0 phone, 1 mailbox), for one identity's spread. */
  private contacts = new Int32Array(4096);
  private contactStart = new Int32Array(1024);
  private contactEnd = new Int32Array(1024);
  private contactCount = 0;

  get size(): number {
    return this.ids.length;
  }

  /** The number of an application filed before (undefined when unknown). */
  numberOf(source: string, id: string): number | undefined {
    const s = this.sourceNumbers.get(source);
    if (s === undefined) return undefined;
    const n = this.byId[this.slotOf(s, id, idHash(s, id)) + 1]! - 1;
    return n < 0 ? undefined : n;
  }

  /** Where (source s, id) is in byId, or the free slot where it goes. */
  private slotOf(s: number, id: string, hash: number): number {
    const byId = this.byId;
    const mask = (byId.length >> 1) - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const n = byId[2 * i + 1]! - 1;
      if (n < 0 || (byId[2 * i] === hash && this.sourceOf[n] === s && this.ids[n] === id)) return 2 * i;
    }
  }

  /** byId twice the size, every application refiled (at most half full). */
  private growById(): void {
    const old = this.byId;
    this.byId = new Int32Array(old.length * 2);
    const mask = (this.byId.length >> 1) - 1;
    for (let at = 0; at < old.length; at += 2) {
      if (old[at + 1] === 0) continue;
      let i = old[at]! & mask;
      while (this.byId[2 * i + 1] !== 0) i = (i + 1) & mask;
      this.byId[2 * i] = old[at]!;
      this.byId[2 * i + 1] = old[at + 1]!;
    }
  }

  /**
   * Files an application: a new one gets the next number; a new version of one
   * already filed keeps its number (it is one application, counted once), with
   * its name and time replaced. Returns its number and whether it is new.
   */
  file(source: string, id: string, name: string, submittedAt: string): { n: number; isNew: boolean } {
    let s = this.sourceNumbers.get(source);
    if (s === undefined) {
      s = this.sourceNames.length;
      this.sourceNames.push(source);
      this.sourceNumbers.set(source, s);
    }
    const hash = idHash(s, id);
    let slot = this.slotOf(s, id, hash);
    const known = this.byId[slot + 1]! - 1;
    if (known >= 0) {
      this.names[known] = name;
      this.times[known] = submittedAt;
      return { n: known, isNew: false };
    }
    const n = this.ids.length;
    if (2 * (n + 1) > this.byId.length >> 1) {
      this.growById();
      slot = this.slotOf(s, id, hash);
    }
    this.ids.push(id);
    this.names.push(name);
    this.times.push(submittedAt);
    if (n >= this.sourceOf.length) this.sourceOf = grown(this.sourceOf, n + 1);
    this.sourceOf[n] = s;
    this.byId[slot] = hash;
    this.byId[slot + 1] = n + 1;
    return { n, isNew: true };
  }

  id(n: number): string {
    return this.ids[n]!;
  }

  source(n: number): string {
    return this.sourceNames[this.sourceOf[n]!]!;
  }

  name(n: number): string {
    return this.names[n]!;
  }

  submittedAt(n: number): string {
    return this.times[n]!;
  }

  member(n: number): ClusterMember {
    return { id: this.ids[n]!, source: this.source(n), name: this.names[n]!, submittedAt: this.times[n]! };
  }

  /** Keeps the high 16 bits of each value of application n's signature; returns where it is kept. */
  storeSignature(n: number, sig: Int32Array): number {
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

  /** A signature as stored by storeSignature (`at`), or application m's latest (`signatureOf`). */
  signatureAt(at: number): Uint16Array {
    return this.sigs.subarray(at * SIGNATURE_LENGTH, (at + 1) * SIGNATURE_LENGTH);
  }

  signatureOf(m: number): Uint16Array {
    return this.signatureAt(this.sigAt[m]!);
  }

  storePhoto(n: number, hash: PhotoHash): void {
    if (2 * n + 1 >= this.photoBits.length) this.photoBits = grown(this.photoBits, 2 * n + 2);
    this.photoBits[2 * n] = hash.hi;
    this.photoBits[2 * n + 1] = hash.lo;
  }

  photoOf(m: number): PhotoHash {
    return { hi: this.photoBits[2 * m]!, lo: this.photoBits[2 * m + 1]! };
  }

  /** An application's contacts are the range [contactStart, contactEnd) of `contacts`; a new version gets a new range. */
  startContacts(n: number): void {
    if (n >= this.contactEnd.length) {
      this.contactStart = grown(this.contactStart, n + 1);
      this.contactEnd = grown(this.contactEnd, n + 1);
    }
    this.contactStart[n] = this.contactCount;
  }

  storeContact(fingerprint: number): void {
    if (this.contactCount === this.contacts.length) this.contacts = grown(this.contacts, this.contactCount + 1);
    this.contacts[this.contactCount++] = fingerprint;
  }

  endContacts(n: number): void {
    this.contactEnd[n] = this.contactCount;
  }

  /** Adds application m's contact fingerprints to `phones` and `mailboxes`. */
  contactsOf(m: number, phones: Set<number>, mailboxes: Set<number>): void {
    for (let i = this.contactStart[m]!; i < this.contactEnd[m]!; i++) {
      const fp = this.contacts[i]!;
      (fp & 1 ? mailboxes : phones).add(fp);
    }
  }
}

/** The hash of an application's id within its source (by number). */
const idHash = (s: number, id: string): number => hashString(id, 0x2545f491 + s) | 0;

/** `a` copied into an array at least `least` long (twice as long, or more). */
function grown(a: Int32Array<ArrayBuffer>, least: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(least, a.length * 2));
  b.set(a);
  return b;
}
