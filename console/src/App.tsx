import { useEffect, useRef, useState, type ReactNode } from 'react';
import { api, ApiProblem, whenSignedOut, type Me, type Role } from './api';
import { Link, navigate, useLocation } from './router';
import { SignIn } from './pages/SignIn';
import { Queue } from './pages/Queue';
import { CasePage } from './pages/Case';
import { Alerts } from './pages/Alerts';
import { Employees } from './pages/Employees';
import { EmployeePage } from './pages/Employee';
import { Dashboard } from './pages/Dashboard';
import { AuditLog } from './pages/Audit';
import { Policy } from './pages/Policy';
import { Pending } from './pages/Pending';

interface NavItem { to: string; label: string; roles: Role[] }
const NAV: NavItem[] = [
  { to: '/queue', label: 'Queue', roles: ['analyst', 'auditor'] },
  { to: '/alerts', label: 'Alerts', roles: ['analyst'] },
  { to: '/employees', label: 'Employees', roles: ['analyst', 'auditor'] },
  { to: '/dashboard', label: 'Dashboard', roles: ['analyst', 'auditor', 'admin'] },
  { to: '/audit', label: 'Audit log', roles: ['auditor'] },
  { to: '/policy', label: 'Policy', roles: ['admin', 'analyst', 'auditor'] },
  { to: '/pending', label: 'Pending verification', roles: ['recruiter'] },
];

export const homeFor = (role: Role): string => (role === 'recruiter' ? '/pending' : role === 'admin' ? '/policy' : '/queue');

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const loc = useLocation();
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    whenSignedOut(() => setMe(null));
    api<Me & { signedIn?: boolean }>('GET', '/session').then((m) => setMe(m.signedIn === false ? null : m), () => setMe(null));
  }, []);

  // A new page: focus its main region so a screen reader starts there.
  useEffect(() => {
    if (me) mainRef.current?.focus({ preventScroll: true });
  }, [loc.path, me]);

  if (me === undefined) return <p className="loading" role="status">Loading…</p>;
  if (me === null) {
    return (
      <SignIn
        onSignedIn={(who) => {
          setMe(who);
          const path = window.location.pathname;
          navigate(path === '/' || path === '/signin' ? homeFor(who.role) : path + window.location.search, true);
        }}
      />
    );
  }

  const signOut = async () => {
    try {
      await api('DELETE', '/session');
    } catch (e) {
      if (!(e instanceof ApiProblem)) throw e;
    }
    setMe(null);
    navigate('/', true);
  };

  let page: ReactNode;
  const path = loc.path === '/' || loc.path === '/signin' ? homeFor(me.role) : loc.path;
  const caseMatch = /^\/cases\/([^/]+)$/.exec(path);
  const employeeMatch = /^\/employees\/([^/]+)$/.exec(path);
  if (caseMatch) page = <CasePage id={decodeURIComponent(caseMatch[1]!)} me={me} />;
  else if (path === '/queue') page = <Queue search={loc.search} />;
  else if (path === '/alerts') page = <Alerts />;
  else if (path === '/employees') page = <Employees search={loc.search} />;
  else if (employeeMatch) page = <EmployeePage id={decodeURIComponent(employeeMatch[1]!)} />;
  else if (path === '/dashboard') page = <Dashboard />;
  else if (path === '/audit') page = <AuditLog />;
  else if (path === '/policy') page = <Policy me={me} />;
  else if (path === '/pending') page = <Pending search={loc.search} />;
  else page = <section><h1>Not found</h1><p>There is no page at {path}.</p></section>;

  return (
    <div className="shell">
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <span className="brand" aria-label="hirewatch console">hirewatch</span>
        <nav aria-label="Main">
          <ul>
            {NAV.filter((n) => n.roles.includes(me.role)).map((n) => (
              <li key={n.to}>
                <Link to={n.to} aria-current={path === n.to || (n.to === '/queue' && path.startsWith('/cases/')) || (n.to === '/employees' && path.startsWith('/employees/')) ? 'page' : undefined}>{n.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>
            <span className="visually-hidden">Signed in as </span>
            {me.name} · {me.role} · {me.org}
          </span>
          <button type="button" onClick={() => void signOut()}>Sign out</button>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        {page}
      </main>
    </div>
  );
}
