/**
 * The services emit OCSF Detection Findings (docs/ALERTS.md) through the sink
 * they are given, after their transaction commits: a new hold once (not again
 * for the same content, nor when a stuck hold is screened again), a case's
 * final decision (not a four-eyes proposal), each post-hire alert worth
 * telling. Every event validates against the Detection Finding class of the
 * OCSF schema (test/fixtures/ocsf), and a sink that throws fails nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationSchema } from '../../src/parse/application-schema.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { buildMonitorReference, holdFinding, Monitoring, Screening, type FindingSink, type OcsfFinding } from '../../src/service/index.js';
import { screeningProvenance, type HirewatchStore } from '../../src/store/index.js';
import type { TelemetryEvent } from '../../src/monitor/events.js';
import { context } from '../helpers/applications.js';
import { heldApplication, ordinaryApplication } from '../helpers/case-applications.js';
import { validateOcsf } from '../helpers/ocsf-validate.js';
import { ENGINES, type TestDatabase } from '../store/store-engines.js';

class Capture implements FindingSink {
  readonly producer = { version: '0.0.0-test' };
  readonly events: OcsfFinding[] = [];
  emit(event: OcsfFinding): void {
    this.events.push(event);
  }
  take(): OcsfFinding[] {
    return this.events.splice(0);
  }
}

const sqlite = ENGINES.find((e) => e.name === 'sqlite')!;
const actor = (who: string) => ({ actor: who, action: 'test' });
const at = (day: number, hour: number) => `2025-12-0${day}T${String(hour).padStart(2, '0')}:15:00Z`;
const farmDay = (day: number, device: string) => [
  { type: 'process', at: at(day, 15), deviceId: device, name: 'C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe' },
  { type: 'usb', at: at(day, 15), deviceId: device, vendorId: '1d6b', productId: '0104', product: 'Multifunction Composite Gadget' },
  { type: 'keystroke', at: at(day, 16), deviceId: device, medianLatencyMs: 112, samples: 850 },
  { type: 'login', at: at(day, 3), deviceId: device, ip: '5.188.10.10' },
] as unknown as TelemetryEvent[];

describe('findings emitted by the services', () => {
  let db: TestDatabase;
  let store: HirewatchStore;
  const clock = new Date('2026-12-01T09:00:00.000Z');
  const sink = new Capture();
  const screening = new Screening(context, { provenance: screeningProvenance(DEFAULT_SCORING), now: () => clock });
  const monitoring = new Monitoring(() => buildMonitorReference({}), DEFAULT_SCORING, () => clock);
  screening.useSink(sink);
  monitoring.useSink(sink);
  beforeAll(async () => {
    db = await sqlite.setUp();
    store = await db.open({ org: 'acme' });
  });
  afterAll(async () => {
    await store?.close();
    await db?.tearDown();
  });

  it('a new hold is one Create finding; the same content again and a stuck hold send nothing', async () => {
    await screening.submit(store, [ordinaryApplication('gh-001')], actor('key:a'));
    expect(sink.take()).toEqual([]);
    const [held] = await screening.submit(store, [heldApplication('gh-100')], actor('key:a'));
    expect(held!.result.band).toBe('hold');
    const [event] = sink.take();
    expect(validateOcsf(event, 'detection_finding')).toEqual([]);
    expect(event).toMatchObject({
      class_uid: 2004, category_uid: 2, activity_id: 1, type_uid: 200401, severity_id: 4, severity: 'High', status_id: 1, status: 'New',
      time: clock.getTime(), is_alert: true, risk_score: held!.result.score,
      metadata: { tenant_uid: 'acme', product: { name: 'hirewatch', version: '0.0.0-test' } },
      finding_info: { types: ['hold'] },
      resources: [{ type: 'application', uid: 'greenhouse/gh-100' }],
      unmapped: { hirewatch: { kind: 'hold', applicationId: 'gh-100', source: 'greenhouse', version: 1, band: 'hold' } },
    });
    expect((event!.unmapped.hirewatch.signals as { id: string }[]).map((s) => s.id)).toContain('interview.face_mismatch');
    // no evidence sentence leaves: they quote the applicant's contact details
    expect(JSON.stringify(event)).not.toContain('Daniel Reyes');
    await screening.submit(store, [heldApplication('gh-100')], actor('key:a'));
    const v2 = ApplicationSchema.parse({ id: 'gh-100', source: 'greenhouse', submittedAt: '2025-11-03T14:22:05Z', applicant: { fullName: 'Daniel Reyes' } });
    const [stuck] = await screening.submit(store, [v2], actor('key:a'));
    expect(stuck!.result.band).toBe('hold');
    expect(sink.take()).toEqual([]);
  });

  it('the same hold gives the same metadata.uid (the idempotency key) in another process', async () => {
    const other = new Capture();
    const again = new Screening(context, { provenance: screeningProvenance(DEFAULT_SCORING), now: () => new Date('2026-12-02T00:00:00Z') });
    again.useSink(other);
    const db2 = await sqlite.setUp();
    const store2 = await db2.open({ org: 'acme' });
    try {
      await again.submit(store2, [heldApplication('gh-100')], actor('key:b'));
    } finally {
      await store2.close();
      await db2.tearDown();
    }
    expect(other.events).toHaveLength(1);
    expect(other.events[0]!.metadata.uid).toMatch(/^[0-9a-f]{32}$/);
    const replayed = new Capture();
    const third = new Screening(context, { provenance: screeningProvenance(DEFAULT_SCORING), now: () => clock });
    third.useSink(replayed);
    const db3 = await sqlite.setUp();
    const store3 = await db3.open({ org: 'acme' });
    try {
      await third.submit(store3, [heldApplication('gh-100')], actor('key:c'));
    } finally {
      await store3.close();
      await db3.tearDown();
    }
    expect(replayed.events[0]!.metadata.uid).toBe(other.events[0]!.metadata.uid);
  });

  it('a four-eyes proposal sends nothing; the confirmation is one Close finding with the outcome', async () => {
    const c = (await screening.cases.list(store, {})).cases.find((x) => x.memberIds.includes('gh-100'))!;
    await screening.cases.decide(store, c.id, { outcome: 'confirmed_fraud', reason: 'identity documents forged' }, actor('key:analyst1'));
    expect(sink.take()).toEqual([]);
    await screening.cases.decide(store, c.id, { outcome: 'confirmed_fraud', reason: 'agreed after a second review' }, actor('key:analyst2'));
    const [event] = sink.take();
    expect(validateOcsf(event, 'detection_finding')).toEqual([]);
    expect(event).toMatchObject({
      activity_id: 3, activity_name: 'Close', type_uid: 200403, status_id: 4, status: 'Resolved', severity_id: 5, is_alert: true,
      metadata: { correlation_uid: c.id },
      unmapped: { hirewatch: { kind: 'decision', caseId: c.id, outcome: 'confirmed_fraud', decidedBy: 'key:analyst1', confirmedBy: 'key:analyst2', members: [{ source: 'greenhouse', applicationId: 'gh-100' }] } },
    });
  });

  it('a cleared case is a Suppressed finding', async () => {
    await screening.submit(store, [heldApplication('gh-110')], actor('key:a'));
    sink.take();
    const c = (await screening.cases.list(store, {})).cases.find((x) => x.memberIds.includes('gh-110'))!;
    await screening.cases.decide(store, c.id, { outcome: 'cleared', reason: 'verified in person' }, actor('key:analyst1'));
    const [event] = sink.take();
    expect(validateOcsf(event, 'detection_finding')).toEqual([]);
    expect(event).toMatchObject({ activity_id: 3, status_id: 3, status: 'Suppressed', severity_id: 1, is_alert: false });
  });

  it('post-hire alerts: each signal told is a finding; the same day again is within the cool-down and sends nothing', async () => {
    const app = ordinaryApplication('gh-300');
    await screening.submit(store, [app], actor('key:a'));
    sink.take();
    const employee = { type: 'employee', employeeId: 'E77', applicationId: 'gh-300', startDate: '2025-12-01', workLocation: { city: 'Austin', region: 'TX', country: 'US' }, deviceIds: ['LAP-77'] } as unknown as TelemetryEvent;
    const outcome = await monitoring.ingest(store, [employee, ...farmDay(3, 'LAP-77')], { actor: actor('key:admin') });
    expect(outcome.employees[0]).toMatchObject({ employeeId: 'E77', band: 'hold' });
    const events = sink.take();
    expect(events.length).toBe(outcome.alerts.new + outcome.alerts.again);
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(validateOcsf(e, 'detection_finding')).toEqual([]);
      expect(e).toMatchObject({ activity_id: 1, severity_id: 4, finding_info: { types: ['post_hire_alert'] }, metadata: { correlation_uid: 'E77' }, unmapped: { hirewatch: { kind: 'post_hire_alert', employeeId: 'E77', applicationId: 'gh-300', alertStatus: 'new' } } });
    }
    expect(new Set(events.map((e) => e.metadata.uid)).size).toBe(events.length);
    await monitoring.ingest(store, farmDay(3, 'LAP-77'), { actor: actor('key:admin') });
    expect(sink.take()).toEqual([]);
  });

  it('a sink that throws fails nothing: the hold is stored and answered', async () => {
    const broken: FindingSink = { producer: { version: 'x' }, emit: () => { throw new Error('sink down'); } };
    let told = 0;
    const s = new Screening(context, { provenance: screeningProvenance(DEFAULT_SCORING), now: () => clock });
    s.useSink({ ...broken, failed: () => { told++; } });
    const [r] = await s.submit(store, [heldApplication('gh-120')], actor('key:a'));
    expect(r!.result.band).toBe('hold');
    expect(told).toBe(1);
    expect((await store.getApplication('gh-120', 'greenhouse'))!.result!.band).toBe('hold');
  });

  it('the validator refuses what the class does not allow', () => {
    const good = JSON.parse(JSON.stringify(holdSample({ version: '0.0.0-test' }))) as Record<string, any>;
    expect(validateOcsf(good, 'detection_finding')).toEqual([]);
    const bad = (change: (e: Record<string, any>) => void) => {
      const e = JSON.parse(JSON.stringify(good)) as Record<string, any>;
      change(e);
      return validateOcsf(e, 'detection_finding');
    };
    expect(bad((e) => { e.class_uid = 2001; })).not.toEqual([]);
    expect(bad((e) => { e.type_uid = 200402; })).not.toEqual([]);
    expect(bad((e) => { e.severity_id = 7; })).not.toEqual([]);
    expect(bad((e) => { e.severity = 'Low'; })).not.toEqual([]);
    expect(bad((e) => { e.activity_id = 4; e.type_uid = 200404; })).not.toEqual([]);
    expect(bad((e) => { delete e.finding_info.uid; })).not.toEqual([]);
    expect(bad((e) => { delete e.metadata.product; })).not.toEqual([]);
    expect(bad((e) => { e.time = '2026-12-01'; })).not.toEqual([]);
    expect(bad((e) => { e.applicant = 'x'; })).not.toEqual([]);
    expect(bad((e) => { e.finding_info.analytic.type_id = 42; })).not.toEqual([]);
    expect(bad((e) => { e.is_suspected_breach = true; })).toEqual(['detection_finding.is_suspected_breach: belongs to the incident profile, which metadata.profiles does not name']);
  });
});

function holdSample(producer: { version: string }): OcsfFinding {
  return holdFinding(producer, { org: 'acme', applicationId: 'a-1', source: '', version: 1, score: 80, bandReason: 'two-lines: contact, interview', signals: [{ id: 'contact.phone_invalid', family: 'contact' }], at: '2026-12-01T09:00:00.000Z' });
}
