import { z } from 'zod';
import { INDICATOR_KINDS, type IndicatorKind } from './indicators.js';
import { MATCH_CLASS } from './sharing.js';
import { HIREWATCH_EXTENSION_ID } from './stix.js';

/**
 * Shared indicators read back from STIX 2.1 objects (a TAXII envelope's
 * `objects`, a bundle's): each `indicator` carrying the x-hirewatch property
 * extension (stix.ts) becomes one watchlist entry; its producer is the
 * `identity` its `created_by_ref` names. Everything is checked with zod
 * before it is used: the kind and its match class agree, a keyed value is 64
 * hex digits, a clear one is a short single line; anything else is a
 * failure with its reason, never stored. Pure.
 */
export const MAX_VALUE_LENGTH = 512;
const STIX_ID = /^[a-z][a-z0-9-]*--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const stixId = (type: string) => z.string().max(300).regex(STIX_ID).refine((s) => s.startsWith(`${type}--`), `a ${type} id`);
const seen = z.string().min(1).max(40);

const DecisionSchema = z.object({ case_ref: z.string().max(200), outcome: z.literal('confirmed_fraud'), decided_at: z.string().max(40), ring: z.boolean() });

export const HirewatchExtensionSchema = z.object({
  extension_type: z.literal('property-extension'),
  kind: z.enum(INDICATOR_KINDS),
  match_class: z.string().max(20),
  hmac_sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  key_id: z.string().regex(/^[0-9a-f]{16}$/).optional(),
  value: z.string().min(1).max(MAX_VALUE_LENGTH).regex(/^[^\n\r\0]*$/).optional(),
  first_seen: seen,
  last_seen: seen,
  count: z.number().int().min(1).max(1_000_000_000),
  decisions: z.array(DecisionSchema).max(1000),
}).refine((e) => (e.hmac_sha256 === undefined) !== (e.value === undefined), 'exactly one of hmac_sha256 and value')
  .refine((e) => e.hmac_sha256 === undefined || e.key_id !== undefined, 'a keyed value names its key_id')
  .refine((e) => MATCH_CLASS.get(e.kind) === e.match_class, 'match_class is the kind\'s');

export const IndicatorObjectSchema = z.object({
  type: z.literal('indicator'),
  spec_version: z.literal('2.1'),
  id: stixId('indicator'),
  created_by_ref: stixId('identity'),
  created: z.string().max(40),
  modified: z.string().max(40),
  pattern: z.string().max(2000),
  pattern_type: z.literal('stix'),
  extensions: z.object({ [HIREWATCH_EXTENSION_ID]: HirewatchExtensionSchema }),
});

const IdentitySchema = z.object({ type: z.literal('identity'), id: stixId('identity'), name: z.string().min(1).max(200).regex(/^[^\n\r\0]*$/) });

/** One indicator as read: the form the store keeps (sharer named separately). */
export interface ReadIndicator {
  readonly objectId: string;
  readonly sharerId: string;
  readonly modified: string;
  readonly kind: IndicatorKind;
  readonly matchClass: string;
  readonly keyed: boolean;
  readonly value: string;
  readonly keyId?: string | undefined;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly count: number;
  readonly decidedAt?: string | undefined;
}

export interface ReadOutcome {
  readonly indicators: ReadIndicator[];
  /** Producers named in these objects: identity id to name. */
  readonly identities: Map<string, string>;
  /** Objects that were not what they claimed, by id where one could be read. */
  readonly failures: { readonly id?: string; readonly message: string }[];
  /** Objects of other types (markings, relationships, groupings ...): read, not kept. */
  readonly ignored: number;
}

/** Read STIX objects; `indicatorsOnly` makes any other type a failure (what a write accepts). */
export function readStixObjects(objects: readonly unknown[], options: { readonly indicatorsOnly?: boolean } = {}): ReadOutcome {
  const out: ReadOutcome = { indicators: [], identities: new Map(), failures: [], ignored: 0 };
  let ignored = 0;
  for (const o of objects) {
    const type = o && typeof o === 'object' ? (o as { type?: unknown }).type : undefined;
    const id = o && typeof o === 'object' && typeof (o as { id?: unknown }).id === 'string' ? String((o as { id: string }).id).slice(0, 300) : undefined;
    const fail = (message: string): void => void out.failures.push({ ...(id ? { id } : {}), message });
    if (type === 'indicator') {
      const parsed = IndicatorObjectSchema.safeParse(o, { reportInput: false });
      if (!parsed.success) {
        fail(parsed.error.issues.slice(0, 2).map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        continue;
      }
      const x = parsed.data.extensions[HIREWATCH_EXTENSION_ID];
      const decidedAt = x.decisions.map((d) => d.decided_at).sort().at(-1);
      out.indicators.push({
        objectId: parsed.data.id, sharerId: parsed.data.created_by_ref, modified: parsed.data.modified, kind: x.kind, matchClass: x.match_class,
        keyed: x.hmac_sha256 !== undefined, value: x.hmac_sha256 ?? x.value!, keyId: x.key_id, firstSeen: x.first_seen, lastSeen: x.last_seen,
        count: x.count, ...(decidedAt ? { decidedAt } : {}),
      });
    } else if (options.indicatorsOnly) {
      fail('only indicator objects are accepted');
    } else if (type === 'identity') {
      const parsed = IdentitySchema.safeParse(o, { reportInput: false });
      if (parsed.success) out.identities.set(parsed.data.id, parsed.data.name);
      else fail('an identity needs an id and a one-line name');
    } else {
      ignored++;
    }
  }
  return { ...out, ignored };
}
