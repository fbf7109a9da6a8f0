import { useState, type FormEvent } from 'react';
import { api, query, type Band } from '../api';
import { useLoad, usePageTitle } from '../hooks';
import { navigate } from '../router';
import { Problem } from '../components/Problem';
import { BandBadge } from '../components/BandBadge';

interface Verification { status: 'pending_verification' | 'none' | 'decided'; questions: string[] }
interface ResultItem { id: string; source?: string; score: number; band: Band }

const STATUS: Record<Verification['status'], string> = {
  pending_verification: 'Pending verification: do not move this application forward until verification is done.',
  none: 'No verification pending.',
  decided: 'Verification done: a reviewer has decided.',
};

/**
 * The recruiter's view: which applications wait for verification and what to ask the
 * candidate (GET /applications/:id/verification). Never the evidence. The list is every
 * application a person must look at (GET /results?attention=true): flagged ones, and
 * those clear when screened that are members of an open case (the first of a ring).
 */
export function Pending({ search }: { search: URLSearchParams }) {
  usePageTitle('Pending verification');
  const id = search.get('id') ?? '';
  const [draft, setDraft] = useState(id);
  const held = useLoad(() => api<{ items: ResultItem[] }>('GET', `/results${query({ attention: 'true', limit: 50 })}`), 'held');
  const v = useLoad(() => (id ? api<Verification>('GET', `/applications/${encodeURIComponent(id)}/verification`) : Promise.resolve(undefined)), id);
  const look = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/pending?id=${encodeURIComponent(draft.trim())}`);
  };
  return (
    <section aria-labelledby="pending-h">
      <h1 id="pending-h">Pending verification</h1>
      <form className="inline" onSubmit={look}>
        <label htmlFor="app-id">Application id</label>
        <input id="app-id" value={draft} onChange={(e) => setDraft(e.target.value)} required />
        <button type="submit">Look up</button>
      </form>
      {id && (
        <section aria-labelledby="v-h" className="panel" aria-live="polite">
          <h2 id="v-h">Application {id}</h2>
          {v.error && <Problem error={v.error} />}
          {v.data && (
            <>
              <p className={`status status-${v.data.status}`} data-testid="verification-status">{STATUS[v.data.status]}</p>
              {v.data.questions.length > 0 && (
                <>
                  <h3>Questions to ask the candidate</h3>
                  <ol>{v.data.questions.map((q, i) => <li key={i}>{q}</li>)}</ol>
                </>
              )}
            </>
          )}
        </section>
      )}
      <section aria-labelledby="list-h" className="panel">
        <h2 id="list-h">Applications flagged for a person</h2>
        {held.error && <Problem error={held.error} />}
        {held.data && held.data.items.length === 0 && <p>None.</p>}
        {held.data && held.data.items.length > 0 && (
          <table>
            <thead><tr><th scope="col">Application</th><th scope="col">Band</th><th scope="col">Why</th><th scope="col"><span className="visually-hidden">Action</span></th></tr></thead>
            <tbody>
              {held.data.items.map((r) => (
                <tr key={`${r.source ?? ''}:${r.id}`}>
                  <td><code>{r.id}</code></td>
                  <td><BandBadge band={r.band} /></td>
                  <td>{r.band === 'clear' ? 'In a case: linked to applications flagged after it' : 'Flagged when screened'}</td>
                  <td><button type="button" className="secondary" onClick={() => { setDraft(r.id); navigate(`/pending?id=${encodeURIComponent(r.id)}`); }}>Questions for {r.id}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
