import { useState, type FormEvent } from 'react';
import { navigate } from './router';

/**
 * A list page's filters and page in its URL (so a filtered list can be bookmarked or
 * shared): the filters applied, a draft the form edits, and cursor paging with the
 * cursors of earlier pages kept as `back` so "Previous page" returns exactly.
 */
export function useFilteredPages<F extends string>(path: string, names: readonly F[], search: URLSearchParams) {
  type Filters = Partial<Record<F, string>>;
  const filters = Object.fromEntries(names.map((f) => [f, search.get(f) ?? undefined]).filter(([, v]) => v)) as Filters;
  const cursor = search.get('cursor') ?? undefined;
  const back = search.getAll('back');
  const [draft, setDraft] = useState<Filters>(filters);

  const go = (next: Filters, page?: { cursor?: string | undefined; back?: string[] }) => {
    const q = new URLSearchParams();
    for (const f of names) if (next[f]) q.set(f, next[f]!);
    if (page?.cursor) q.set('cursor', page.cursor);
    for (const b of page?.back ?? []) q.append('back', b);
    navigate(`${path}${q.toString() ? `?${q}` : ''}`);
  };
  return {
    filters,
    cursor,
    draft,
    /** An onChange for the form field of filter `f`. */
    set: (f: F) => (e: { target: { value: string } }) => setDraft({ ...draft, [f]: e.target.value || undefined }),
    apply: (e: FormEvent) => {
      e.preventDefault();
      go(draft);
    },
    clear: () => {
      setDraft({});
      go({});
    },
    hasPrevious: back.length > 0 || cursor !== undefined,
    previous: () => go(filters, { cursor: back[back.length - 1] || undefined, back: back.slice(0, -1) }),
    next: (nextCursor: string) => go(filters, { cursor: nextCursor, back: [...back, cursor ?? ''] }),
  };
}

/** Previous and next page buttons for a list paged by cursor. */
export function Pager({ pages, nextCursor }: { pages: { hasPrevious: boolean; previous: () => void; next: (cursor: string) => void }; nextCursor: string | undefined }) {
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="secondary" disabled={!pages.hasPrevious} onClick={pages.previous}>Previous page</button>
      <button type="button" className="secondary" disabled={!nextCursor} onClick={() => pages.next(nextCursor!)}>Next page</button>
    </nav>
  );
}
