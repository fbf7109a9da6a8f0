import { useState } from 'react';
import { api, query, when } from '../api';
import { useLoad, usePageTitle } from '../hooks';
import { Problem } from '../components/Problem';

interface Entry { seq: number; at: string; actor: string; action: string; target?: string; detail: Record<string, unknown>; hash: string }
interface AuditAnswer { entries: Entry[]; verification?: { ok: boolean; checked: number; brokenAt?: number; reason?: string; unkeyed?: number } }

/** The organisation's audit log (auditors), a page at a time, and a check of its hash chain. */
export function AuditLog() {
  usePageTitle('Audit log');
  const [after, setAfter] = useState(0);
  const [verify, setVerify] = useState(false);
  const { data, error, loading } = useLoad(() => api<AuditAnswer>('GET', `/audit${query({ after, limit: 100, verify: verify ? 'true' : undefined })}`), `${after}:${verify}`);
  const v = data?.verification;
  return (
    <section aria-labelledby="audit-h">
      <h1 id="audit-h">Audit log</h1>
      <p><button type="button" onClick={() => setVerify(true)}>Verify the chain</button></p>
      <p role="status" aria-live="polite">
        {v ? (v.ok ? `Chain verified: ${v.checked} entries${v.unkeyed ? ` (${v.unkeyed} from before keyed audit)` : ''}.` : `Chain broken at entry ${v.brokenAt ?? '?'}: ${v.reason ?? ''}`) : loading ? 'Loading…' : ''}
      </p>
      {error && <Problem error={error} />}
      {data && (
        <table>
          <caption className="visually-hidden">Audit entries from {after + 1}</caption>
          <thead><tr><th scope="col">#</th><th scope="col">When</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Detail</th></tr></thead>
          <tbody>
            {data.entries.map((e) => (
              <tr key={e.seq}><td className="num">{e.seq}</td><td>{when(e.at)}</td><td>{e.actor}</td><td><code>{e.action}</code></td><td>{e.target ?? ''}</td><td className="detail">{JSON.stringify(e.detail)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label="Pages">
        <button type="button" className="secondary" disabled={after === 0} onClick={() => setAfter(Math.max(0, after - 100))}>Previous page</button>
        <button type="button" className="secondary" disabled={!data || data.entries.length < 100} onClick={() => setAfter(data!.entries[data!.entries.length - 1]!.seq)}>Next page</button>
      </nav>
    </section>
  );
}
