import { api } from '../api';
import { useLoad, usePageTitle } from '../hooks';
import { Problem } from '../components/Problem';
import { WeeksChart, type WeekRow } from '../components/WeeksChart';

interface Change { screened?: number; review?: number; hold?: number; confirmed?: number }
interface DashboardData {
  weeks: WeekRow[];
  quarters: (WeekRow & { quarter: string; change?: Change | number | null })[];
  topSignals: { signal: string; count: number }[];
  openByAge: { bucket: string; count: number }[];
}

const pct = (v: number | undefined | null): string => (v === undefined || v === null || !Number.isFinite(v) ? '—' : `${v > 0 ? '+' : ''}${Math.round(v * 100)} %`);

/** Screened, reviewed, held and confirmed per week and quarter; top signals; open cases by age. */
export function Dashboard() {
  usePageTitle('Dashboard');
  const { data, error } = useLoad(() => api<DashboardData>('GET', '/dashboard'), 'dashboard');
  if (error) return <section><h1>Dashboard</h1><Problem error={error} /></section>;
  if (!data) return <p role="status">Loading…</p>;
  const change = (q: DashboardData['quarters'][number], k: keyof Change) => (typeof q.change === 'object' && q.change ? q.change[k] : undefined);
  return (
    <section aria-labelledby="dash-h" className="dashboard">
      <h1 id="dash-h">Dashboard</h1>
      <div className="two">
        <section aria-labelledby="weeks-h" className="panel">
          <h2 id="weeks-h">Per week</h2>
          <WeeksChart weeks={data.weeks} />
          <table className="compact">
            <caption className="visually-hidden">Per week</caption>
            <thead><tr><th scope="col">Week</th><th scope="col">Screened</th><th scope="col">Review</th><th scope="col">Hold</th><th scope="col">Confirmed</th></tr></thead>
            <tbody>{data.weeks.slice(-8).map((w) => <tr key={w.week}><th scope="row">{w.week}</th><td className="num">{w.screened}</td><td className="num">{w.review}</td><td className="num">{w.hold}</td><td className="num">{w.confirmed}</td></tr>)}</tbody>
          </table>
        </section>
        <div>
          <section aria-labelledby="q-h" className="panel">
            <h2 id="q-h">Per quarter, change on the quarter before</h2>
            <table className="compact">
              <thead><tr><th scope="col">Quarter</th><th scope="col">Screened</th><th scope="col">Review</th><th scope="col">Hold</th><th scope="col">Confirmed</th></tr></thead>
              <tbody>
                {data.quarters.map((q) => (
                  <tr key={q.quarter}>
                    <th scope="row">{q.quarter}</th>
                    {(['screened', 'review', 'hold', 'confirmed'] as const).map((k) => <td key={k} className="num">{q[k]} <span className="muted">{pct(change(q, k))}</span></td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="age-h" className="panel">
            <h2 id="age-h">Open cases by age</h2>
            <table className="compact">
              <tbody>{data.openByAge.map((b) => <tr key={b.bucket}><th scope="row">{b.bucket}</th><td className="num">{b.count}</td><td><span className="bar" style={{ width: `${Math.min(100, b.count * 8)}px` }} aria-hidden="true" /></td></tr>)}</tbody>
            </table>
          </section>
          <section aria-labelledby="top-h" className="panel">
            <h2 id="top-h">Top signals</h2>
            <ol className="top-signals">{data.topSignals.slice(0, 10).map((s) => <li key={s.signal}><code>{s.signal}</code> <span className="muted">{s.count}</span></li>)}</ol>
          </section>
        </div>
      </div>
    </section>
  );
}
