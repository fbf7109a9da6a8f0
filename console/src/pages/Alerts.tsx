import { api, when } from '../api';
import { useLoad, usePageTitle } from '../hooks';
import { Problem } from '../components/Problem';

interface Alert { subjectKind: string; subjectId: string; signalId: string; evidence: string; firstSeen: string; lastSeen: string; count: number }

/** Post-hire alerts (GET /api/v1/alerts): one per employee or application and signal. */
export function Alerts() {
  usePageTitle('Alerts');
  const { data, error, loading } = useLoad(() => api<{ items: Alert[] }>('GET', '/alerts?limit=500'), 'alerts');
  return (
    <section aria-labelledby="alerts-h">
      <h1 id="alerts-h">Post-hire alerts</h1>
      {error && <Problem error={error} />}
      {loading && !data && <p role="status">Loading…</p>}
      {data && data.items.length === 0 && <p>No alerts. Telemetry posted to <code>/api/v1/telemetry</code> raises them.</p>}
      {data && data.items.length > 0 && (
        <table>
          <caption className="visually-hidden">Alerts, newest first</caption>
          <thead><tr><th scope="col">Subject</th><th scope="col">Signal</th><th scope="col">Evidence</th><th scope="col">Count</th><th scope="col">First seen</th><th scope="col">Last seen</th></tr></thead>
          <tbody>
            {data.items.map((a) => (
              <tr key={`${a.subjectKind}:${a.subjectId}:${a.signalId}`}>
                <td>{a.subjectKind} <code>{a.subjectId}</code></td>
                <td><code>{a.signalId}</code></td>
                <td>{a.evidence}</td>
                <td className="num">{a.count}</td>
                <td>{when(a.firstSeen)}</td>
                <td>{when(a.lastSeen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
