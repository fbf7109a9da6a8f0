import type { LinkedApplication, PhotoLink, ResumeLink } from './types.js';

/**
 * An earlier application seen through a link. Whether its name could be the
 * new applicant's is decided when first asked: a busy identifier (an IP
 * network) lists up to maxPerIdentifier earlier applications, and most of
 * them are never asked about.
 */
export class Earlier implements LinkedApplication {
  private same: boolean | undefined;

  constructor(
    readonly id: string,
    readonly source: string,
    readonly name: string,
    readonly submittedAt: string,
    private readonly newName: string,
    private readonly judge: { sameIdentity(a: string, b: string): boolean },
  ) {}

  get sameIdentity(): boolean {
    this.same ??= this.judge.sameIdentity(this.newName, this.name);
    return this.same;
  }

  toJSON(): { id: string; source: string; name: string; submittedAt: string; sameIdentity: boolean } {
    return { id: this.id, source: this.source, name: this.name, submittedAt: this.submittedAt, sameIdentity: this.sameIdentity };
  }
}

/** An earlier application whose photo is within the distance. */
export class EarlierPhoto extends Earlier implements PhotoLink {
  constructor(id: string, source: string, name: string, submittedAt: string, newName: string, judge: { sameIdentity(a: string, b: string): boolean }, readonly distance: number) {
    super(id, source, name, submittedAt, newName, judge);
  }

  override toJSON(): ReturnType<Earlier['toJSON']> & { distance: number } {
    return { ...super.toJSON(), distance: this.distance };
  }
}

/** An earlier application whose resume is a near-duplicate. */
export class EarlierResume extends Earlier implements ResumeLink {
  constructor(id: string, source: string, name: string, submittedAt: string, newName: string, judge: { sameIdentity(a: string, b: string): boolean }, readonly similarity: number) {
    super(id, source, name, submittedAt, newName, judge);
  }

  override toJSON(): ReturnType<Earlier['toJSON']> & { similarity: number } {
    return { ...super.toJSON(), similarity: this.similarity };
  }
}
