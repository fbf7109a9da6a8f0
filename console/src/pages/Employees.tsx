import { api, day, query, when, type Band } from '../api';
import { useLoad, usePageTitle } from '../hooks';
import { Link } from '../router';
import { Pager, useFilteredPages } from '../filtered-pages';
import { Problem } from '../components/Problem';
import { BandBadge } from '../components/BandBadge';

export interface HiredFrom { id: string; source?: string; name?: string; band?: Band; score?: number }
export interface EmployeeSummary {
  employeeId: string;
  application?: HiredFrom;
  startDate?: string;
  workLocation?: { city?: string; region?: string; country?: string };
  devices: string[];
  lastTelemetryDay?: string;
  alertCount: number;
  lastAlertAt?: string;
}
interface EmployeeList { items: EmployeeSummary[]; nextCursor?: string }

const FILTERS = ['withAlerts', 'sort'] as const;
const PAGE = 25;
const SORTS: Record<string, string> = { alerts: 'most alerts', lastAlert: 'last alert seen', id: 'employee id' };

/**
 * Hired employees known from telemetry (GET /api/v1/employees): filters and sort in the
 * page's URL, paged on the server by cursor, like the queue.
 */
export function Employees({ search }: { search: URLSearchParams }) {
  usePageTitle('Employees');
  const pages = useFilteredPages('/employees', FILTERS, search);
  const { filters, cursor, draft, set, apply, clear } = pages;
  const { data, error, loading } = useLoad(() => api<EmployeeList>('GET', `/employees${query({ ...filters, cursor, limit: PAGE })}`), search.toString());
  const n = data?.items.length ?? 0;

  return (
    <section aria-labelledby="employees-h">
      <h1 id="employees-h">Employees</h1>
      <form className="filters" onSubmit={apply} aria-label="Filter employees">
        <label>Alerts
          <select value={draft.withAlerts ?? ''} onChange={set('withAlerts')}>
            <option value="">any</option><option value="true">with alerts</option><option value="false">without alerts</option>
          </select>
        </label>
        <label>Sort
          <select value={draft.sort ?? ''} onChange={set('sort')}>
            <option value="">most alerts</option><option value="lastAlert">last alert seen</option><option value="id">employee id</option>
          </select>
        </label>
        <div className="filter-actions">
          <button type="submit">Apply filters</button>
          <button type="button" className="secondary" onClick={clear}>Clear</button>
        </div>
      </form>
      {error && <Problem error={error} />}
      <p role="status" className="count">{loading ? 'Loading…' : data ? `${n} employee${n === 1 ? '' : 's'} on this page` : ''}</p>
      {data && n > 0 && (
        <table className="employees">
          <caption className="visually-hidden">Employees, sorted by {SORTS[filters.sort ?? 'alerts']}</caption>
          <thead>
            <tr>
              <th scope="col">Employee</th><th scope="col">Hired from</th><th scope="col">Application band</th><th scope="col">Start</th>
              <th scope="col">Devices</th><th scope="col" className="num">Alerts</th><th scope="col">Last alert</th><th scope="col">Last telemetry</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((e) => (
              <tr key={e.employeeId}>
                <td><Link to={`/employees/${encodeURIComponent(e.employeeId)}`}>{e.employeeId}</Link></td>
                <td>{e.application ? <>{e.application.name ?? ''} <code>{e.application.id}</code></> : <span className="muted">none</span>}</td>
                <td>{e.application?.band ? <BandBadge band={e.application.band} /> : '—'}</td>
                <td>{day(e.startDate)}</td>
                <td>{e.devices.join(', ')}</td>
                <td className="num">{e.alertCount}</td>
                <td>{e.lastAlertAt ? when(e.lastAlertAt) : <span className="muted">none</span>}</td>
                <td>{e.lastTelemetryDay ?? <span className="muted">none</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && n === 0 && <p>No employee matches. Employees come from <code>employee</code> telemetry events.</p>}
      <Pager pages={pages} nextCursor={data?.nextCursor} />
    </section>
  );
}
