import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScreeningLineSchema, ScreeningResultSchema } from '../../src/score/result-contract.js';
import { hirewatch } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'hirewatch-cli-'));
const EXAMPLES = 'examples/applications.jsonl';
const exampleCount = readFileSync(EXAMPLES, 'utf8').split('\n').filter((l) => l.trim()).length;

describe('hirewatch screen', () => {
  it('prints a table with reasons and counts by band', () => {
    const r = hirewatch(['screen', EXAMPLES]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ID\s+NAME\s+SCORE\s+BAND\s+TOP REASONS/);
    expect(r.stdout).toMatch(new RegExp(`${exampleCount} records: \\d+ clear, \\d+ review, \\d+ hold`));
  });

  it('--format jsonl follows the contract for every line, in input order', () => {
    const r = hirewatch(['screen', EXAMPLES, '--format', 'jsonl']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(exampleCount);
    const inputIds = readFileSync(EXAMPLES, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l).id);
    expect(lines.map((l) => l.id)).toEqual(inputIds);
    for (const line of lines) {
      expect(ScreeningResultSchema.safeParse(line).error).toBeUndefined();
      const weights = line.signals.map((s: { weight: number }) => s.weight);
      expect([...weights].sort((a, b) => b - a)).toEqual(weights);
    }
  });

  it('turns broken lines into per-line errors, goes on, and exits 0', () => {
    const file = join(dir, 'broken.jsonl');
    const good = readFileSync(EXAMPLES, 'utf8').split('\n')[0]!;
    writeFileSync(file, [good, '{"id": "x1", "submittedAt": ', '{"id":"x2","submittedAt":"2025-11-01","applicant":{"fullName":"A","phones":[5]}}', '', good.replace(/"id":\s*"[^"]+"/, '"id":"copy"')].join('\n'));
    const r = hirewatch(['screen', file, '-f', 'jsonl']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(ScreeningLineSchema.safeParse(line).success).toBe(true);
    expect(lines[1].error).toMatch(/broken\.jsonl:2: not valid JSON/);
    expect(lines[2]).toMatchObject({ id: 'x2', error: expect.stringMatching(/:3: applicant\.phones\[0\]/) });
    expect(r.stderr).toMatch(/broken\.jsonl:2/);
  });

  it('exits non-zero only when nothing could be read', () => {
    const file = join(dir, 'all-bad.jsonl');
    writeFileSync(file, 'nope\n{"id":1}\n');
    const bad = hirewatch(['screen', file, '-f', 'jsonl']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/no application could be read/);
    expect(hirewatch(['screen', join(dir, 'missing.jsonl')]).status).toBe(1);
  });

  it('writes one self-contained HTML page with counts, a sortable table and waterfalls', () => {
    const out = join(dir, 'report.html');
    const r = hirewatch(['screen', EXAMPLES, '--format', 'html', '--out', out]);
    expect(r.status).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=/); // nothing fetched from elsewhere
    expect(html).toMatch(/<div class="card clear"><b>\d+<\/b>clear/);
    expect(html).toContain('<svg');
    expect(html).toContain("addEventListener('click'");
  });

  it('writes CSV with one row per application', () => {
    const r = hirewatch(['screen', EXAMPLES, '--format', 'csv']);
    expect(r.status).toBe(0);
    const rows = r.stdout.trim().split('\n');
    expect(rows[0]).toBe('id,name,score,band,band_reason,signals,top_evidence,error');
    expect(rows).toHaveLength(exampleCount + 1);
  });

  it('reads CSV input with a column mapping', () => {
    const csv = join(dir, 'ats.csv');
    const map = join(dir, 'map.json');
    writeFileSync(csv, 'Candidate,Applied,Name,Mobile,Ref Phone\nc1,2025-11-01T10:00:00Z,Ana Souza,+1 (415) 555-0199,415 555 0199\nc2,2025-11-02T10:00:00Z,Bo Li,(415) 555-0123,\n');
    writeFileSync(map, JSON.stringify({ columns: { Candidate: 'id', Applied: 'submittedAt', Name: 'applicant.fullName', Mobile: 'applicant.phones[]', 'Ref Phone': 'references[0].phone' } }));
    const r = hirewatch(['screen', csv, '--map', map, '-f', 'jsonl']);
    expect(r.status).toBe(0);
    const [c1, c2] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(c1.signals.map((s: { id: string }) => s.id).sort()).toEqual(['contact.phone_plus1_format', 'contact.reference_is_applicant']);
    expect(c2.signals).toEqual([]);
  });

  it('applies a scoring configuration and reports a bad one by field', () => {
    const cfg = join(dir, 'cfg.json');
    // The review threshold raised above every score: nothing is sent to review (by default some examples are).
    const reviews = (out: string): number => out.split('\n').filter(Boolean).filter((l) => JSON.parse(l).band === 'review').length;
    expect(reviews(hirewatch(['screen', EXAMPLES, '-f', 'jsonl', '--no-db']).stdout)).toBeGreaterThan(0);
    writeFileSync(cfg, JSON.stringify({ thresholds: { review: 99, hold: 100 } }));
    const r = hirewatch(['screen', EXAMPLES, '-f', 'jsonl', '--config', cfg, '--no-db']);
    expect(r.status).toBe(0);
    expect(reviews(r.stdout)).toBe(0);
    writeFileSync(cfg, JSON.stringify({ weights: { 'contact.nope': 1 } }));
    const bad = hirewatch(['screen', EXAMPLES, '--config', cfg]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/cfg\.json: weights\.contact\.nope: unknown signal id/);
  });
});
