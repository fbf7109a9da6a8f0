import { describe, expect, it } from 'vitest';
import { parseApplication, parseJsonLine } from '../../src/parse/parse-application.js';

/**
 * The limits of docs/RECORDS.md section 1, each at the limit (accepted) and
 * one past it (rejected, naming the field); calendar dates; text that cannot
 * be stored (NUL, lone surrogates) in any field, known or not; nesting depth.
 * The numbers are written out from RECORDS.md, not imported.
 */
const base = (): Record<string, unknown> => ({ id: 'lim-1', submittedAt: '2025-11-03T14:22:05Z', applicant: { fullName: 'Ana Souza' } });
const loc = { line: 1 };
const parse = (record: unknown) => parseApplication(record, loc);
const errorOf = (record: unknown): string => {
  const out = parse(record);
  return out.ok ? '' : out.error;
};
const list = (n: number, f: (i: number) => unknown) => Array.from({ length: n }, (_, i) => f(i));
const x = (n: number) => 'x'.repeat(n);

/** [field path, setter(record, n), limit, error path] */
const LIST_LIMITS: [string, (r: Record<string, unknown>, n: number) => void, number][] = [
  ['applicant.emails', (r, n) => ((r.applicant as Record<string, unknown>).emails = list(n, (i) => `a${i}@example.com`)), 20],
  ['applicant.phones', (r, n) => ((r.applicant as Record<string, unknown>).phones = list(n, (i) => `+1 512 555 ${String(i).padStart(4, '0')}`)), 20],
  ['applicant.links', (r, n) => ((r.applicant as Record<string, unknown>).links = list(n, (i) => `https://example.com/${i}`)), 20],
  ['education', (r, n) => (r.education = list(n, () => ({ institution: 'Rice University' }))), 50],
  ['employment', (r, n) => (r.employment = list(n, () => ({ employer: 'Indeed' }))), 50],
  ['references', (r, n) => (r.references = list(n, () => ({ name: 'Maria Chen' }))), 50],
  ['interviews', (r, n) => (r.interviews = list(n, () => ({ mode: 'video' }))), 50],
  ['interviews[0].flags', (r, n) => (r.interviews = [{ flags: list(n, () => 'audio_lag') }]), 20],
  ['profiles.linkedin.activity', (r, n) => (r.profiles = { linkedin: { activity: list(n, () => '2020-01') } }), 600],
];

const TEXT_LIMITS: [string, (r: Record<string, unknown>, s: string) => void, number][] = [
  ['id', (r, s) => (r.id = s), 128],
  ['source', (r, s) => (r.source = s), 128],
  ['job.id', (r, s) => (r.job = { id: s }), 128],
  ['session.deviceId', (r, s) => (r.session = { deviceId: s }), 128],
  ['applicant.photoHash', (r, s) => ((r.applicant as Record<string, unknown>).photoHash = s), 128],
  ['onboarding.payrollAccountHash', (r, s) => (r.onboarding = { payrollAccountHash: s }), 128],
  ['applicant.fullName', (r, s) => ((r.applicant as Record<string, unknown>).fullName = s), 2048],
  ['applicant.emails[0]', (r, s) => ((r.applicant as Record<string, unknown>).emails = [s]), 2048],
  ['applicant.address.line1', (r, s) => ((r.applicant as Record<string, unknown>).address = { line1: s }), 2048],
  ['education[0].institution', (r, s) => (r.education = [{ institution: s }]), 2048],
  ['employment[0].title', (r, s) => (r.employment = [{ title: s }]), 2048],
  ['references[0].relationship', (r, s) => (r.references = [{ relationship: s }]), 2048],
  ['session.userAgent', (r, s) => (r.session = { userAgent: s }), 2048],
  ['profiles.linkedin.url', (r, s) => (r.profiles = { linkedin: { url: s } }), 2048],
  ['interviews[0].flags[0]', (r, s) => (r.interviews = [{ flags: [s] }]), 2048],
  ['onboarding.identityDocument.method', (r, s) => (r.onboarding = { identityDocument: { method: s } }), 2048],
  ['interviews[0].notes', (r, s) => (r.interviews = [{ notes: s }]), 10_000],
  ['resumeText', (r, s) => (r.resumeText = s), 200_000],
  ['customField', (r, s) => (r.customField = s), 200_000],
  ['vendor.deep.note', (r, s) => (r.vendor = { deep: { note: s } }), 200_000],
];

describe('application limits (RECORDS.md section 1)', () => {
  for (const [path, set, limit] of LIST_LIMITS) {
    it(`${path}: ${limit} items are accepted, ${limit + 1} are rejected naming the field`, () => {
      const at = base();
      set(at, limit);
      expect(parse(at).ok, errorOf(at)).toBe(true);
      const over = base();
      set(over, limit + 1);
      expect(errorOf(over)).toMatch(new RegExp(`^${path.replace(/[[\].]/g, '\\$&')}: .*${limit}`));
    });
  }

  for (const [path, set, limit] of TEXT_LIMITS) {
    it(`${path}: ${limit} characters are accepted, ${limit + 1} are rejected naming the field`, () => {
      const at = base();
      set(at, x(limit));
      expect(parse(at).ok, errorOf(at)).toBe(true);
      const over = base();
      set(over, x(limit + 1));
      expect(errorOf(over)).toMatch(new RegExp(`^${path.replace(/[[\].]/g, '\\$&')}: .*${limit}`));
    });
  }

  it('a 9,000-character id is rejected, an empty one too', () => {
    expect(errorOf({ ...base(), id: x(9000) })).toMatch(/^id: /);
    expect(errorOf({ ...base(), id: '   ' })).toMatch(/^id: /);
  });

  it('twenty thousand phones are rejected at once', () => {
    const r = base();
    (r.applicant as Record<string, unknown>).phones = list(20_000, (i) => `+1 512 555 ${String(i % 10_000).padStart(4, '0')}`);
    const started = performance.now();
    expect(errorOf(r)).toMatch(/^applicant\.phones: /);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('dates are calendar dates', () => {
  const ok = ['2015-05', '2015-05-14', '2024-02-29', '2025-11-03T14:22:05Z', '2025-11-03T14:22:05+02:00', '2025-11-03T14:22:05.123-0600', '2025-11-03 14:22', '2025-12-31T23:59:59Z'];
  const bad = ['2025-02-30', '2025-02-29', '2023-04-31', '2025-13', '2025-00', '2025-11-00', '2025-11-32', '2025-11-03T24:00:00Z', '2025-11-03T14:60Z', '2025-11-03T14:22:61Z', '2025-11-03T14', '2025-11-03T1:2:3', '2025-11-03T14:22:05+25:00', '2015', 'present'];
  for (const date of ok) {
    it(`accepts ${date}`, () => {
      const r = { ...base(), submittedAt: date, education: [{ start: date, end: date }], profiles: { linkedin: { createdAt: date, activity: [date] } } };
      expect(parse(r).ok, errorOf(r)).toBe(true);
    });
  }
  for (const date of bad) {
    it(`rejects ${date}, naming the field`, () => {
      expect(errorOf({ ...base(), submittedAt: date })).toMatch(/^submittedAt: /);
      expect(errorOf({ ...base(), employment: [{ end: date }] })).toMatch(/^employment\[0\]\.end: /);
      expect(errorOf({ ...base(), profiles: { linkedin: { activity: ['2020-01', date] } } })).toMatch(/^profiles\.linkedin\.activity\[1\]: /);
      expect(errorOf({ ...base(), interviews: [{ at: date }] })).toMatch(/^interviews\[0\]\.at: /);
    });
  }
});

describe('text that cannot be stored is rejected in any field', () => {
  const BAD: [string, string][] = [['NUL', 'Ana\u0000Souza'], ['lone high surrogate', 'Ana\uD800Souza'], ['lone low surrogate', '\uDC00Ana'], ['surrogate at the end', 'Ana\uD83D']];
  const PLACES: [string, (s: string) => Record<string, unknown>][] = [
    ['applicant.fullName', (s) => ({ ...base(), applicant: { fullName: s } })],
    ['id', (s) => ({ ...base(), id: s })],
    ['source', (s) => ({ ...base(), source: s })],
    ['applicant.phones[1]', (s) => ({ ...base(), applicant: { fullName: 'Ana', phones: ['+1 512 555 0100', s] } })],
    ['resumeText', (s) => ({ ...base(), resumeText: s })],
    ['customField', (s) => ({ ...base(), customField: s })],
    ['vendor.tags[2].label', (s) => ({ ...base(), vendor: { tags: [{}, {}, { label: s }] } })],
  ];
  for (const [what, text] of BAD) {
    for (const [path, make] of PLACES) {
      it(`${what} in ${path}`, () => {
        expect(errorOf(make(text))).toMatch(new RegExp(`^${path.replace(/[[\].]/g, '\\$&')}: .*(NUL|surrogate)`));
      });
    }
  }

  it('a NUL or lone surrogate in a field name is rejected too', () => {
    expect(errorOf({ ...base(), 'bad\u0000key': 1 })).toMatch(/NUL/);
    expect(errorOf({ ...base(), vendor: { 'k\uD800': 1 } })).toMatch(/^vendor\.k.*surrogate/);
  });

  it('paired surrogates (emoji) and other control characters are fine', () => {
    const r = { ...base(), applicant: { fullName: 'Ana 😀 Souza' }, resumeText: 'tab\tnewline\n\u0001' };
    expect(parse(r).ok, errorOf(r)).toBe(true);
  });
});

describe('nesting depth', () => {
  const nested = (depth: number): unknown => {
    let v: unknown = 'leaf';
    for (let i = 0; i < depth; i++) v = { n: v };
    return v;
  };
  it('unknown fields may nest 32 levels deep (counting the record), not 33', () => {
    // The record is level 1, `extra` level 2, its 31st object level 32.
    expect(parse({ ...base(), extra: nested(31) }).ok, errorOf({ ...base(), extra: nested(31) })).toBe(true);
    expect(errorOf({ ...base(), extra: nested(32) })).toMatch(/^extra(\.n)+: nested deeper than 32/);
  });
  it('10,000 levels (object or array) are rejected with a message, not a stack overflow', () => {
    let arr: unknown = 1;
    for (let i = 0; i < 10_000; i++) arr = [arr];
    expect(errorOf({ ...base(), extra: nested(10_000) })).toMatch(/nested deeper than 32/);
    expect(errorOf({ ...base(), extra: arr })).toMatch(/nested deeper than 32/);
    const line = `{"id":"d","submittedAt":"2025-11-03","applicant":{"fullName":"A"},"x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const out = parseJsonLine(line, loc);
    expect(out && !out.ok && out.error).toMatch(/^x(\[0\])+: .*nested deeper than 32/);
  });
});
