import { api, query, when } from '../api';
import { useLoad, usePageTitle } from '../hooks';
import { Link } from '../router';
import { Problem } from '../components/Problem';
import { BandBadge } from '../components/BandBadge';
import type { EmployeeSummary } from './Employees';

interface DeviceDay {
  day: string; events: number; activeHours: number; keystrokeSamples: number; minRttMs?: number;
  processes: { name: string; events: number }[]; usb: { id: string; product: string; events: number }[]; loginIps: string[]; displays: number;
}
interface EmployeeDetail extends EmployeeSummary {
  deviceDays: { deviceId: string; lastDay?: string; days: DeviceDay[] }[];
  alerts: { subjectKind: string; subjectId: string; signalId: string; evidence: string; firstSeen: string; lastSeen: string; count: number }[];
  cases: { id: string; status: string; band: string; score: number; openedAt: string; decidedAt?: string }[];
}

/** One employee (GET /api/v1/employees/:id): facts, alerts with their evidence, cases, devices and their stored days. */
export function EmployeePage({ id }: { id: string }) {
  usePageTitle(`Employee ${id}`);
  const { data: e, error } = useLoad(() => api<EmployeeDetail>('GET', `/employees/${encodeURIComponent(id)}`), id);
  const crumbs = <p className="crumbs"><Link to="/employees">Employees</Link> › {id}</p>;
  if (error) return <section>{crumbs}<h1>Employee {id}</h1><Problem error={error} /></section>;
  if (!e) return <p role="status">Loading employee…</p>;
  const app = e.application;
  const where = [e.workLocation?.city, e.workLocation?.region, e.workLocation?.country].filter(Boolean).join(', ');
  return (
    <article aria-labelledby="employee-h">
      {crumbs}
      <h1 id="employee-h">Employee {e.employeeId}{app?.name ? ` · ${app.name}` : ''}</h1>
      <section aria-labelledby="facts-h" className="panel">
        <h2 id="facts-h">Summary</h2>
        <dl className="facts">
          <div><dt>Start date</dt><dd>{e.startDate ?? '—'}</dd></div>
          <div><dt>Work location</dt><dd>{where || '—'}</dd></div>
          <div><dt>Devices</dt><dd>{e.devices.join(', ') || '—'}</dd></div>
          <div><dt>Last telemetry</dt><dd>{e.lastTelemetryDay ?? 'none'}</dd></div>
          <div><dt>Hired from</dt><dd>{app
            ? <><a href={`/api/v1/applications/${encodeURIComponent(app.id)}${query({ source: app.source })}`}>application {app.id}</a>{app.source ? ` (${app.source})` : ''}</>
            : 'no application'}</dd></div>
          <div><dt>Application band (latest screening)</dt><dd>{app?.band ? <><BandBadge band={app.band} /> {app.score}</> : '—'}</dd></div>
          <div><dt>Alerts</dt><dd>{e.alertCount}</dd></div>
          <div><dt>Case</dt><dd>{e.cases.length === 0 ? 'none' : e.cases.map((c, i) => (
            <span key={c.id}>{i > 0 ? ', ' : ''}<Link to={`/cases/${encodeURIComponent(c.id)}`}>{c.id}</Link> ({c.status})</span>
          ))}</dd></div>
        </dl>
      </section>
      <section aria-labelledby="alerts-h" className="panel">
        <h2 id="alerts-h">Alerts and evidence</h2>
        {e.alerts.length === 0 ? <p>No alert on this employee.</p> : (
          <table className="employee-alerts">
            <caption className="visually-hidden">Alerts of employee {e.employeeId}, most recent first</caption>
            <thead><tr><th scope="col">Signal</th><th scope="col">Evidence</th><th scope="col" className="num">Count</th><th scope="col">First seen</th><th scope="col">Last seen</th></tr></thead>
            <tbody>
              {e.alerts.map((a) => (
                <tr key={`${a.subjectKind}:${a.signalId}`}>
                  <td><code>{a.signalId}</code></td><td>{a.evidence}</td><td className="num">{a.count}</td><td>{when(a.firstSeen)}</td><td>{when(a.lastSeen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="devices-h" className="panel">
        <h2 id="devices-h">Devices and their last stored days</h2>
        <p className="hint">Telemetry is kept as per-device, per-day aggregates, not raw events.</p>
        {e.deviceDays.map((d) => (
          <table key={d.deviceId} className="compact device-days">
            <caption>{d.deviceId}{d.lastDay ? '' : ': no telemetry stored'}</caption>
            {d.days.length > 0 && (
              <>
                <thead><tr><th scope="col">Day</th><th scope="col" className="num">Events</th><th scope="col" className="num">Active hours</th><th scope="col" className="num">Keystrokes</th><th scope="col" className="num">Min RTT (ms)</th><th scope="col">Top processes</th><th scope="col">USB</th><th scope="col">Login IPs</th><th scope="col" className="num">Displays</th></tr></thead>
                <tbody>
                  {d.days.map((x) => (
                    <tr key={x.day}>
                      <td>{x.day}</td><td className="num">{x.events}</td><td className="num">{x.activeHours}</td><td className="num">{x.keystrokeSamples}</td>
                      <td className="num">{x.minRttMs ?? '—'}</td>
                      <td>{x.processes.map((p) => `${p.name} (${p.events})`).join(', ')}</td>
                      <td>{x.usb.map((u) => u.product || u.id).join(', ')}</td>
                      <td>{x.loginIps.join(', ')}</td><td className="num">{x.displays}</td>
                    </tr>
                  ))}
                </tbody>
              </>
            )}
          </table>
        ))}
      </section>
    </article>
  );
}
