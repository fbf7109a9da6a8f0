import { api, ageDays, day, query, type CaseList } from '../api';
import { useLoad, usePageTitle } from '../hooks';
import { Link } from '../router';
import { Pager, useFilteredPages } from '../filtered-pages';
import { Problem } from '../components/Problem';
import { BandBadge } from '../components/BandBadge';

const FILTERS = ['status', 'band', 'family', 'signal', 'assignee', 'olderThanDays', 'sort'] as const;
const FAMILIES = ['identity', 'contact', 'geography', 'education', 'employment', 'references', 'linkage', 'watchlist', 'interview', 'onboarding', 'telemetry', 'profile', 'resume'];
const PAGE = 25;

/**
 * The queue: GET /api/v1/cases with the filters in the page's URL (a filtered queue can
 * be bookmarked or shared), paged on the server by cursor.
 */
export function Queue({ search }: { search: URLSearchParams }) {
  usePageTitle('Queue');
  const pages = useFilteredPages('/queue', FILTERS, search);
  const { filters, cursor, draft, set, apply, clear } = pages;
  const key = search.toString();
  const { data, error, loading } = useLoad(() => api<CaseList>('GET', `/cases${query({ ...filters, cursor, limit: PAGE })}`), key);

  return (
    <section aria-labelledby="queue-h">
      <h1 id="queue-h">Case queue</h1>
      <form className="filters" onSubmit={apply} aria-label="Filter cases">
        <label>Status
          <select value={draft.status ?? ''} onChange={set('status')}>
            <option value="">any</option><option value="open">open</option><option value="verifying">verifying</option><option value="decided">decided</option>
          </select>
        </label>
        <label>Band
          <select value={draft.band ?? ''} onChange={set('band')}>
            <option value="">any</option><option value="hold">hold</option><option value="review">review</option>
          </select>
        </label>
        <label>Family
          <select value={draft.family ?? ''} onChange={set('family')}>
            <option value="">any</option>
            {FAMILIES.map((f) => <option key={f} value={f}>{f}</option>)}
          </select>
        </label>
        <label>Signal
          <input value={draft.signal ?? ''} onChange={set('signal')} placeholder="e.g. linkage.shared_phone" />
        </label>
        <label>Assignee
          <input value={draft.assignee ?? ''} onChange={set('assignee')} />
        </label>
        <label>Older than (days)
          <input type="number" min={0} value={draft.olderThanDays ?? ''} onChange={set('olderThanDays')} />
        </label>
        <label>Sort
          <select value={draft.sort ?? ''} onChange={set('sort')}>
            <option value="">priority</option><option value="due">due date</option><option value="opened">opened</option>
          </select>
        </label>
        <div className="filter-actions">
          <button type="submit">Apply filters</button>
          <button type="button" className="secondary" onClick={clear}>Clear</button>
        </div>
      </form>
      {error && <Problem error={error} />}
      <p role="status" className="count">
        {loading ? 'Loading…' : data ? `${data.total ?? data.cases.length} case${(data.total ?? data.cases.length) === 1 ? '' : 's'}` : ''}
      </p>
      {data && data.cases.length > 0 && (
        <table className="queue">
          <caption className="visually-hidden">Cases, {filters.sort ?? 'priority'} order</caption>
          <thead>
            <tr>
              <th scope="col">Case</th><th scope="col">Subject</th><th scope="col">Band</th><th scope="col">Score</th><th scope="col">Priority</th>
              <th scope="col">Members</th><th scope="col">Families</th><th scope="col">Status</th><th scope="col">Assignee</th><th scope="col">Age</th><th scope="col">Due</th>
            </tr>
          </thead>
          <tbody>
            {data.cases.map((c) => (
              <tr key={c.id}>
                <td><Link to={`/cases/${encodeURIComponent(c.id)}`}>{c.id}</Link></td>
                <td>{c.subject.name ?? c.subject.applicationIds[0]}{c.subject.kind === 'ring' ? <span className="tag">ring</span> : null}{c.subject.kind === 'employee' ? <span className="tag">employee</span> : null}</td>
                <td><BandBadge band={c.band} /></td>
                <td className="num">{c.score}</td>
                <td className="num">{Math.round(c.priority)}</td>
                <td className="num">{c.memberCount}</td>
                <td>{c.families.join(', ')}</td>
                <td>{c.status}</td>
                <td>{c.assignee ?? <span className="muted">unassigned</span>}</td>
                <td className="num">{ageDays(c.openedAt)} d</td>
                <td>{day(c.dueAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && data.cases.length === 0 && <p>No case matches these filters.</p>}
      <Pager pages={pages} nextCursor={data?.nextCursor} />
    </section>
  );
}
