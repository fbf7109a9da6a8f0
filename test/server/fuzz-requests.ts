import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { routeList } from '../../src/server/routes/route-table.js';
import { ORG, OTHER_ORG, sampleApplication, type Harness } from './server-harness.js';

/**
 * The request fuzzer of issue 16, shared by test/server/fuzz.test.ts (a short
 * run in `npm test`) and bench/fuzz.ts (the long run): generated requests to
 * every route of the route table, as every role, another organisation's
 * analyst, nobody and a forged key, with hostile path parameters, queries,
 * headers and bodies (arbitrary JSON, valid records with one field made
 * hostile, broken JSON, deep nesting, NULs, lone surrogates, prototype names,
 * huge numbers and long text). What must hold for each (checkResponse):
 *
 * - never a 5xx;
 * - a 4xx changes nothing: both organisations' audit heads, stored versions
 *   and alerts are as they were (every write appends an audit entry in its
 *   own transaction, so an unchanged head means nothing was written);
 * - Object.prototype keeps its own properties.
 *
 * Routes come from the route table, so a route added later is fuzzed too.
 */
export interface FuzzRequest {
  readonly method: string;
  readonly url: string;
  readonly caller: string;
  readonly headers: Record<string, string>;
  readonly payload?: string;
}

const HOSTILE_TEXT = [
  '__proto__', 'constructor', 'prototype', 'toString', '', ' ', '\u0000', 'a\u0000b', '\uD800', '\uDFFFx', '%00', '%', '%ZZ', '..', '../../etc/passwd',
  "' OR 1=1 --", '"; DROP TABLE applications; --', '2025-02-30', '2025-13-01T00:00:00Z', '-1', '0', '1e309', 'NaN', 'Infinity', 'null', 'true', '{}', '[]',
  '9'.repeat(400), 'x'.repeat(3000), '\u202Eevil', '<script>alert(1)</script>', 'hold', 'review', 'clear',
];

export const hostileText = (): fc.Arbitrary<string> =>
  fc.oneof(fc.constantFrom(...HOSTILE_TEXT), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 10 }));

const hostileScalar = (): fc.Arbitrary<unknown> =>
  fc.oneof(hostileText(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 1e308));

/** Any JSON value, at most a few levels deep, with hostile keys and leaves. */
const hostileJson = (): fc.Arbitrary<unknown> =>
  fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, hostileScalar(), fc.array(tie('value'), { maxLength: 5 }), fc.dictionary(hostileText(), tie('value'), { maxKeys: 5 })),
  })).value;

/** A valid application with one field, at the top or inside the applicant, replaced by something hostile. */
const damagedApplication = (): fc.Arbitrary<Record<string, unknown>> =>
  fc.tuple(fc.constantFrom('id', 'source', 'submittedAt', 'applicant', 'job', 'education', 'session', 'resumeText', 'interviews', '__proto__', 'extra'), fc.constantFrom('fullName', 'emails', 'phones', 'address', 'links', '__proto__'), fc.boolean(), hostileJson()).map(
    ([top, inner, nested, value]) => {
      const app = sampleApplication();
      if (nested) (app.applicant as Record<string, unknown>)[inner] = value;
      else Object.defineProperty(app, top, { value, enumerable: true, writable: true, configurable: true });
      return app;
    },
  );

const deep = (levels: number, open: string, close: string) => `${open.repeat(levels)}${close.repeat(levels)}`;

/** A request body as text: JSON of a plausible or hostile shape, or text that is not JSON at all. */
const body = (): fc.Arbitrary<string> =>
  fc.oneof(
    hostileJson().map((v) => JSON.stringify(v) ?? 'null'),
    damagedApplication().map((a) => JSON.stringify(a)),
    fc.array(damagedApplication(), { minLength: 1, maxLength: 3 }).map((applications) => JSON.stringify({ applications })),
    fc.array(fc.dictionary(fc.constantFrom('type', 'at', 'deviceId', 'employeeId', 'ip', 'name', 'startDate', 'rttMs', '__proto__'), hostileJson(), { maxKeys: 6 }), { maxLength: 3 }).map((events) => JSON.stringify({ events })),
    fc.constantFrom('', 'not json', '{"id":', '{"id":"a\\u0000"}', '{"id":"\\ud800"}', deep(5000, '[', ']'), `{"a":${deep(3000, '[', ']')}}`, '{"__proto__":{"polluted":1}}', '[]', 'null', '1e999999'),
  );

/** Percent-encoded; a lone surrogate (which encodeURIComponent refuses) is sent as the bytes UTF-8 forbids for it. */
const encode = (text: string): string => {
  try {
    return encodeURIComponent(text);
  } catch {
    return text.split(/([\uD800-\uDFFF])/).map((part, i) => (i % 2 === 1 ? '%ED%A0%80' : encodeURIComponent(part))).join('');
  }
};

const pathParam = (): fc.Arbitrary<string> =>
  fc.oneof(hostileText().map(encode), fc.constantFrom('%2e%2e', '%00', 'a%2Fb', 'x'.repeat(300), ORG, OTHER_ORG, 'greenhouse', 'lever', 'ashby', 'app-1'));

/** Keys the fuzzer signs in with: every role of ORG, OTHER_ORG's analyst, nobody, a forged and a malformed key. */
export function callers(h: Harness): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>(Object.entries(h.keys));
  out.set('other-org analyst', h.otherOrgKey);
  out.set('nobody', undefined);
  out.set('forged', `${h.keys.admin.slice(0, -4)}AAAA`);
  out.set('malformed', 'Bearer \u0000\u00ff');
  return out;
}

/** One generated request to a route of the table. */
export function fuzzRequest(h: Harness): fc.Arbitrary<FuzzRequest> {
  const routes = routeList();
  const who = [...callers(h).keys()];
  return fc
    .record({
      route: fc.constantFrom(...routes),
      caller: fc.constantFrom(...who),
      params: fc.array(pathParam(), { minLength: 4, maxLength: 4 }),
      query: fc.dictionary(fc.oneof(fc.constantFrom('limit', 'cursor', 'band', 'verify', 'after', 'status', 'sort', 'source', 'evidence', 'api_key'), hostileText()), hostileText().map(encode), { maxKeys: 4 }),
      payload: body(),
      contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', undefined),
    })
    .map(({ route, caller, params, query, payload, contentType }) => {
      let i = 0;
      const path = route.path.replace(/:[A-Za-z]+/g, () => params[i++]!);
      const search = [...Object.entries(query)].map(([k, v]) => `${encode(k)}=${v}`).join('&');
      const key = callers(h).get(caller);
      const headers: Record<string, string> = {};
      if (key !== undefined) headers.authorization = key.startsWith('Bearer ') ? key : `Bearer ${key}`;
      const method = route.method.toUpperCase();
      const sends = method !== 'GET' && method !== 'DELETE';
      if (sends && contentType) headers['content-type'] = contentType;
      return { method, url: search ? `${path}?${search}` : path, caller, headers, ...(sends ? { payload } : {}) };
    });
}

/** What a 4xx must leave as it was. */
export async function stateOf(h: Harness): Promise<string> {
  const parts: unknown[] = [];
  for (const org of [ORG, OTHER_ORG]) {
    const store = h.store.withOrg(org);
    parts.push((await store.admin.audit.last())?.seq ?? 0, (await store.counts()).versions, (await store.admin.alerts.list(10_000)).length);
  }
  return JSON.stringify(parts);
}

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort().join(',');

/** Sends one request and says what is wrong with the answer (undefined when nothing). */
export async function sendAndCheck(h: Harness, request: FuzzRequest): Promise<{ response?: LightMyRequestResponse; problem?: string }> {
  const before = await stateOf(h);
  let response: LightMyRequestResponse;
  try {
    response = await h.app.inject({ method: request.method as 'GET', url: request.url, headers: request.headers, ...(request.payload !== undefined ? { payload: request.payload } : {}) });
  } catch (err) {
    // light-my-request refuses some URLs before they reach the server (as a real client would): nothing was sent.
    if (err instanceof Error && /url|uri|header/i.test(err.message)) return {};
    throw err;
  }
  const describe = () => `${request.method} ${request.url.slice(0, 200)} as ${request.caller} -> ${response.statusCode} ${response.body.slice(0, 300)}`;
  if (response.statusCode >= 500) return { response, problem: `server error: ${describe()}` };
  if (Object.getOwnPropertyNames(Object.prototype).sort().join(',') !== PROTOTYPE_NAMES) return { response, problem: `Object.prototype changed: ${describe()}` };
  if (response.statusCode >= 400 && (await stateOf(h)) !== before) return { response, problem: `a ${response.statusCode} changed stored state: ${describe()}` };
  return { response };
}
