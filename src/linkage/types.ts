import { z } from 'zod';
import type { IdentifierKind } from './identifiers.js';

/** Linkage configuration, declared with its defaults (zod at the boundary). */
export const LinkageConfigSchema = z.object({
  /** Earlier applications read per identifier (newest first); beyond it the identifier is a hub and makes no cluster links. */
  maxPerIdentifier: z.number().int().positive().default(50).describe('earlier applications read per identifier'),
  /** Photo hashes within this many bits of 64 are the same photo. */
  photoMaxDistance: z.number().int().min(0).max(15).default(6).describe('Hamming distance for one photo'),
  /** Estimated Jaccard similarity of resume shingles from which two resumes are near-duplicates. */
  resumeThreshold: z.number().min(0.5).max(1).default(0.8).describe('resume near-duplicate similarity'),
  /** Identifier kinds whose sharing joins two applications into one cluster (photo and resume always do). */
  strongKinds: z
    .array(z.string())
    .default(['phone', 'email', 'device', 'profile', 'address', 'shippingAddress', 'payroll'])
    .describe('identifier kinds that join clusters'),
  /** Distinct phones, or distinct mailboxes, from which one identity within a cluster has too many. */
  identityManyContacts: z.number().int().min(2).default(3).describe('distinct phones or mailboxes of one identity in a cluster'),
  /** Members listed per cluster in a LinkResult (most recent first). */
  clusterMemberCap: z.number().int().positive().default(200).describe('cluster members kept per cluster'),
});
export type LinkageConfig = z.output<typeof LinkageConfigSchema>;
export const DEFAULT_LINKAGE: LinkageConfig = LinkageConfigSchema.parse({});

/** An earlier application seen through a link. */
export interface LinkedApplication {
  readonly id: string;
  /** The ATS or channel it came from ('' when the record names none): an application is its source and id. */
  readonly source: string;
  readonly name: string;
  readonly submittedAt: string;
  /** The two names could be one person (samePerson): an ordinary repeat application. */
  readonly sameIdentity: boolean;
}

export interface IdentifierLink {
  readonly kind: IdentifierKind;
  readonly value: string;
  /** Earlier applications with this identifier, newest first, at most maxPerIdentifier. */
  readonly earlier: readonly LinkedApplication[];
  /** More earlier applications exist than were read (a hub: shared network, template). */
  readonly truncated: boolean;
}

/**
 * A value this application gives in one role (its own phone or mailbox, or a reference's) that earlier
 * applications give in the other role: a reference who is another applicant, or an applicant another one
 * named as a reference. Found by a look-up under the other role's key; it is evidence, not a stored link.
 */
export interface RoleLink {
  /** The role on this application: `phone`, `email`, `referencePhone` or `referenceEmail`. */
  readonly kind: IdentifierKind;
  /** The role on the earlier applications. */
  readonly otherKind: IdentifierKind;
  readonly value: string;
  readonly earlier: readonly LinkedApplication[];
  readonly truncated: boolean;
}

export interface PhotoLink extends LinkedApplication {
  readonly distance: number;
}

export interface ResumeLink extends LinkedApplication {
  readonly similarity: number;
}

export interface ClusterMember {
  readonly id: string;
  readonly source: string;
  readonly name: string;
  readonly submittedAt: string;
}

export interface ClusterView {
  /** "c-" + short hash of the id of the cluster's first application: stable while the cluster grows. */
  readonly id: string;
  /** Applications in the cluster. */
  readonly size: number;
  /** Distinct identities (names that are not samePerson), counted up to 16. */
  readonly identities: number;
  /** Most recent members first, at most clusterMemberCap. */
  readonly members: readonly ClusterMember[];
}

/** One identity (names that are the same person) seen in its cluster with many phones or mailboxes. */
export interface IdentitySpread {
  /** The applications of this identity in the cluster, this one included, most recent first. */
  readonly applications: readonly ClusterMember[];
  readonly phones: number;
  readonly mailboxes: number;
}

/** What adding one application found among the earlier ones. */
export interface LinkResult {
  readonly id: string;
  readonly source: string;
  readonly name: string;
  readonly submittedAt: string;
  readonly identifiers: readonly IdentifierLink[];
  readonly photos: readonly PhotoLink[];
  readonly resumes: readonly ResumeLink[];
  /**
   * A band of the resume's signature is shared by more earlier applications than are read
   * (a template or boilerplate): the resume links listed are the first maxPerIdentifier
   * found, and they join no cluster, as with a hub identifier.
   */
  readonly resumesTruncated?: boolean;
  /** Own contacts given by earlier applications as a reference's, and references' contacts that are earlier applicants' own. */
  readonly roles?: readonly RoleLink[];
  /** Present when the application is linked to at least one other. */
  readonly cluster?: ClusterView;
  /** Present when this application's identity has identityManyContacts or more phones or mailboxes in its cluster. */
  readonly identity?: IdentitySpread;
}
