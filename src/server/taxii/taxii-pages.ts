import { z } from 'zod';
import type { CollectionObject } from '../../service/taxii.js';

/**
 * Filtering and paging of a TAXII collection (TAXII 2.1 "Get Objects"):
 * objects in date_added order (then id); `added_after` keeps those added
 * strictly after an instant; `match[id]`, `match[type]`, `match[version]`
 * (first, last, all or a timestamp; each object has one version here) and
 * `match[spec_version]` filter; `limit` bounds a page and `next` (an opaque
 * token naming the last object sent) continues after it, so a page boundary
 * holds even when objects are added meanwhile.
 */
export const MAX_PAGE = 10_000;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const list = (max: number) => z.string().max(max).transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean));

export const TaxiiQuerySchema = z.object({
  added_after: z.string().regex(TIMESTAMP, 'a timestamp such as 2026-01-31T00:00:00.000Z').optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(1000),
  next: z.string().max(400).regex(/^[A-Za-z0-9_-]+$/).optional(),
  'match[id]': list(10_000).optional(),
  'match[type]': list(2000).optional(),
  'match[version]': list(2000).optional(),
  'match[spec_version]': list(100).optional(),
}).strict();
export type TaxiiQuery = z.output<typeof TaxiiQuerySchema>;

export const nextToken = (o: CollectionObject): string => Buffer.from(`${o.dateAdded}\u0000${o.object.id}`, 'utf8').toString('base64url');

function after(token: string): { dateAdded: string; id: string } | undefined {
  const [dateAdded, id] = Buffer.from(token, 'base64url').toString('utf8').split('\u0000');
  return dateAdded && id ? { dateAdded, id } : undefined;
}

export interface Page {
  readonly items: CollectionObject[];
  readonly more: boolean;
  readonly next?: string;
  /** Objects matching the filters, on every page. */
  readonly matched: number;
}

export function pageOf(all: readonly CollectionObject[], query: TaxiiQuery, objectId?: string): Page {
  const ids = objectId !== undefined ? new Set([objectId]) : query['match[id]'] ? new Set(query['match[id]']) : undefined;
  const types = query['match[type]'] ? new Set(query['match[type]']) : undefined;
  const versions = query['match[version]']?.filter((v) => !['first', 'last', 'all'].includes(v));
  const specs = query['match[spec_version]'];
  const addedAfter = query.added_after ? Date.parse(query.added_after) : undefined;
  const from = query.next ? after(query.next) : undefined;
  if (query.next && !from) return { items: [], more: false, matched: 0 };
  const matching = all.filter((o) => (!ids || ids.has(o.object.id))
    && (!types || types.has(o.object.type))
    && (!versions || versions.length === 0 || versions.some((v) => Date.parse(v) === Date.parse(o.version)))
    && (!specs || specs.includes(String(o.object.spec_version ?? '2.1')))
    && (addedAfter === undefined || Date.parse(o.dateAdded) > addedAfter));
  const start = from ? matching.findIndex((o) => o.dateAdded > from.dateAdded || (o.dateAdded === from.dateAdded && o.object.id > from.id)) : 0;
  const rest = start < 0 ? [] : matching.slice(start);
  const items = rest.slice(0, query.limit);
  const more = rest.length > items.length;
  return { items, more, ...(more ? { next: nextToken(items.at(-1)!) } : {}), matched: matching.length };
}
