import { useState, type FormEvent } from 'react';
import { api, ApiProblem, type Me } from '../api';
import { usePageTitle } from '../hooks';

/** Sign in with an API key: sent once to POST /api/v1/session, which sets an HttpOnly cookie. The key is not kept. */
export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  usePageTitle('Sign in');
  const [key, setKey] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const me = await api<Me>('POST', '/session', { key });
      setKey('');
      onSignedIn(me);
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : 'The server could not be reached.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" className="signin">
      <h1>hirewatch console</h1>
      <p>Sign in with your API key. It is exchanged for a session and not stored in this browser.</p>
      <form onSubmit={(e) => void submit(e)} aria-describedby={error ? 'signin-error' : undefined}>
        <label htmlFor="key">API key</label>
        <input id="key" name="key" type="password" autoComplete="off" spellCheck={false} required value={key} onChange={(e) => setKey(e.target.value)} placeholder="hw_…" />
        <button type="submit" disabled={busy || key.trim() === ''}>{busy ? 'Signing in…' : 'Sign in'}</button>
        {error && <p id="signin-error" className="error" role="alert">{error}</p>}
      </form>
      <p className="hint">A key comes from <code>hirewatch keys create --role analyst</code>, or from <code>hirewatch serve --demo</code>.</p>
    </main>
  );
}
