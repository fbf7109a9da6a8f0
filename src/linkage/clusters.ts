/**
 * Union-find over application numbers (union by size, path halving) with a
 * little bookkeeping per cluster of two or more: its first application, its
 * most recent members and its distinct identities. Kept current as
 * applications arrive; a singleton costs one Int32 slot.
 */
export interface ClusterInfo {
  size: number;
  first: number;
  /** Most recent last, at most `memberCap`. */
  members: number[];
  /** One name per distinct identity, at most MAX_IDENTITIES. */
  identities: string[];
}

export const MAX_IDENTITIES = 16;

export class Clusters {
  private parent = new Int32Array(1024);
  private readonly info = new Map<number, ClusterInfo>();
  private count = 0;

  constructor(
    private readonly memberCap: number,
    private readonly sameIdentity: (a: string, b: string) => boolean,
    private readonly nameOf: (n: number) => string,
  ) {}

  /** Register application `n` (numbers arrive in order 0, 1, 2 ...). */
  push(n: number): void {
    if (n >= this.parent.length) {
      const p = new Int32Array(this.parent.length * 2);
      p.set(this.parent);
      this.parent = p;
    }
    this.parent[n] = n;
    this.count = n + 1;
  }

  get length(): number {
    return this.count;
  }

  find(n: number): number {
    let x = n;
    while (this.parent[x] !== x) {
      const up = this.parent[this.parent[x]!]!;
      this.parent[x] = up;
      x = up;
    }
    return x;
  }

  infoOf(n: number): ClusterInfo {
    const root = this.find(n);
    return this.info.get(root) ?? { size: 1, first: root, members: [root], identities: [this.nameOf(root)] };
  }

  /** Applications in n's cluster (1 alone), without building its info. */
  sizeOf(n: number): number {
    return this.info.get(this.find(n))?.size ?? 1;
  }

  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const ia = this.infoOf(ra);
    const ib = this.infoOf(rb);
    const [big, small, rBig, rSmall] = ia.size >= ib.size ? [ia, ib, ra, rb] : [ib, ia, rb, ra];
    this.parent[rSmall] = rBig;
    this.info.delete(rSmall);
    const identities = [...big.identities];
    for (const name of small.identities) {
      if (identities.length >= MAX_IDENTITIES) break;
      if (!identities.some((k) => this.sameIdentity(k, name))) identities.push(name);
    }
    const members = [...big.members, ...small.members].sort((x, y) => x - y).slice(-this.memberCap);
    this.info.set(rBig, { size: big.size + small.size, first: Math.min(big.first, small.first), members, identities });
  }

  /** Clusters of two or more applications, by root. */
  roots(): IterableIterator<[number, ClusterInfo]> {
    return this.info.entries();
  }
}
