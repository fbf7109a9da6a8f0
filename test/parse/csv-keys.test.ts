import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ColumnMappingSchema } from '../../src/parse/csv-layout.js';
import { csvRowToRecord } from '../../src/parse/csv-record.js';
import { readApplications } from '../../src/parse/read-input.js';
import type { ParseOutcome } from '../../src/parse/parse-application.js';

/**
 * CSV headers and `--map` paths come from outside: a path segment or header
 * named "constructor", "prototype" or "__proto__" is a field name like any
 * other and never reaches Object, Object.prototype or a record's prototype.
 */
const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();
const OBJECT_NAMES = Object.getOwnPropertyNames(Object).sort();
afterEach(() => {
  for (const name of Object.getOwnPropertyNames(Object.prototype)) if (!PROTO_NAMES.includes(name)) delete (Object.prototype as Record<string, unknown>)[name];
  for (const name of Object.getOwnPropertyNames(Object)) if (!OBJECT_NAMES.includes(name)) delete (Object as unknown as Record<string, unknown>)[name];
});

const dir = mkdtempSync(join(tmpdir(), 'hirewatch-csv-keys-'));
async function readAll(file: string, columnMap?: Record<string, string>): Promise<ParseOutcome[]> {
  const out: ParseOutcome[] = [];
  for await (const o of readApplications(file, columnMap ? { columnMap } : {})) out.push(o);
  return out;
}

describe('CSV paths and headers named like Object.prototype properties', () => {
  it('a --map path through "constructor.prototype" writes a field of the record, not Object.prototype', () => {
    const layout = ColumnMappingSchema.parse({
      Id: 'id', At: 'submittedAt', Name: 'applicant.fullName',
      A: 'constructor.prototype.polluted', B: 'job.constructor.name', C: 'applicant.toString', D: 'hasOwnProperty[]',
    });
    const record = csvRowToRecord({ Id: '1', At: '2025-11-01', Name: 'Ana Souza', A: 'yes', B: 'x', C: 'y', D: 'p;q' }, layout);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_NAMES);
    expect(Object.getOwnPropertyNames(Object).sort()).toEqual(OBJECT_NAMES);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.parse(JSON.stringify(record))).toEqual({
      id: '1', submittedAt: '2025-11-01', applicant: { fullName: 'Ana Souza', toString: 'y' },
      constructor: { prototype: { polluted: 'yes' } }, job: { constructor: { name: 'x' } }, hasOwnProperty: ['p', 'q'],
    });
  });

  it('a CSV file whose header says __proto__ or constructor is read, and the record keeps its own prototype', async () => {
    const file = join(dir, 'proto.csv');
    writeFileSync(file, ['id,submitted_at,full_name,__proto__,constructor', 'r1,2025-11-03,Ana Souza,x,y'].join('\n'));
    const [row] = await readAll(file, { __proto__x: 'job.title', constructor: 'job.id' });
    expect(row?.ok, JSON.stringify(row)).toBe(true);
    if (!row?.ok) return;
    expect(row.record.job?.id).toBe('y');
    expect(Object.getPrototypeOf(row.record)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_NAMES);
  });
});
