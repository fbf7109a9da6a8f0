import { useMemo, useState, type FormEvent } from 'react';
import {
  api, ApiProblem, caseResults, day, outcomeLabel, OUTCOMES, STEP_STATES, when,
  type CaseDetail, type Decision, type Me, type VerificationStep,
} from '../api';
import { useLoad, usePageTitle } from '../hooks';
import { Link } from '../router';
import { Problem } from '../components/Problem';
import { BandBadge } from '../components/BandBadge';
import { Waterfall } from '../components/Waterfall';
import { ClusterGraph } from '../components/ClusterGraph';

const enc = encodeURIComponent;

/** One case: who, why (the evidence), what links them, what to verify, what was found, the decision. */
export function CasePage({ id, me }: { id: string; me: Me }) {
  usePageTitle(`Case ${id}`);
  const loaded = useLoad(() => api<CaseDetail>('GET', `/cases/${enc(id)}`), id);
  const [c, setC] = useState<CaseDetail>();
  const current = c?.id === id ? c : loaded.data;
  const canWrite = me.role === 'analyst';
  const [flash, setFlash] = useState<string>();

  const write = async (path: string, body: unknown, done: string): Promise<boolean> => {
    try {
      const answer = await api<unknown>('POST', `/cases/${enc(id)}${path}`, body);
      if (answer && typeof answer === 'object' && 'plan' in answer) setC(answer as CaseDetail);
      else setC(await api<CaseDetail>('GET', `/cases/${enc(id)}`));
      setFlash(done);
      return true;
    } catch (e) {
      setFlash(e instanceof ApiProblem ? `Not saved: ${e.message}` : 'Not saved: the server could not be reached.');
      return false;
    }
  };

  if (loaded.error) return <section><h1>Case {id}</h1><Problem error={loaded.error} /><p><Link to="/queue">Back to the queue</Link></p></section>;
  if (!current) return <p role="status">Loading case…</p>;
  return (
    <article className="case" aria-labelledby="case-h">
      <p className="crumbs"><Link to="/queue">Queue</Link> › {current.id}</p>
      <h1 id="case-h">
        {current.subject.kind === 'ring' ? 'Ring: ' : current.subject.kind === 'employee' ? 'Employee: ' : ''}
        {current.subject.name ?? current.subject.applicationIds[0]} <BandBadge band={current.band} />
      </h1>
      <p role="status" aria-live="polite" className="flash">{flash}</p>
      <Summary c={current} canWrite={canWrite} me={me} write={write} />
      <Evidence c={current} />
      {current.cluster && current.cluster.nodes.length > 0 && (
        <section aria-labelledby="graph-h" className="panel">
          <h2 id="graph-h">Linked cluster</h2>
          <ClusterGraphMemo c={current} />
        </section>
      )}
      <Plan steps={current.plan} canWrite={canWrite && current.status !== 'decided'} write={write} />
      <DecisionPanel c={current} me={me} canWrite={canWrite} write={write} />
      <div className="two">
        <Notes c={current} canWrite={canWrite} write={write} />
        <Attachments c={current} canWrite={canWrite} write={write} />
      </div>
      <Timeline c={current} />
    </article>
  );
}

type Write = (path: string, body: unknown, done: string) => Promise<boolean>;

function ClusterGraphMemo({ c }: { c: CaseDetail }) {
  const cluster = c.cluster!;
  const key = JSON.stringify(cluster);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stable = useMemo(() => cluster, [key]);
  const members = useMemo(() => new Set(c.members.map((m) => m.applicationId)), [c.members.map((m) => m.applicationId).join('|')]);
  return <ClusterGraph cluster={stable} members={members} />;
}

function Summary({ c, canWrite, me, write }: { c: CaseDetail; canWrite: boolean; me: Me; write: Write }) {
  const [assignee, setAssignee] = useState(c.assignee ?? '');
  return (
    <section aria-labelledby="summary-h" className="panel">
      <h2 id="summary-h">Summary</h2>
      <dl className="facts">
        <div><dt>Case</dt><dd>{c.id}</dd></div>
        <div><dt>Status</dt><dd>{c.status}</dd></div>
        <div><dt>Score</dt><dd>{c.score}</dd></div>
        <div><dt>Priority</dt><dd>{Math.round(c.priority)}</dd></div>
        <div><dt>Opened</dt><dd>{when(c.openedAt)}</dd></div>
        <div><dt>Due</dt><dd>{day(c.dueAt)}</dd></div>
        <div><dt>Assignee</dt><dd>{c.assignee ?? 'unassigned'}</dd></div>
        <div><dt>Families</dt><dd>{c.families.join(', ')}</dd></div>
      </dl>
      {canWrite && (
        <form className="inline" onSubmit={(e) => { e.preventDefault(); void write('/assign', { assignee: assignee.trim() }, `Assigned to ${assignee.trim()}.`); }}>
          <label htmlFor="assignee">Assign to</label>
          <input id="assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)} required maxLength={100} />
          <button type="submit">Assign</button>
          <button type="button" className="secondary" onClick={() => { setAssignee(me.name); void write('/assign', { assignee: me.name }, `Assigned to ${me.name}.`); }}>Assign to me</button>
        </form>
      )}
      <h3>Applicants</h3>
      <table>
        <caption className="visually-hidden">Members of the case</caption>
        <thead><tr><th scope="col">Application</th><th scope="col">Name</th><th scope="col">Source</th><th scope="col">Band</th><th scope="col">Score</th></tr></thead>
        <tbody>
          {c.members.map((m) => (
            <tr key={`${m.source ?? ''}:${m.applicationId}`}>
              <td><code>{m.applicationId}</code></td><td>{m.name ?? ''}</td><td>{m.source || '—'}</td><td><BandBadge band={m.band} /></td><td className="num">{m.score}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Evidence({ c }: { c: CaseDetail }) {
  const results = caseResults(c);
  // The strongest member first: the one that opened the case.
  const strongest = results.reduce((best, r, i) => (r.score > (results[best]?.score ?? -1) ? i : best), 0);
  const [shown, setShown] = useState(strongest);
  const r = results[Math.min(shown, results.length - 1)];
  return (
    <section aria-labelledby="evidence-h" className="panel">
      <h2 id="evidence-h">Evidence</h2>
      {results.length === 0 && <p>No screening result is attached to this case.</p>}
      {results.length > 1 && (
        <div role="tablist" aria-label="Member results" className="tabs">
          {results.map((x, i) => (
            <button key={`${x.applicationId ?? x.id}-${i}`} role="tab" type="button" aria-selected={i === shown} onClick={() => setShown(i)}>
              {x.applicationId ?? x.id} ({x.score})
            </button>
          ))}
        </div>
      )}
      {r && (
        <div role={results.length > 1 ? 'tabpanel' : undefined} className="evidence">
          <Waterfall signals={r.signals ?? []} score={r.score} label={`Score of ${r.applicationId ?? r.id ?? ''}`} />
          <table className="signals">
            <caption>Signals of {r.applicationId ?? r.id}: score {r.score}, band {r.band}, strongest first</caption>
            <thead><tr><th scope="col">Signal</th><th scope="col">Weight</th><th scope="col">Evidence</th><th scope="col">Source</th></tr></thead>
            <tbody>
              {(r.signals ?? []).map((s, i) => (
                <tr key={`${s.id}-${i}`}>
                  <td><code>{s.id}</code><br /><span className="muted">{s.family}</span></td>
                  <td className="num">{s.weight.toFixed(2)}</td>
                  <td>{s.evidence}</td>
                  <td>{s.source ? (/^https?:\/\//.test(s.source) ? <a href={s.source} rel="noreferrer noopener" target="_blank">source</a> : s.source) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function StepRow({ step, canWrite, write }: { step: VerificationStep; canWrite: boolean; write: Write }) {
  const [state, setState] = useState<VerificationStep['state']>(step.state === 'pending' ? 'passed' : step.state);
  const [note, setNote] = useState(step.note ?? '');
  const [evidence, setEvidence] = useState(step.evidence ?? '');
  const name = `step-${step.id}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void write(`/steps/${enc(step.id)}`, { state, ...(note.trim() ? { note: note.trim() } : {}), ...(evidence.trim() ? { evidence: evidence.trim() } : {}) }, `Step "${step.check.slice(0, 40)}" recorded as ${state.replace('_', ' ')}.`);
  };
  return (
    <li className={`step step-${step.state}`} data-step={step.id}>
      <div className="step-head">
        <span className={`state state-${step.state}`}>{step.state.replace('_', ' ')}</span>
        <strong>{step.check}</strong>
      </div>
      <p className="muted">{step.family} · {step.who} · {step.stage}</p>
      <p>{step.why}</p>
      {step.state !== 'pending' && <p>Recorded{step.by ? ` by ${step.by}` : ''}{step.at ? ` at ${when(step.at)}` : ''}{step.note ? `: ${step.note}` : ''}{step.evidence ? ` (evidence: ${step.evidence})` : ''}</p>}
      {canWrite && (
        <form onSubmit={submit} aria-label={`Record step: ${step.check}`}>
          <fieldset>
            <legend>Outcome</legend>
            {STEP_STATES.map((s) => (
              <label key={s.value} className="radio">
                <input type="radio" name={name} value={s.value} checked={state === s.value} onChange={() => setState(s.value)} /> {s.label}
              </label>
            ))}
          </fieldset>
          <label htmlFor={`${name}-note`}>Note</label>
          <textarea id={`${name}-note`} value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={5000} />
          <label htmlFor={`${name}-ev`}>Evidence (reference, document, vendor result)</label>
          <input id={`${name}-ev`} value={evidence} onChange={(e) => setEvidence(e.target.value)} maxLength={2000} />
          <button type="submit">Record step</button>
        </form>
      )}
    </li>
  );
}

function Plan({ steps, canWrite, write }: { steps: VerificationStep[]; canWrite: boolean; write: Write }) {
  const done = steps.filter((s) => s.state !== 'pending').length;
  return (
    <section aria-labelledby="plan-h" className="panel">
      <h2 id="plan-h">Verification plan <span className="muted">({done} of {steps.length} recorded)</span></h2>
      <ol className="plan">
        {steps.map((s) => <StepRow key={`${s.id}:${s.state}:${s.at ?? ''}`} step={s} canWrite={canWrite} write={write} />)}
      </ol>
    </section>
  );
}

function DecisionText({ d, title }: { d: Decision; title: string }) {
  return (
    <div className="decision">
      <h3>{title}: {outcomeLabel(d.outcome)}</h3>
      <p>{d.reason}</p>
      <p className="muted">by {d.by} at {when(d.at)}{d.confirmedBy ? `, confirmed by ${d.confirmedBy}` : ''}{d.reliedOnBackgroundCheck ? '; relied on a background check' : ''}</p>
    </div>
  );
}

function DecisionPanel({ c, me, canWrite, write }: { c: CaseDetail; me: Me; canWrite: boolean; write: Write }) {
  const [outcome, setOutcome] = useState<Decision['outcome']>('confirmed_fraud');
  const [reason, setReason] = useState('');
  const [relied, setRelied] = useState(false);
  const [notice, setNotice] = useState<string>();
  const pending = c.pendingDecision ?? undefined;
  const mine = pending && me.keyId && pending.by === `key:${me.keyId}`;
  const loadNotice = async () => {
    try {
      setNotice((await api<{ text: string }>('GET', `/cases/${enc(c.id)}/adverse-action-notice`)).text);
    } catch (e) {
      setNotice(e instanceof Error ? `No notice: ${e.message}` : 'No notice.');
    }
  };
  return (
    <section aria-labelledby="decision-h" className="panel">
      <h2 id="decision-h">Decision</h2>
      {c.decision && <DecisionText d={c.decision} title="Decided" />}
      {c.decision?.outcome === 'confirmed_fraud' && c.decision.reliedOnBackgroundCheck && (
        <>
          <button type="button" className="secondary" onClick={() => void loadNotice()}>Pre-adverse-action notice</button>
          {notice && <pre className="notice">{notice}</pre>}
        </>
      )}
      {!c.decision && pending && (
        <>
          <DecisionText d={pending} title="Proposed, awaiting a second analyst" />
          {canWrite && mine && <p>You proposed this decision; a different analyst must confirm it (four eyes).</p>}
          {canWrite && !mine && (
            <form onSubmit={(e) => { e.preventDefault(); void write('/decision', { outcome: pending.outcome, reason: reason.trim() || `Confirmed: ${pending.reason}`, reliedOnBackgroundCheck: pending.reliedOnBackgroundCheck ?? false }, 'Decision confirmed.'); }}>
              <label htmlFor="confirm-reason">Your reason for confirming (optional)</label>
              <textarea id="confirm-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={5000} />
              <button type="submit">Confirm “{outcomeLabel(pending.outcome)}” as second analyst</button>
            </form>
          )}
        </>
      )}
      {!c.decision && !pending && !canWrite && <p>Not decided yet.</p>}
      {!c.decision && !pending && canWrite && (
        <form onSubmit={(e) => { e.preventDefault(); void write('/decision', { outcome, reason: reason.trim(), reliedOnBackgroundCheck: relied }, `Decision recorded: ${outcomeLabel(outcome)}.`).then((ok) => ok && setReason('')); }}>
          <fieldset>
            <legend>Outcome</legend>
            {OUTCOMES.map((o) => (
              <label key={o.value} className="radio">
                <input type="radio" name="outcome" value={o.value} checked={outcome === o.value} onChange={() => setOutcome(o.value)} /> {o.label}
              </label>
            ))}
          </fieldset>
          <label htmlFor="reason">Reason (required, at least 10 characters)</label>
          <textarea id="reason" rows={3} required minLength={10} maxLength={5000} value={reason} onChange={(e) => setReason(e.target.value)} />
          <label className="radio"><input type="checkbox" checked={relied} onChange={(e) => setRelied(e.target.checked)} /> The decision relied on a background check (FCRA notice)</label>
          <button type="submit">Record decision</button>
        </form>
      )}
    </section>
  );
}

function Notes({ c, canWrite, write }: { c: CaseDetail; canWrite: boolean; write: Write }) {
  const [text, setText] = useState('');
  return (
    <section aria-labelledby="notes-h" className="panel">
      <h2 id="notes-h">Notes</h2>
      {c.notes.length === 0 && <p className="muted">No notes.</p>}
      <ul className="notes">
        {c.notes.map((n) => <li key={n.id}><p>{n.text}</p><p className="muted">{n.by}, {when(n.at)}</p></li>)}
      </ul>
      {canWrite && (
        <form onSubmit={(e) => { e.preventDefault(); void write('/notes', { text: text.trim() }, 'Note added.').then((ok) => ok && setText('')); }}>
          <label htmlFor="note">Add a note</label>
          <textarea id="note" rows={2} required maxLength={10000} value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit">Add note</button>
        </form>
      )}
    </section>
  );
}

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function Attachments({ c, canWrite, write }: { c: CaseDetail; canWrite: boolean; write: Write }) {
  const [file, setFile] = useState<File>();
  return (
    <section aria-labelledby="files-h" className="panel">
      <h2 id="files-h">Attachments</h2>
      {c.attachments.length === 0 && <p className="muted">No attachments.</p>}
      <ul>
        {c.attachments.map((a) => <li key={a.id}>{a.name} <span className="muted">({a.size.toLocaleString()} bytes, SHA-256 {a.sha256.slice(0, 12)}…, {a.by}, {when(a.at)})</span></li>)}
      </ul>
      {canWrite && (
        <form onSubmit={(e) => { e.preventDefault(); if (file) void file.arrayBuffer().then((b) => write('/attachments', { name: file.name, contentBase64: toBase64(b) }, `Attached ${file.name}.`)); }}>
          <label htmlFor="file">Attach a file (at most 5 MiB)</label>
          <input id="file" type="file" onChange={(e) => setFile(e.target.files?.[0])} />
          <button type="submit" disabled={!file}>Upload</button>
        </form>
      )}
    </section>
  );
}

function Timeline({ c }: { c: CaseDetail }) {
  const describe = (d: unknown): string => {
    if (d === undefined || d === null) return '';
    if (typeof d === 'string') return d;
    return Object.entries(d as Record<string, unknown>).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('; ');
  };
  return (
    <section aria-labelledby="timeline-h" className="panel">
      <h2 id="timeline-h">Timeline</h2>
      <ol className="timeline">
        {c.timeline.map((e) => (
          <li key={e.seq}><time dateTime={e.at}>{when(e.at)}</time> <strong>{e.type.replace('_', ' ')}</strong> <span className="muted">by {e.by}</span> {describe(e.detail)}</li>
        ))}
      </ol>
    </section>
  );
}
