import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiProblem, type Me } from '../api';
import { useLoad, usePageTitle } from '../hooks';
import { Problem } from '../components/Problem';

interface PolicyData { slaDays: { hold: number; review: number }; openOn: string[]; fourEyes: boolean; clearedSuppressDays: number; sensitiveRoleTerms?: string[] }

/** The organisation's case policy: read by analysts and auditors, set by admins. */
export function Policy({ me }: { me: Me }) {
  usePageTitle('Policy');
  const { data, error } = useLoad(() => api<PolicyData>('GET', '/policy'), 'policy');
  const [draft, setDraft] = useState<PolicyData>();
  const [saved, setSaved] = useState<string>();
  useEffect(() => { if (data) setDraft(data); }, [data]);
  const admin = me.role === 'admin';
  if (error) return <section><h1>Policy</h1><Problem error={error} /></section>;
  if (!draft) return <p role="status">Loading…</p>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      setDraft(await api<PolicyData>('PUT', '/policy', draft));
      setSaved('Policy saved.');
    } catch (err) {
      setSaved(err instanceof ApiProblem ? `Not saved: ${err.message}` : 'Not saved.');
    }
  };
  const num = (v: string) => Math.max(0, Number.parseInt(v, 10) || 0);
  return (
    <section aria-labelledby="policy-h">
      <h1 id="policy-h">Case policy</h1>
      {!admin && <p>Only an admin can change the policy.</p>}
      <form onSubmit={(e) => void submit(e)} className="policy">
        <fieldset disabled={!admin}>
          <legend>Service level (days to decide)</legend>
          <label>Hold <input type="number" min={1} value={draft.slaDays.hold} onChange={(e) => setDraft({ ...draft, slaDays: { ...draft.slaDays, hold: num(e.target.value) } })} /></label>
          <label>Review <input type="number" min={1} value={draft.slaDays.review} onChange={(e) => setDraft({ ...draft, slaDays: { ...draft.slaDays, review: num(e.target.value) } })} /></label>
        </fieldset>
        <fieldset disabled={!admin}>
          <legend>Bands that open a case</legend>
          <label className="radio"><input type="radio" name="openOn" checked={!draft.openOn.includes('review')} onChange={() => setDraft({ ...draft, openOn: ['hold'] })} /> hold only</label>
          <label className="radio"><input type="radio" name="openOn" checked={draft.openOn.includes('review')} onChange={() => setDraft({ ...draft, openOn: ['hold', 'review'] })} /> hold and review</label>
        </fieldset>
        <fieldset disabled={!admin}>
          <legend>Decisions</legend>
          <label className="radio"><input type="checkbox" checked={draft.fourEyes} onChange={(e) => setDraft({ ...draft, fourEyes: e.target.checked })} /> Four eyes: “confirmed fraud” needs a second analyst</label>
          <label>Days a cleared case suppresses the same evidence <input type="number" min={0} value={draft.clearedSuppressDays} onChange={(e) => setDraft({ ...draft, clearedSuppressDays: num(e.target.value) })} /></label>
          {draft.sensitiveRoleTerms && (
            <label>Sensitive role terms (comma-separated) <input value={draft.sensitiveRoleTerms.join(', ')} onChange={(e) => setDraft({ ...draft, sensitiveRoleTerms: e.target.value.split(',').map((s) => s.trim()).filter(Boolean) })} /></label>
          )}
        </fieldset>
        {admin && <button type="submit">Save policy</button>}
        <p role="status" aria-live="polite">{saved}</p>
      </form>
    </section>
  );
}
