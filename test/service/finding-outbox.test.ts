/**
 * Nothing lost between the store and the SIEM (docs/ALERTS.md, "Nothing
 * lost"): a new hold, a case decision and a post-hire alert are each kept in
 * the outbox in the transaction that stores them, and forgotten only once the
 * sink has them. A process "killed" before delivery (a sink that takes the
 * findings and never finishes) leaves them there; another process sends them
 * once the first one's lease has run out, the same events with the same
 * uids, and then the outbox is empty. Inside a caller's transaction the
 * findings go out once it commits. A command sends only its own
 * organisation's; a server or worker every organisation's. On both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { buildMonitorReference, Monitoring, OUTBOX_LEASE_MS, Screening, sendLeftovers, type FindingSink, type OcsfFinding } from '../../src/service/index.js';
import { screeningProvenance, type HirewatchStore } from '../../src/store/index.js';
import { context } from '../helpers/applications.js';
import { heldApplication, ordinaryApplication } from '../helpers/case-applications.js';
import { ENGINES, type TestDatabase } from '../store/store-engines.js';

const T0 = new Date('2026-12-01T09:00:00.000Z');
const later = (ms: number) => () => new Date(T0.getTime() + ms);
const actor = { actor: 'key:a', action: 'test' };

/** A sink that takes every finding and finishes only when told to (`deliver`): killed before then, it delivered nothing. */
class Recording implements FindingSink {
  readonly producer = { version: '0.0.0-test' };
  readonly events: OcsfFinding[] = [];
  private readonly kept: (() => Promise<void>)[] = [];
  emit(event: OcsfFinding, kept?: () => Promise<void>): void {
    this.events.push(event);
    if (kept) this.kept.push(kept);
  }
  async deliver(): Promise<void> {
    for (const k of this.kept.splice(0)) await k();
  }
}

const hour = (h: number) => `2026-12-01T${String(h).padStart(2, '0')}:15:00Z`;
const farm = [
  { type: 'employee', employeeId: 'E9', applicationId: 'ob-2', startDate: '2026-11-20', workLocation: { city: 'Austin', region: 'TX', country: 'US' }, deviceIds: ['LAP-9'] },
  { type: 'process', at: hour(15), deviceId: 'LAP-9', name: 'C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe' },
  { type: 'usb', at: hour(15), deviceId: 'LAP-9', vendorId: '1d6b', productId: '0104', product: 'Multifunction Composite Gadget' },
  { type: 'login', at: hour(3), deviceId: 'LAP-9', ip: '5.188.10.10' },
] as const;

describe.each(ENGINES.map((e) => [e.title, e] as const))('%s: the outbox of findings', (_title, engine) => {
  let db: TestDatabase;
  let store: HirewatchStore;
  beforeAll(async () => {
    if (!engine.available) return;
    db = await engine.setUp();
    store = await db.open({ org: 'acme' });
  });
  afterAll(async () => {
    await store?.close();
    await db?.tearDown();
  });

  it.skipIf(!engine.available)('a hold, a decision and post-hire alerts outlive a process killed before delivery, and are sent once by the next', async () => {
    const killed = new Recording();
    const screening = new Screening(context, { provenance: screeningProvenance(DEFAULT_SCORING), now: () => T0 });
    screening.useSink(killed);
    const [held] = await screening.submit(store, [heldApplication('ob-1')], actor);
    expect(held!.result.band).toBe('hold');
    expect(killed.events.map((e) => e.unmapped.hirewatch.kind)).toEqual(['hold']);
    expect(await store.outbox.size()).toBe(1);

    const [c] = (await screening.cases.list(store, {})).cases;
    await screening.cases.decide(store, c!.id, { outcome: 'cleared', reason: 'Verified by video call with the ID in hand.' }, { actor: 'key:a', action: 'case.decision' });
    await screening.submit(store, [ordinaryApplication('ob-2')], actor);
    const monitoring = new Monitoring(() => buildMonitorReference({}), DEFAULT_SCORING, () => T0);
    monitoring.useSink(killed);
    const told = await monitoring.ingest(store, farm.map((e) => ({ ...e })) as never, { actor });
    expect(told.alertsRecorded).toBeGreaterThan(0);
    const kinds = killed.events.map((e) => e.unmapped.hirewatch.kind);
    expect(kinds.slice(0, 2)).toEqual(['hold', 'decision']);
    expect(kinds.slice(2).every((k) => k === 'post_hire_alert')).toBe(true);
    expect(await store.outbox.size()).toBe(killed.events.length);

    // Within the lease the writer may still be sending: nobody else does.
    const next = new Recording();
    expect(await sendLeftovers(store, next, { now: later(60_000) })).toBe(0);
    // After it, the next process sends every one of them, the same events.
    expect(await sendLeftovers(store, next, { now: later(OUTBOX_LEASE_MS + 1000) })).toBe(killed.events.length);
    const byUid = (a: OcsfFinding, b: OcsfFinding) => a.metadata.uid.localeCompare(b.metadata.uid);
    expect([...next.events].sort(byUid)).toEqual([...killed.events].sort(byUid));
    // Claimed: a third process finds nothing due while the second sends.
    expect(await sendLeftovers(store, new Recording(), { now: later(OUTBOX_LEASE_MS + 2000) })).toBe(0);
    await next.deliver();
    expect(await store.outbox.size()).toBe(0);
    expect(await sendLeftovers(store, new Recording(), { now: later(10 * OUTBOX_LEASE_MS) })).toBe(0);
  });

  it.skipIf(!engine.available)('delivered in time, nothing is left; with no sink, nothing is kept', async () => {
    const live = new Recording();
    const screening = new Screening(context, { provenance: screeningProvenance(DEFAULT_SCORING), now: () => T0 });
    screening.useSink(live);
    await screening.submit(store, [heldApplication('ob-3')], actor);
    expect(await store.outbox.size()).toBe(1);
    await live.deliver();
    expect(await store.outbox.size()).toBe(0);

    const silent = new Screening(context, { provenance: screeningProvenance(DEFAULT_SCORING), now: () => T0 });
    const [held] = await silent.submit(store, [heldApplication('ob-4')], actor);
    expect(held!.result.band).toBe('hold');
    expect(await store.outbox.size()).toBe(0);
  });

  it.skipIf(!engine.available)("inside a caller's transaction (an ATS webhook's) nothing goes out before it commits, and nothing at all if it fails", async () => {
    const live = new Recording();
    const screening = new Screening(context, { provenance: screeningProvenance(DEFAULT_SCORING), now: () => T0 });
    screening.useSink(live);
    await store.transaction(async (tx) => {
      const [held] = await screening.submit(tx, [heldApplication('ob-5')], actor);
      expect(held!.result.band).toBe('hold');
      expect(live.events).toEqual([]);
    });
    expect(live.events.map((e) => e.unmapped.hirewatch.kind)).toEqual(['hold']);
    expect(await store.outbox.size()).toBe(1);
    await live.deliver();
    expect(await store.outbox.size()).toBe(0);
    await expect(store.transaction(async (tx) => {
      await screening.submit(tx, [heldApplication('ob-6')], actor);
      throw new Error('the caller fails');
    })).rejects.toThrow('the caller fails');
    expect(live.events).toHaveLength(1);
    expect(await store.outbox.size()).toBe(0);
  });

  it.skipIf(!engine.available)("a command sends only its organisation's leftovers; a server or worker every organisation's", async () => {
    const other = store.withOrg('globex');
    const killed = new Recording();
    const screening = new Screening(context, { provenance: screeningProvenance(DEFAULT_SCORING), now: () => T0 });
    screening.useSink(killed);
    await screening.submit(other, [heldApplication('gx-1')], actor);
    expect(await other.outbox.size()).toBe(1);
    const due = later(OUTBOX_LEASE_MS + 1000);
    const command = new Recording();
    expect(await sendLeftovers(store, command, { now: due })).toBe(0);
    expect(command.events).toEqual([]);
    const server = new Recording();
    expect(await sendLeftovers(store, server, { now: due, everyOrganisation: true })).toBe(1);
    expect(server.events.map((e) => [e.metadata.tenant_uid, e.metadata.uid])).toEqual([['globex', killed.events[0]!.metadata.uid]]);
    await server.deliver();
    expect(await other.outbox.size()).toBe(0);
  });
});
