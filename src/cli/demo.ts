import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forEachLine } from '../monitor/ingest.js';
import { SequencedLines } from '../monitor/sequenced-lines.js';
import { readApplications } from '../parse/read-input.js';
import type { ScreenContext } from '../score/screen.js';
import { buildMonitorReference, importChunks, Monitoring, Screening, type ImportTotals } from '../service/index.js';
import { screeningProvenance, type HirewatchStore, type Role } from '../store/index.js';

/**
 * `hirewatch serve --demo`: the examples (examples/applications.jsonl, then
 * examples/telemetry.jsonl) loaded into a fresh database through the service
 * layer, the same path as `hirewatch import` and `hirewatch monitor --db`, so
 * the console opens on real cases (the ring's hold among them) and alerts; and
 * one key per person of a small team, printed so each can sign in.
 */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));

export interface DemoKey { readonly role: Role; readonly label: string; readonly secret: string; readonly keyId: string }
export interface DemoLoad { readonly applications: ImportTotals; readonly telemetryEvents: number; readonly keys: readonly DemoKey[] }

/** The people of the demo: two analysts (four eyes), a recruiter, an auditor, an admin. */
export const DEMO_PEOPLE: readonly { role: Role; label: string }[] = [
  { role: 'analyst', label: 'Dana (analyst)' },
  { role: 'analyst', label: 'Sam (second analyst)' },
  { role: 'recruiter', label: 'Riley (recruiter)' },
  { role: 'auditor', label: 'Alex (auditor)' },
  { role: 'admin', label: 'Morgan (admin)' },
];

/** A database file in a new temporary directory (the demo's default: it never touches ./hirewatch.db). */
export function demoDatabaseFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'hirewatch-demo-')), 'demo.db');
}

export async function loadDemo(store: HirewatchStore, context: ScreenContext, examples: string = EXAMPLES_DIR): Promise<DemoLoad> {
  const screening = new Screening(context, { provenance: screeningProvenance(context.scoring) });
  const applications = await importChunks(screening, store, readApplications(join(examples, 'applications.jsonl')), {
    actor: { actor: 'cli', action: 'application.import', detail: { file: 'applications.jsonl', demo: true } },
  });

  let telemetryEvents = 0;
  const telemetry = join(examples, 'telemetry.jsonl');
  if (existsSync(telemetry)) {
    const monitoring = new Monitoring(() => buildMonitorReference({ ...(context.detect.reference?.geo ? { geo: context.detect.reference.geo } : {}) }), context.scoring);
    const consumer = `file:${telemetry}`;
    const lines = new SequencedLines(await monitoring.checkpoint(store, consumer));
    await forEachLine(telemetry, (text, line) => {
      lines.add(text, line);
      return undefined;
    });
    const { events, lastSequence } = lines.batch();
    if (events.length > 0) {
      const outcome = await monitoring.ingest(store, events, { actor: { actor: 'cli', action: 'telemetry.ingest', detail: { file: 'telemetry.jsonl', demo: true } }, checkpoint: { consumer, lastSequence } });
      lines.stored();
      telemetryEvents = outcome.accepted;
    }
  }

  const keys: DemoKey[] = [];
  for (const person of DEMO_PEOPLE) {
    const { keyId, secret } = await store.admin.apiKeys.create(person.role, person.label);
    await store.admin.audit.append({ actor: 'cli', action: 'keys.create', target: keyId, detail: { role: person.role, label: person.label, demo: true } });
    keys.push({ ...person, keyId, secret });
  }
  return { applications, telemetryEvents, keys };
}
