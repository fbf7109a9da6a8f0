import { readStixObjects, type ReadIndicator } from '../intel/stix-read.js';
import type { HirewatchStore, SharedIndicatorRow } from '../store/index.js';
import type { Actor } from './audit-entry.js';

/**
 * `hirewatch intel pull`: a TAXII 2.1 collection of another organisation's
 * server, fetched page by page (following `next`), its indicators loaded
 * into this organisation's shared watchlist named after the sharer (the
 * producer identity of the objects), keyed or clear as they came, with kind
 * and first/last seen. A pull repeated stores nothing twice (one row per
 * sharer, kind, form and value); in one transaction with its audit entry.
 */
export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';

export interface PullOptions {
  /** The API root URL, e.g. https://intel.example.com/taxii2/acme/ */
  readonly apiRoot: string;
  readonly collection: string;
  readonly apiKey: string;
  /** Objects asked for per page (the server may send fewer). */
  readonly pageSize?: number;
  /** Only objects added after this instant (the collection's date_added). */
  readonly addedAfter?: string;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  /** Largest page accepted, in bytes (default 64 MiB). */
  readonly maxPageBytes?: number;
  /** Most pages followed (default 100,000). */
  readonly maxPages?: number;
}

export interface PullOutcome {
  readonly pages: number;
  readonly objects: number;
  readonly indicators: number;
  readonly added: number;
  readonly refreshed: number;
  readonly failures: { readonly id?: string; readonly message: string }[];
  readonly sharers: string[];
  /** The X-TAXII-Date-Added-Last of the last page: give it as addedAfter next time to fetch only what is new. */
  readonly dateAddedLast?: string;
}

export class PullError extends Error {}

const withSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

async function page(url: URL, options: PullOptions): Promise<{ body: { more?: boolean; next?: string; objects?: unknown[] }; last?: string }> {
  const res = await (options.fetch ?? fetch)(url, { headers: { accept: TAXII_MEDIA_TYPE, authorization: `Bearer ${options.apiKey}` } });
  if (!res.ok) {
    const detail = await res.text().catch(() => '');
    let title = '';
    try {
      title = String((JSON.parse(detail) as { title?: unknown }).title ?? '');
    } catch {
      title = '';
    }
    throw new PullError(`${url.origin}${url.pathname} answered ${res.status}${title ? `: ${title.slice(0, 200)}` : ''}`);
  }
  const type = (res.headers.get('content-type') ?? '').replace(/\s/g, '').toLowerCase();
  if (!type.startsWith('application/taxii+json')) throw new PullError(`${url.origin}${url.pathname} answered ${type || 'no content type'}, not ${TAXII_MEDIA_TYPE}`);
  const text = await res.text();
  if (text.length > (options.maxPageBytes ?? 64 * 1024 * 1024)) throw new PullError('a page is larger than allowed');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new PullError(`${url.origin}${url.pathname} answered with a body that is not JSON`);
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new PullError('the answer is not a TAXII envelope');
  const last = res.headers.get('x-taxii-date-added-last') ?? undefined;
  return { body: body as { more?: boolean; next?: string; objects?: unknown[] }, ...(last ? { last } : {}) };
}

/** Fetch every page of the collection's objects and store its indicators; audited as `actor`. */
export async function pullIntel(store: HirewatchStore, options: PullOptions, actor: Actor): Promise<PullOutcome> {
  const base = new URL(`collections/${encodeURIComponent(options.collection)}/objects/`, withSlash(options.apiRoot));
  const identities = new Map<string, string>();
  const read: ReadIndicator[] = [];
  const failures: PullOutcome['failures'][number][] = [];
  let next: string | undefined;
  let pages = 0;
  let objects = 0;
  let last: string | undefined;
  const seen = new Set<string>();
  do {
    const url = new URL(base);
    url.searchParams.set('limit', String(options.pageSize ?? 1000));
    if (options.addedAfter) url.searchParams.set('added_after', options.addedAfter);
    if (next !== undefined) url.searchParams.set('next', next);
    const got = await page(url, options);
    if (++pages > (options.maxPages ?? 100_000)) throw new PullError('more pages than allowed');
    const list = Array.isArray(got.body.objects) ? got.body.objects : [];
    objects += list.length;
    const outcome = readStixObjects(list);
    for (const [id, name] of outcome.identities) identities.set(id, name);
    read.push(...outcome.indicators);
    failures.push(...outcome.failures);
    if (got.last) last = got.last;
    next = got.body.more === true && typeof got.body.next === 'string' && got.body.next.length > 0 ? got.body.next : undefined;
    if (next !== undefined && seen.has(next)) throw new PullError('the server sent the same next token twice');
    if (next !== undefined) seen.add(next);
  } while (next !== undefined);

  const at = (options.now ?? (() => new Date()))().toISOString();
  const rows: SharedIndicatorRow[] = [];
  for (const i of read) {
    const name = identities.get(i.sharerId);
    if (!name) {
      failures.push({ id: i.objectId, message: `its producer ${i.sharerId} is not among the objects` });
      continue;
    }
    rows.push({
      sharerId: i.sharerId, sharerName: name, collectionId: options.collection, sourceUrl: withSlash(options.apiRoot), kind: i.kind, matchClass: i.matchClass,
      keyed: i.keyed, value: i.value, keyId: i.keyId, firstSeen: i.firstSeen, lastSeen: i.lastSeen, count: i.count, decidedAt: i.decidedAt, objectId: i.objectId,
    });
  }
  const { added, refreshed } = await store.transaction(async (tx) => {
    const counts = await tx.sharedIntel.upsert(rows, at);
    await tx.admin.audit.append({
      actor: actor.actor, action: actor.action,
      detail: { ...(actor.detail ?? {}), apiRoot: withSlash(options.apiRoot), collection: options.collection, indicators: rows.length, ...counts, refused: failures.length },
    });
    return counts;
  });
  const sharers = [...new Set(rows.map((r) => r.sharerName))].sort();
  return { pages, objects, indicators: rows.length, added, refreshed, failures, sharers, ...(last ? { dateAddedLast: last } : {}) };
}
