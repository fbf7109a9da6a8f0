/**
 * Every door consults the organisation's shared watchlist (docs/SHARING.md):
 * indicators pulled from another organisation are in the store, and
 * `import` and `screen --db` flag an application that shares one, as
 * `serve` does (test/intel/taxii-round-trip.test.ts). Keyed indicators match
 * only under the consortium key (--intel-key-file); without it the command
 * says they cannot match, and clear ones still do.
 */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { keyedHash, keyId } from '../../src/intel/sharing.js';
import { openStore, type SharedIndicatorRow } from '../../src/store/index.js';
import { runHirewatch } from '../store/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'hirewatch-shared-doors-'));
const KEY = Buffer.alloc(32, 5);
const keyFile = join(dir, 'consortium.key');
writeFileSync(keyFile, `${KEY.toString('hex')}\n`);
chmodSync(keyFile, 0o600);

const examples = readFileSync('examples/applications.jsonl', 'utf8').split('\n').filter((l) => l.trim());
const example = (id: string) => JSON.parse(examples.find((l) => JSON.parse(l).id === id)!);
/** Three unrelated applicants the examples leave clear; two of them given a phone or a mailbox of acme's ring. */
const applicant = (base: string, id: string, change: Record<string, unknown>) => {
  const a = example(base);
  return JSON.stringify({ ...a, id, applicant: { ...a.applicant, ...change } });
};
const input = join(dir, 'applications.jsonl');
writeFileSync(input, `${[
  applicant('gh-5010', 'by-phone', { phones: ['+1 512 555 0199'] }),
  applicant('ab-9101', 'by-mailbox', { emails: ['M.Lopez.Dev+jobs@gmail.com'] }),
  JSON.stringify(example('ab-9103')),
].join('\n')}\n`);

const row = (kind: 'phone' | 'email', keyed: boolean, value: string): SharedIndicatorRow => ({
  sharerId: 'identity--00000000-0000-5000-8000-0000000000ac', sharerName: 'acme', collectionId: 'c-acme', sourceUrl: 'https://intel.acme.example/taxii2/acme/',
  kind, matchClass: kind, keyed, value, ...(keyed ? { keyId: keyId(KEY) } : {}), firstSeen: '2025-11-03T14:22:05Z', lastSeen: '2025-11-20T10:00:00Z',
  count: 2, decidedAt: '2026-12-02T10:00:00.000Z', objectId: `indicator--${kind}`,
});

/** A database holding what a pull from acme stored: the phone in clear, the mailbox keyed. */
async function pulledInto(name: string): Promise<string> {
  const db = join(dir, name);
  const store = await openStore(db, { org: 'globex' });
  await store.sharedIntel.upsert([row('phone', false, '+15125550199'), row('email', true, keyedHash(KEY, 'email', 'mlopezdev@gmail.com'))], '2026-12-03T09:00:00.000Z');
  await store.close();
  return db;
}

async function signalsIn(db: string): Promise<Map<string, string[]>> {
  const store = await openStore(db, { org: 'globex' });
  const out = new Map<string, string[]>();
  for (const id of ['by-phone', 'by-mailbox', 'ab-9103']) {
    const stored = await store.getApplication(id);
    out.set(id, (stored?.result?.signals ?? []).filter((s) => s.id === 'linkage.shared_indicator').map((s) => s.evidence));
  }
  await store.close();
  return out;
}

const PHONE_EVIDENCE = 'phone +15125550199 matches a phone indicator shared by acme (collection c-acme): seen 2025-11-03 to 2025-11-20 on 2 applications, confirmed fraud 2026-12-02';
const MAILBOX_EVIDENCE = 'mailbox mlopezdev@gmail.com matches a keyed email indicator shared by acme (collection c-acme): seen 2025-11-03 to 2025-11-20 on 2 applications, confirmed fraud 2026-12-02';

describe('import and screen --db consult the shared watchlist, as serve does', () => {
  let dbs: { imported: string; screened: string; noKey: string };
  beforeAll(async () => {
    dbs = { imported: await pulledInto('imported.db'), screened: await pulledInto('screened.db'), noKey: await pulledInto('no-key.db') };
  });

  it('import with the consortium key flags the clear phone and the keyed mailbox, each naming acme, and leaves the honest applicant alone', async () => {
    const run = await runHirewatch(['import', input, '--db', dbs.imported, '--org', 'globex', '--intel-key-file', keyFile]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('never matched');
    expect(await signalsIn(dbs.imported)).toEqual(new Map([['by-phone', [PHONE_EVIDENCE]], ['by-mailbox', [MAILBOX_EVIDENCE]], ['ab-9103', []]]));
  });

  it('screen --db does the same, and prints the flag', async () => {
    const run = await runHirewatch(['screen', input, '--db', dbs.screened, '--org', 'globex', '--intel-key-file', keyFile, '-f', 'jsonl']);
    expect(run.code, run.stderr).toBe(0);
    const bands = new Map(run.stdout.trim().split('\n').map((l) => JSON.parse(l)).map((r) => [r.id, r.band]));
    expect(bands).toEqual(new Map([['by-phone', 'hold'], ['by-mailbox', 'hold'], ['ab-9103', 'clear']]));
    expect(await signalsIn(dbs.screened)).toEqual(new Map([['by-phone', [PHONE_EVIDENCE]], ['by-mailbox', [MAILBOX_EVIDENCE]], ['ab-9103', []]]));
  });

  it('without the key the clear phone still matches, and the command says the keyed indicator cannot', async () => {
    const run = await runHirewatch(['import', input, '--db', dbs.noKey, '--org', 'globex']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('1 keyed shared indicator was made under another consortium key than this one (or no --intel-key-file was given): it is kept, never matched');
    expect(await signalsIn(dbs.noKey)).toEqual(new Map([['by-phone', [PHONE_EVIDENCE]], ['by-mailbox', []], ['ab-9103', []]]));
  });
});
