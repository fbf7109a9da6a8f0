/**
 * `hirewatch report referral`: on the demo data (what `hirewatch serve --demo`
 * loads), the ring's case confirmed by two analysts with a failed check, a
 * note and an attachment; the JSON matches its schema, the PDF's text
 * (pdftotext) holds every section and the key values, both files are mode
 * 0600 and each referral is an entry of the audit chain.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/cli/demo.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { buildScreenContext, Screening, type Actor } from '../../src/service/index.js';
import { ReferralSchema } from '../../src/service/referral-schema.js';
import { openStore, screeningProvenance } from '../../src/store/index.js';
import { runHirewatch } from '../store/run-cli.js';

const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
const ATTACHMENT = Buffer.from('Registrar of Arizona State University: no record of Marcus Reid, Ethan Caldwell or Daniel Ortiz.\n');
const actor = (who: string, action: string): Actor => ({ actor: who, action });

describe('hirewatch report referral', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hirewatch-referral-'));
  const db = join(dir, 'demo.db');
  let ringId = '';
  beforeAll(async () => {
    const store = await openStore(db);
    const context = buildScreenContext(DEFAULT_SCORING);
    await loadDemo(store, context);
    const screening = new Screening(context, { provenance: screeningProvenance(DEFAULT_SCORING) });
    const ring = (await screening.cases.list(store, {})).cases.find((c) => c.subjectKind === 'ring')!;
    ringId = ring.id;
    const view = await screening.cases.get(store, ring.id);
    await screening.cases.recordStep(store, ring.id, view.plan[0]!.id, { state: 'failed', note: 'HR at the claimed employer has no record of the candidates', evidence: 'call 2026-12-01 10:00, main line' }, actor('key:hw_dana', 'case.step'));
    await screening.cases.addNote(store, ring.id, 'Two of the three references answered from the same number.', actor('key:hw_dana', 'case.note'));
    await screening.cases.addAttachment(store, ring.id, 'registrar-letter.txt', ATTACHMENT, actor('key:hw_dana', 'case.attachment'));
    await screening.cases.decide(store, ring.id, { outcome: 'confirmed_fraud', reason: 'Three identities on one device and one phone; the employer has no record.' }, actor('key:hw_dana', 'case.decision'));
    await screening.cases.decide(store, ring.id, { outcome: 'confirmed_fraud', reason: 'Agreed after reviewing the evidence.' }, actor('key:hw_sam', 'case.decision'));
    await store.close();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('JSON: the schema, the identities, identifiers, findings with sources, timeline and the attachment hash; mode 0600; audited', async () => {
    const out = join(dir, 'referral.json');
    const run = await runHirewatch(['report', 'referral', ringId, '--db', db, '--format', 'json', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`referral of case ${ringId} (3 identities,`);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const r = ReferralSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(r.case).toMatchObject({ id: ringId, subjectKind: 'ring', outcome: 'confirmed_fraud' });
    expect(r.case.decision?.confirmedBy).toBe('key:hw_sam');
    expect(r.identities.map((i) => i.fullName).sort()).toEqual(['Daniel Ortiz', 'Ethan Caldwell', 'Marcus Reid']);
    expect(r.identifiers).toContainEqual({ kind: 'phone', value: '+16025550147', usedBy: ['ln-8001', 'ln-8002', 'ln-8003'] });
    expect(r.identifiers).toContainEqual({ kind: 'device', value: 'fp_4c1e77', usedBy: ['ln-8001', 'ln-8002', 'ln-8003'] });
    const phone = r.findings.find((f) => f.signal === 'linkage.shared_phone_other_identity')!;
    expect(phone.evidence).toContain('+16025550147');
    expect(phone.source?.url).toBe('https://www.ic3.gov/PSA/2025/PSA250123');
    expect(r.claims.filter((c) => c.topic === 'education').map((c) => c.claimed)).toContain('BS in Computer Science at Arizona State University (2011-08 to 2015-05)');
    expect(r.verification.find((s) => s.state === 'failed')?.note).toBe('HR at the claimed employer has no record of the candidates');
    expect(r.timeline.map((e) => e.type)).toEqual(['opened', 'joined', 'step', 'note', 'attachment', 'decision_proposed', 'decided']);
    expect(r.attachments).toEqual([expect.objectContaining({ name: 'registrar-letter.txt', size: ATTACHMENT.length, sha256: createHash('sha256').update(ATTACHMENT).digest('hex') })]);
    expect(r.linkedApplications.length).toBeGreaterThan(0);

    const store = await openStore(db);
    const entries = await store.admin.audit.list(0, 10_000);
    expect(entries.filter((e) => e.action === 'report.referral' && e.target === ringId).map((e) => e.detail)).toContainEqual(expect.objectContaining({ format: 'json', identities: 3 }));
    expect((await store.admin.audit.verify()).ok).toBe(true);
    await store.close();
  }, 60_000);

  it.skipIf(!hasPdftotext && !process.env.CI)('PDF: every section, the key values and page numbers in its text; mode 0600', async () => {
    const out = join(dir, 'referral.pdf');
    const run = await runHirewatch(['report', 'referral', ringId, '--db', db, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    // Reading order (no -layout), runs of white space as one: a value wrapped in its cell reads whole.
    const text = spawnSync('pdftotext', [out, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    for (const heading of ['Referral for an IC3 complaint', '1. Identities used', '2. Identifiers', '3. What was claimed and what was found', '4. Evidence and its sources',
      '5. Verification performed', '6. Timeline', '7. Linked applications and employees', '8. Payroll and onboarding', '9. Attachments', "10. Analysts' notes", '11. Public sources cited']) {
      expect(text).toContain(heading);
    }
    for (const value of [ringId, 'confirmed fraud', 'Marcus Reid', 'Ethan Caldwell', 'Daniel Ortiz', '+16025550147', 'fp_4c1e77', 'Arizona State University',
      'linkage.shared_phone_other_identity', 'HR at the claimed employer has no record', 'registrar-letter.txt', 'Two of the three references', 'PSA250123']) {
      expect(text).toContain(value);
    }
    // The SHA-256 may wrap in its cell: compare without spaces and line breaks.
    expect(text.replace(/\s/g, '')).toContain(createHash('sha256').update(ATTACHMENT).digest('hex'));
    expect(text).toMatch(/Page 1 of \d/);
  }, 60_000);

  it('an unknown case is one sentence and status 1, and writes nothing', async () => {
    const out = join(dir, 'none.pdf');
    const run = await runHirewatch(['report', 'referral', 'c_0000000000000000', '--db', db, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no case c_0000000000000000 in organisation default');
    expect(() => statSync(out)).toThrow();
  }, 60_000);
});
