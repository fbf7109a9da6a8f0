import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetStatus } from '../../src/reference/data-status.js';
import { readManifest } from '../../src/reference/manifest.js';
import { updateDataset } from '../../src/reference/update-dataset.js';

/** A copy of the project's data/ to update, and a folder standing in for OFAC's download service. */
function sandbox(): { data: string; publisher: string } {
  const root = mkdtempSync(join(tmpdir(), 'hirewatch-data-'));
  const data = join(root, 'data');
  cpSync('data', data, { recursive: true });
  const publisher = join(root, 'ofac-downloads');
  mkdirSync(publisher);
  const shipped = readdirSync('data/ofac');
  const pick = (stem: string) => shipped.filter((f) => f.startsWith(stem) && f.endsWith('.csv')).sort().pop()!;
  for (const stem of ['sdn', 'alt', 'add']) cpSync(join('data/ofac', pick(stem)), join(publisher, `${stem}.csv`));
  return { data, publisher };
}

describe('hirewatch data update (offline, against files on disk)', () => {
  it('verifies the new files, swaps them in and records them in the manifest', async () => {
    const { data, publisher } = sandbox();
    const before = readManifest(data).datasets['ofac-sdn']!;
    const result = await updateDataset(data, 'ofac-sdn', { from: publisher, today: '2026-11-25', asOf: '2026-11-24' });
    expect(result.records).toBeGreaterThan(10_000);
    expect(readdirSync(join(data, 'ofac')).sort()).toEqual(['SOURCES.md', 'add.csv', 'alt.csv', 'sdn.csv']);
    const after = readManifest(data).datasets['ofac-sdn']!;
    expect(after).toMatchObject({ asOf: '2026-11-24', retrieved: '2026-11-25', records: result.records, title: before.title });
    expect(Object.keys(after.files).sort()).toEqual(['add.csv', 'alt.csv', 'sdn.csv']);
    expect(readdirSync(data).filter((f) => /\.(new|old)-/.test(f))).toEqual([]);
  });

  it('refuses a download that is not the list and leaves everything as it was', async () => {
    const { data, publisher } = sandbox();
    writeFileSync(join(publisher, 'sdn.csv'), '<!DOCTYPE html><html><body>Access denied</body></html>');
    const filesBefore = readdirSync(join(data, 'ofac')).sort();
    const manifestBefore = readFileSync(join(data, 'manifest.json'), 'utf8');
    await expect(updateDataset(data, 'ofac-sdn', { from: publisher, today: '2026-11-25' })).rejects.toThrow(/web page/);
    expect(readdirSync(join(data, 'ofac')).sort()).toEqual(filesBefore);
    expect(readFileSync(join(data, 'manifest.json'), 'utf8')).toBe(manifestBefore);
  });

  it('refuses a list far smaller than the one in use unless forced', async () => {
    const { data, publisher } = sandbox();
    const sdn = readFileSync(join(publisher, 'sdn.csv'), 'utf8').split('\n').slice(0, 300).join('\n');
    writeFileSync(join(publisher, 'sdn.csv'), sdn);
    writeFileSync(join(publisher, 'alt.csv'), '');
    writeFileSync(join(publisher, 'add.csv'), '');
    await expect(updateDataset(data, 'ofac-sdn', { from: publisher, today: '2026-11-25' })).rejects.toThrow(/only \d+ entries/);
    const forced = await updateDataset(data, 'ofac-sdn', { from: publisher, today: '2026-11-25', force: true });
    expect(forced.records).toBeLessThan(300);
  });

  it('names a file it could not fetch', async () => {
    const { data } = sandbox();
    await expect(updateDataset(data, 'ofac-sdn', { from: join(tmpdir(), 'nowhere'), today: '2026-11-25' })).rejects.toThrow(/cannot fetch sdn\.csv/);
    await expect(updateDataset(data, 'no-such-list', { today: '2026-11-25' })).rejects.toThrow(/no updater/);
  });
});

describe('data status', () => {
  it('gives each dataset its age and warns past 30 days', () => {
    const manifest = readManifest('data');
    const rows = datasetStatus(manifest, new Date('2026-01-15T00:00:00Z'));
    const ofac = rows.find((r) => r.name === 'ofac-sdn')!;
    expect(ofac).toMatchObject({ asOf: '2025-12', ageDays: 15, stale: false, updater: 'ofac-sdn' });
    expect(datasetStatus(manifest, new Date('2026-03-01T00:00:00Z')).find((r) => r.name === 'ofac-sdn')?.stale).toBe(true);
    for (const r of rows) expect(r.records).toBeGreaterThan(0);
  });
});
