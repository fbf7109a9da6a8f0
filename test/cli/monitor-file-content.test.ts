/**
 * `hirewatch monitor FILE --db` knows a telemetry file by its content, not
 * its name (issue 16, finding 8): a daily export replaced under the same
 * name is read in full, the same content under another name counts
 * nothing twice, and a file that grew adds only its new lines.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hirewatch } from '../helpers/cli.js';
import { ENGINES, type TestDatabase } from '../store/store-engines.js';

const lines = readFileSync('examples/telemetry.jsonl', 'utf8').split('\n').filter(Boolean);
const header = lines.slice(0, 3); // the three employee events every export starts with
const text = (part: string[]): string => `${part.join('\n')}\n`;
const day1 = text([...header, ...lines.slice(3, 100)]);
const day2 = text([...header, ...lines.slice(100, 197)]);
const day2Grown = text([...header, ...lines.slice(100, 217)]);

describe.each(ENGINES.map((e) => [e.title, e] as const))('%s: monitor tracks telemetry files by content', (_title, engine) => {
  const dir = mkdtempSync(join(tmpdir(), 'hirewatch-content-'));
  const databases: TestDatabase[] = [];
  let db = '';
  let once = '';
  beforeAll(async () => {
    if (!engine.available) return;
    databases.push(await engine.setUp(), await engine.setUp());
    db = databases[0]!.cliTarget;
    once = databases[1]!.cliTarget;
  });
  afterAll(async () => {
    for (const d of databases) await d.tearDown();
    rmSync(dir, { recursive: true, force: true });
  });
  const file = join(dir, 'telemetry.jsonl');
  const monitor = (f: string, database = db) => hirewatch(['monitor', f, '--db', database, '--batch', '30', '--format', 'jsonl']);

  it.skipIf(!engine.available)('reads a replaced file in full, skips the same content under any name, and adds only what a file grew by', () => {
    writeFileSync(file, day1);
    let r = monitor(file);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`100 events stored from ${file}\n`);

    r = monitor(file);
    expect(r.stderr).toContain(`0 events stored from ${file} (100 lines already stored)`);

    const renamed = join(dir, 'telemetry-2026-12-01.jsonl');
    copyFileSync(file, renamed);
    r = monitor(renamed);
    expect(r.stderr).toContain(`0 events stored from ${renamed} (100 lines already stored)`);

    // The next day's export under the same name: same first lines, new content after them.
    writeFileSync(file, day2);
    r = monitor(file);
    expect(r.stderr).toContain(`100 events stored from ${file}\n`);

    writeFileSync(file, day2Grown);
    r = monitor(file);
    expect(r.stderr).toContain(`20 events stored from ${file} (100 lines already stored)`);

    // Nothing counted twice: the report equals that of a database fed each export once.
    const first = join(dir, 'first.jsonl');
    const second = join(dir, 'second.jsonl');
    writeFileSync(first, day1);
    writeFileSync(second, day2Grown);
    expect(monitor(first, once).status).toBe(0);
    const expected = monitor(second, once).stdout;
    const report = hirewatch(['monitor', '--db', db, '--format', 'jsonl']);
    expect(report.status).toBe(0);
    expect(report.stdout).toBe(expected);
    expect(expected.split('\n').filter(Boolean)).toHaveLength(3);
  });
});
