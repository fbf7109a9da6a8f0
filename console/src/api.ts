/**
 * The console's one door to the API: same origin, the session cookie (HttpOnly: this code
 * never sees it), and on every write the x-hirewatch-console header the server requires of
 * cookie-authenticated writes (CSRF). The API key is sent once, to POST /api/v1/session,
 * and kept nowhere.
 */
export const API = '/api/v1';

export type Role = 'recruiter' | 'analyst' | 'admin' | 'auditor';
export interface Me { org: string; role: Role; name: string; keyId?: string; expiresAt?: string }

export class ApiProblem extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

let onUnauthorized: () => void = () => undefined;
export function whenSignedOut(handler: () => void): void {
  onUnauthorized = handler;
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-hirewatch-console': '1' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${API}${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const e = (json ?? {}) as { error?: string; message?: string };
    if (response.status === 401 && path !== '/session') onUnauthorized();
    throw new ApiProblem(response.status, e.error ?? 'error', e.message ?? `${response.status} ${response.statusText}`);
  }
  return json as T;
}

export const query = (params: Record<string, string | number | undefined | null>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};

// ---- Shapes (docs/CASES.md; everything optional that the console can live without) ----

export type Band = 'clear' | 'review' | 'hold';
export type CaseStatus = 'open' | 'verifying' | 'decided';

export interface CaseSummary {
  id: string;
  status: CaseStatus;
  band: Band;
  score: number;
  priority: number;
  openedAt: string;
  dueAt?: string;
  assignee?: string | null;
  subject: { kind: 'application' | 'ring' | 'employee'; applicationIds: string[]; name?: string };
  families: string[];
  signals: string[];
  memberCount: number;
}
export interface CaseList { cases: CaseSummary[]; nextCursor?: string; total?: number }

export interface Signal { id: string; family: string; weight: number; evidence: string; source?: string; description?: string }
export interface ResultView { id?: string; applicationId?: string; score: number; band: Band; signals?: Signal[]; cluster?: { id: string; size: number }; source?: string }
export interface StepState { state: 'pending' | 'passed' | 'failed' | 'not_possible' }
export interface VerificationStep {
  id: string;
  family: string;
  check: string;
  who: string;
  stage: string;
  why: string;
  state: 'pending' | 'passed' | 'failed' | 'not_possible';
  note?: string;
  evidence?: string;
  by?: string;
  at?: string;
}
export interface CaseEvent { seq: number; at: string; by: string; type: string; detail?: unknown }
export interface Decision {
  outcome: 'cleared' | 'confirmed_fraud' | 'withdrawn' | 'inconclusive';
  reason: string;
  by: string;
  at: string;
  confirmedBy?: string;
  reliedOnBackgroundCheck?: boolean;
}
export interface CaseDetail extends CaseSummary {
  members: { source?: string; applicationId: string; name?: string; band: Band; score: number }[];
  result?: ResultView | ResultView[] | Record<string, ResultView>;
  results?: ResultView[];
  cluster?: { nodes: { id: string; label?: string; kind: string }[]; edges: { from: string; to: string; kind: string }[] };
  plan: VerificationStep[];
  timeline: CaseEvent[];
  notes: { id: string; by: string; at: string; text: string }[];
  attachments: { id: string; name: string; size: number; sha256: string; by: string; at: string }[];
  decision?: Decision | null;
  pendingDecision?: Decision | null;
}

/** The member results of a case, whatever form the backend gives them in. */
export function caseResults(c: CaseDetail): ResultView[] {
  if (Array.isArray(c.results)) return c.results;
  const r = c.result;
  if (!r) return [];
  if (Array.isArray(r)) return r;
  if (typeof (r as ResultView).score === 'number' && typeof (r as ResultView).band === 'string') return [r as ResultView];
  return Object.values(r as Record<string, ResultView>);
}

export const OUTCOMES: { value: Decision['outcome']; label: string }[] = [
  { value: 'confirmed_fraud', label: 'Confirmed fraud' },
  { value: 'cleared', label: 'Cleared' },
  { value: 'withdrawn', label: 'Withdrawn' },
  { value: 'inconclusive', label: 'Inconclusive' },
];
export const outcomeLabel = (o: string): string => OUTCOMES.find((x) => x.value === o)?.label ?? o;

export const STEP_STATES: { value: VerificationStep['state']; label: string }[] = [
  { value: 'passed', label: 'Passed' },
  { value: 'failed', label: 'Failed' },
  { value: 'not_possible', label: 'Not possible' },
];

export const when = (iso: string | undefined): string => {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
};
export const day = (iso: string | undefined): string => (iso ? iso.slice(0, 10) : '');
export const ageDays = (iso: string | undefined, now = Date.now()): number => (iso ? Math.max(0, Math.floor((now - new Date(iso).getTime()) / 86_400_000)) : 0);
