/**
 * `--workers N` (docs/SCALE.md, Every core): worker threads parse, normalise
 * and detect, the main thread links and scores in input order, so the output
 * of `screen` and what `import` stores equal the one-thread run's, byte for
 * byte, record errors included, in their places. No timing is asserted.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { generateJsonLines } from '../../bench/generate-applications.js';
import { hirewatch } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'hirewatch-workers-'));
const EXAMPLES = 'examples/applications.jsonl';

/**
 * 1,200 generated applications with rings (every 40th gives the phone and
 * device of the one nine before it, as test/worker/takeover.test.ts plants
 * them) and unreadable lines spread across the workers' batches of 256: bad
 * JSON, a field of the wrong type, a blank line, one as the last line.
 */
function ringsFile(): string {
  const lines = generateJsonLines(1_200, 18).map((line, i, all) => {
    if (i % 40 !== 39) return line;
    const record = JSON.parse(line) as { applicant: { phones?: string[] }; session?: { deviceId?: string } };
    const donor = JSON.parse(all[i - 9]!) as typeof record;
    record.applicant.phones = donor.applicant.phones ?? [];
    record.session = { ...record.session, ...(donor.session?.deviceId ? { deviceId: donor.session.deviceId } : {}) };
    return JSON.stringify(record);
  });
  lines.splice(3, 0, '{"id": "broken-1", "submittedAt": ');
  lines.splice(300, 0, '{"id":"bad-phone","submittedAt":"2025-11-01","applicant":{"fullName":"A B","phones":[5]}}');
  lines.splice(511, 0, '');
  lines.push('[1, 2]');
  const file = join(dir, 'rings.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const screen = (file: string, workers: number) => hirewatch(['screen', file, '-f', 'jsonl', '--workers', String(workers)]);

describe('hirewatch screen --workers', () => {
  it('gives the same output with 2 and 3 workers as with 1 on the examples', () => {
    const one = screen(EXAMPLES, 1);
    expect(one.status, one.stderr).toBe(0);
    for (const n of [2, 3]) {
      const many = screen(EXAMPLES, n);
      expect(many.status, many.stderr).toBe(0);
      expect(many.stdout).toBe(one.stdout);
    }
  }, 300_000);

  it('gives the same output, links, clusters and record errors (in place) on a file with rings', () => {
    const file = ringsFile();
    const one = screen(file, 1);
    expect(one.status, one.stderr).toBe(0);
    const lines = one.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id?: string; error?: string; cluster?: unknown; signals?: { id: string }[] });
    // The run is worth comparing: linked, clustered, with its errors where the input has them.
    expect(lines.filter((l) => l.cluster).length).toBeGreaterThan(20);
    expect(lines.some((l) => l.signals?.some((s) => s.id === 'linkage.shared_phone_other_identity'))).toBe(true);
    expect(lines[3]!.error).toMatch(/rings\.jsonl:4: not valid JSON/);
    expect(lines[300]).toMatchObject({ id: 'bad-phone', error: expect.stringMatching(/rings\.jsonl:301: applicant\.phones\[0\]/) });
    expect(lines.at(-1)!.error).toMatch(/expected one JSON object per line/);
    for (const n of [2, 3]) {
      const many = screen(file, n);
      expect(many.status, many.stderr).toBe(0);
      expect(many.stdout).toBe(one.stdout);
      expect(many.stderr).toBe(one.stderr);
    }
  }, 300_000);

  it('import with 2 workers stores the same results, links and clusters as with 1', () => {
    const file = ringsFile();
    const dump = (db: string) => {
      const sql = new Database(db, { readonly: true });
      try {
        return {
          results: sql.prepare('SELECT * FROM screening_results ORDER BY source, application_id, version, result_no').all().map((r) => ({ ...(r as object), screened_at: undefined })),
          links: sql.prepare('SELECT * FROM links ORDER BY source, application_id, other_source, other_id, kind, value_fingerprint').all().map((r) => ({ ...(r as object), linked_at: undefined })),
          clusters: sql.prepare('SELECT * FROM clusters ORDER BY cluster_id, member_source, member_id').all().map((r) => ({ ...(r as object), joined_at: undefined })),
        };
      } finally {
        sql.close();
      }
    };
    const stored = [1, 2].map((n) => {
      const db = join(dir, `import-${n}.db`);
      const r = hirewatch(['import', file, '--db', db, '--workers', String(n), '--json']);
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ new: 1_200, errors: 3 });
      return { db: dump(db), stderr: r.stderr };
    });
    expect(stored[0]!.db.links.length).toBeGreaterThan(20);
    expect(stored[0]!.db.clusters.length).toBeGreaterThan(20);
    expect(stored[1]!.db).toEqual(stored[0]!.db);
    expect(stored[1]!.stderr).toBe(stored[0]!.stderr);
  }, 300_000);

  it('reads CSV with workers: the rows are parsed on the main thread, detected on the workers', () => {
    const csv = join(dir, 'ats.csv');
    writeFileSync(csv, 'id,submitted_at,full_name,phones\nc1,2025-11-01T10:00:00Z,Ana Souza,+1 (415) 555-0199\nc2,not a date,Bo Li,\nc3,2025-11-02T10:00:00Z,Chen Wei,+1 (415) 555-0199\n');
    const one = screen(csv, 1);
    const two = screen(csv, 2);
    expect(one.status, one.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stdout.split('\n')[1]).toMatch(/"id":"c2","error":".*submittedAt/);
  }, 300_000);

  it('rejects --workers 0', () => {
    const r = hirewatch(['screen', EXAMPLES, '--workers', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--workers/);
  });
});
