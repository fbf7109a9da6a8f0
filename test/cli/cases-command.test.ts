/**
 * `hirewatch cases list` and `hirewatch cases export --labels FILE`: the
 * queue, and decided cases as labels (JSON Lines, mode 0600) with the signals
 * each application had when it was decided, in the shape `evaluate` reads.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseLabelSchema } from '../../src/learn/labels.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { Screening } from '../../src/service/index.js';
import { openStore, screeningProvenance } from '../../src/store/index.js';
import { context } from '../helpers/applications.js';
import { heldApplication } from '../helpers/case-applications.js';
import { runHirewatch } from '../store/run-cli.js';

describe('hirewatch cases', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hirewatch-cases-'));
  const dbFile = join(dir, 'hirewatch.db');
  let caseId = '';
  let openId = '';
  beforeAll(async () => {
    const store = await openStore(dbFile);
    const screening = new Screening(context, { provenance: screeningProvenance(DEFAULT_SCORING), now: () => new Date('2026-12-01T09:00:00.000Z') });
    await screening.submit(store, [heldApplication('gh-700'), heldApplication('gh-701')], { actor: 'cli', action: 'test' });
    const page = await screening.cases.list(store, {});
    caseId = page.cases.find((c) => c.memberIds.includes('gh-700'))!.id;
    openId = page.cases.find((c) => c.memberIds.includes('gh-701'))!.id;
    await screening.cases.decide(store, caseId, { outcome: 'cleared', reason: 'Verified in person with the ID and the registrar.' }, { actor: 'key:a', action: 'case.decision' });
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the open cases', async () => {
    const run = await runHirewatch(['cases', 'list', '--db', dbFile, '--format', 'jsonl']);
    expect(run.code, run.stderr).toBe(0);
    const rows = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => [r.id, r.status, r.band])).toEqual([[openId, 'open', 'hold']]);
    expect(run.stderr).toContain('1 case shown of 1');
  });

  it('exports decided cases as labels, mode 0600, that evaluate reads', async () => {
    const file = join(dir, 'labels.jsonl');
    writeFileSync(file, 'old content', { mode: 0o644 });
    const run = await runHirewatch(['cases', 'export', '--labels', file, '--db', dbFile]);
    expect(run.code, run.stderr).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([{
      applicationId: 'gh-700', source: 'greenhouse', caseId, decision: 'cleared', date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      signals: expect.arrayContaining(['interview.face_mismatch', 'contact.disposable_email']),
    }]);
    expect(CaseLabelSchema.safeParse(lines[0]).success).toBe(true);
  });
});
