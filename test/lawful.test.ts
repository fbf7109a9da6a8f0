/**
 * Lawful by construction (DESIGN.md): no detector may use national origin,
 * ethnicity, the origin of a name, citizenship or language as evidence.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETECTORS } from '../src/detect/detectors.js';
import { normaliseApplication } from '../src/normalise/application.js';
import { application, context, screen } from './helpers/applications.js';

const FORBIDDEN = /accept-?language|language|locale|nationalit|citizenship|ethnic|\brace\b|religio|birth_?place|countryofbirth|country_of_birth|nameorigin|name_origin|origin|demograph/i;
// Detection, scoring, linkage and learning (evaluation and training: weights fitted from decisions feed scores).
const DETECTION_DIRS = ['src/detect', 'src/score', 'src/linkage', 'src/learn'];

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? filesUnder(p) : p.endsWith('.ts') ? [p] : [];
    });
  } catch {
    return [];
  }
}

function deepKeys(value: unknown, prefix = ''): string[] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [`${prefix}${k}`, ...deepKeys(v, `${prefix}${k}.`)]);
}

/** Wrap a record so that every property a detector reads is logged. */
function tracked<T extends object>(value: T, log: string[], path = ''): T {
  return new Proxy(value, {
    get(target, key, receiver) {
      const name = typeof key === 'symbol' ? key.toString() : key;
      log.push(`${path}${name}`);
      const v = Reflect.get(target, key, receiver);
      return v && typeof v === 'object' ? tracked(v as object, log, `${path}${name}.`) : v;
    },
  });
}

describe('lawful by construction', () => {
  it('no detection code mentions language, nationality, citizenship, ethnicity or name origin', () => {
    const offenders = DETECTION_DIRS.flatMap(filesUnder).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ file, line: i + 1, text: line }))
        .filter((l) => !/^\s*(\*|\/\/)/.test(l.text) && FORBIDDEN.test(l.text)),
    );
    expect(offenders).toEqual([]);
  });

  it('the record detectors see carries no such field, even when the input has them', () => {
    const record = normaliseApplication(
      application((a) => {
        a.applicant.nationality = 'KP';
        a.applicant.citizenship = 'KP';
        a.applicant.ethnicity = 'x';
        a.applicant.nativeLanguage = 'ko';
        a.session.acceptLanguage = 'ko-KP,ko;q=0.9';
      }),
    );
    expect(deepKeys(record).filter((k) => FORBIDDEN.test(k))).toEqual([]);
  });

  it('no detector reads such a field', () => {
    const log: string[] = [];
    const record = tracked(normaliseApplication(application((a) => (a.applicant.phones = ['+1 (512) 555-0143']))), log);
    for (const detector of DETECTORS) detector.detect(record, context.detect);
    expect(log.length).toBeGreaterThan(0);
    expect(log.filter((k) => FORBIDDEN.test(k))).toEqual([]);
  });

  const NAMES = [
    'Daniel Reyes', 'Kim Min-jun', 'Zhang Wei', 'Nguyễn Văn An', 'Oluwaseun Adeyemi', 'Priya Venkataraman',
    'Mohammed Al-Farsi', 'Olga Ivanova', 'Seo-yeon Park', 'Jong Chol Ri', 'Emily Walker', 'Juan Pablo Hernández',
    'Aiko Tanaka', 'Kwame Mensah', 'Ahmad Karimi', 'Mei Ling Chen', 'Thabo Nkosi', 'Łukasz Wiśniewski',
  ];

  it.each([
    ['no clue', () => undefined],
    ['one clue', (a: Record<string, any>) => (a.applicant.phones = ['+1 (512) 555-0143'])],
    ['several clues', (a: Record<string, any>) => {
      a.applicant.phones = ['+1 (512) 555-0143'];
      a.applicant.emails = ['x@mailinator.com'];
      a.references = [{ name: 'R', phone: '512 555 0143' }];
    }],
  ])('the same application (%s) under names of different origins gets the same score', (_label, patch) => {
    const results = NAMES.map((name) =>
      screen((a) => {
        patch(a);
        a.applicant.fullName = name;
        a.profiles.linkedin.displayName = name.split(' ').reverse().join(' ');
      }),
    );
    const scores = new Set(results.map((r) => `${r.score}|${r.band}|${r.signals.map((s) => s.id).join(',')}`));
    expect([...scores]).toHaveLength(1);
  });

  it('living abroad with a local number costs nothing', () => {
    const homes: [string, string, string, string][] = [
      ['US', '(512) 555-0143', '66.68.92.231', 'America/Chicago'],
      ['GB', '+44 20 7946 0958', '81.161.55.53', 'Europe/London'],
      ['KR', '+82 10-2345-6789', '121.170.143.133', 'Asia/Seoul'],
      ['IN', '+91 98765 43210', '157.45.254.14', 'Asia/Kolkata'],
      ['NG', '+234 803 123 4567', '41.220.71.126', 'Africa/Lagos'],
      ['BR', '+55 11 91234-5678', '179.95.86.229', 'America/Sao_Paulo'],
      ['DE', '+49 30 12345678', '37.83.52.196', 'Europe/Berlin'],
    ];
    const scores = homes.map(([country, phone, ip, timezone]) =>
      screen((a) => {
        a.applicant.address = { city: 'X', country };
        a.applicant.phones = [phone];
        a.references = [];
        a.session = { ip, timezone };
      }).score,
    );
    expect(new Set(scores).size).toBe(1);
  });

  describe('demographic data is read by the bias audit alone (hirewatch audit bias)', () => {
    const BIAS_COMMAND = 'src/cli/audit-bias-command.ts';
    const sources = filesUnder('src').map((f) => f.split('\\').join('/'));
    const importsOf = (file: string): string[] => [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);

    it('no module but the bias command imports src/fairness (where the demographics file is parsed)', () => {
      const importers = sources.filter((f) => !f.startsWith('src/fairness/') && importsOf(f).some((i) => /(^|\/)fairness\//.test(i)));
      expect(importers).toEqual([BIAS_COMMAND]);
      expect(sources.filter((f) => f !== BIAS_COMMAND && !f.startsWith('src/fairness/') && /parseDemographics|auditBias/.test(readFileSync(f, 'utf8')))).toEqual([]);
    });

    it('the dependency rule forbids it to every detector, scorer, trainer, store, service and other command', () => {
      const config = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as { forbidden: { name: string; from: { path?: string; pathNot?: string }; to: { path?: string } }[] };
      const rule = config.forbidden.find((r) => r.name === 'demographics-only-in-the-bias-audit');
      expect(rule).toBeDefined();
      expect(rule!.to.path).toBe('^src/fairness/');
      const bound = (f: string): boolean => new RegExp(rule!.from.path!).test(f) && !new RegExp(rule!.from.pathNot!).test(f);
      const outside = sources.filter((f) => !f.startsWith('src/fairness/') && f !== BIAS_COMMAND);
      expect(outside.filter((f) => !bound(f))).toEqual([]);
      for (const dir of ['src/detect/', 'src/score/', 'src/learn/', 'src/linkage/', 'src/service/', 'src/store/']) expect(outside.some((f) => f.startsWith(dir) && bound(f))).toBe(true);
      expect(bound(BIAS_COMMAND)).toBe(false);
    });
  });
});
