/**
 * The bundles `intel export --format stix` writes are valid STIX 2.1: checked
 * against the official OASIS JSON schemas copied into
 * test/fixtures/stix2.1-schemas (see its PROVENANCE.md), with ajv's 2020 build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stixBundle, type StixObject } from '../../src/intel/stix.js';
import { exportIntel } from '../../src/service/intel.js';
import { openStore, type HirewatchStore } from '../../src/store/index.js';
import { ROOT } from '../helpers/cli.js';
import { confirmRing } from '../helpers/confirmed-ring.js';

const SCHEMAS = join(ROOT, 'test/fixtures/stix2.1-schemas/schemas');
const KEY = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');
const NOW = '2026-12-04T08:00:00.000Z';

function bundleValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false }) // the schemas' patterns escape '-' (\-), which the u flag refuses;
  addFormats.default(ajv);
  for (const dir of readdirSync(SCHEMAS)) {
    for (const file of readdirSync(join(SCHEMAS, dir))) ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS, dir, file), 'utf8')));
  }
  const base = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas';
  const folder = (type: string) => (['marking-definition', 'extension-definition'].includes(type) ? 'common' : ['relationship', 'sighting'].includes(type) ? 'sros' : 'sdos');
  // Each object against its own type's schema (the bundle schema's list of object types has no extension-definition).
  const check = (b: { type: string; id: string; objects: StixObject[] }) => {
    check.errors = [] as unknown[];
    if (b.type !== 'bundle' || !/^bundle--[0-9a-f-]{36}$/.test(b.id)) check.errors.push({ bundle: b.id });
    for (const o of b.objects) {
      const v = ajv.getSchema(`${base}/${folder(o.type)}/${o.type}.json`)!;
      if (!v(o)) check.errors.push({ id: o.id, errors: v.errors });
    }
    return check.errors.length === 0;
  };
  check.errors = [] as unknown[] | undefined;
  return check;
}

describe('STIX 2.1 bundles of a confirmed ring', () => {
  let store: HirewatchStore;
  const validate = bundleValidator();
  beforeAll(async () => {
    store = await openStore(':memory:', { org: 'acme' });
    await confirmRing(store);
  });
  afterAll(() => store.close());

  const bundle = async (mode: 'private' | 'clear') => {
    const exported = await exportIntel(store, mode === 'private' ? { mode, key: KEY } : { mode }, { actor: 'test', action: 'intel.export' });
    return stixBundle({ ...exported, now: NOW });
  };
  const ofType = (objects: StixObject[], type: string) => objects.filter((o) => o.type === type);

  it('private: valid; keyed patterns under the x-hirewatch extension, TLP:GREEN, one ring with its intrusion set', async () => {
    const b = await bundle('private');
    expect(validate(b), JSON.stringify(validate.errors?.slice(0, 2))).toBe(true);
    expect(ofType(b.objects, 'indicator')).toHaveLength(18);
    const phone = ofType(b.objects, 'indicator').find((o) => String(o.pattern).includes('9dc0b7c89e9c1307a18a130a5d385d5905dcae4e435f538449a2ff2b25e87563'))!;
    expect(phone.pattern).toBe("[x-hirewatch-identifier:match_class = 'phone' AND x-hirewatch-identifier:hmac_sha256 = '9dc0b7c89e9c1307a18a130a5d385d5905dcae4e435f538449a2ff2b25e87563']");
    expect(phone.valid_from).toBe('2025-11-03T14:22:05.000Z');
    expect(Object.values(phone.extensions as object)[0]).toMatchObject({ extension_type: 'property-extension', kind: 'phone', key_id: '07d6599ad5a19fc5', count: 2, first_seen: '2025-11-03T14:22:05Z', last_seen: '2025-11-20T10:00:00Z' });
    expect(ofType(b.objects, 'marking-definition').map((m) => m.name)).toEqual(['TLP:GREEN']);
    expect(ofType(b.objects, 'extension-definition')).toHaveLength(1);
    expect(ofType(b.objects, 'intrusion-set')).toHaveLength(1);
    expect(ofType(b.objects, 'relationship')).toHaveLength(18);
    const grouping = ofType(b.objects, 'grouping')[0]!;
    expect((grouping.object_refs as string[]).length).toBe(1 + 18 + 18);
    const text = JSON.stringify(b);
    for (const clear of ['+15125550199', 'danreyes@gmail.com', 'fp_ring', '45.8.22.10', 'c_ce07757b747aa409']) expect(text).not.toContain(clear);
  });

  it('clear: valid; standard observables for mailboxes, IPs and profiles, TLP:RED', async () => {
    const b = await bundle('clear');
    expect(validate(b), JSON.stringify(validate.errors?.slice(0, 2))).toBe(true);
    const patterns = ofType(b.objects, 'indicator').map((o) => o.pattern);
    expect(patterns).toContain("[email-addr:value = 'danreyes@gmail.com']");
    expect(patterns).toContain("[ipv4-addr:value = '45.8.22.10']");
    expect(patterns).toContain("[url:value = 'https://linkedin.com/in/gh-200']");
    expect(patterns).toContain("[x-hirewatch-identifier:match_class = 'phone' AND x-hirewatch-identifier:value = '+15125550199']");
    expect(ofType(b.objects, 'marking-definition').map((m) => m.name)).toEqual(['TLP:RED']);
  });

  it('the schemas catch a broken bundle (an indicator without a pattern)', async () => {
    const b = await bundle('private');
    const broken = { ...b, objects: b.objects.map((o) => (o.type === 'indicator' ? { ...o, pattern: undefined } : o)) };
    expect(validate(JSON.parse(JSON.stringify(broken)))).toBe(false);
  });
});
