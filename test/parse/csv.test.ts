import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultLayout } from '../../src/parse/csv-layout.js';
import { csvRowToRecord } from '../../src/parse/csv-record.js';
import { readApplications } from '../../src/parse/read-input.js';
import type { ParseOutcome } from '../../src/parse/parse-application.js';

const dir = mkdtempSync(join(tmpdir(), 'hirewatch-csv-'));
async function readAll(file: string, columnMap?: Record<string, string>): Promise<ParseOutcome[]> {
  const out: ParseOutcome[] = [];
  for await (const o of readApplications(file, columnMap ? { columnMap } : {})) out.push(o);
  return out;
}

describe('CSV input', () => {
  it('reads the default layout with repeated groups and lists', async () => {
    const file = join(dir, 'default.csv');
    writeFileSync(file, [
      'id,submitted_at,full_name,phones,emails,address_city,address_region,address_country,education_1_institution,education_1_end,education_2_institution,reference_1_name,reference_1_phone,job_remote,linkedin_connections,interview_1_flags',
      'r1,2025-11-03T14:22:05Z,Daniel Reyes,"(512) 555-0143; +1 512 555 0100",d@example.com,Austin,TX,US,UT Austin,2015-05,Rice University,Maria Chen,512-555-0100,yes,412,audio_lag;reading_answers',
    ].join('\n'));
    const [row] = await readAll(file);
    expect(row?.ok).toBe(true);
    if (!row?.ok) return;
    expect(row.record.applicant.phones).toEqual(['(512) 555-0143', '+1 512 555 0100']);
    expect(row.record.education?.map((e) => e.institution)).toEqual(['UT Austin', 'Rice University']);
    expect(row.record.references?.[0]).toMatchObject({ name: 'Maria Chen', phone: '512-555-0100' });
    expect(row.record.job?.remote).toBe(true);
    expect(row.record.profiles?.linkedin?.connections).toBe(412);
    expect(row.record.interviews?.[0]?.flags).toEqual(['audio_lag', 'reading_answers']);
  });

  it('maps any other header with --map and names the column of a bad cell', async () => {
    const file = join(dir, 'ats.csv');
    writeFileSync(file, ['Candidate ID,Applied On,Candidate Name,Mobile,School 1,Grad 1', 'c-9,2025-11-01,Ana Souza,(415) 555-0199,UCLA,June 2019', 'c-10,,Bo Li,,,'].join('\n'));
    const map = { 'Candidate ID': 'id', 'Applied On': 'submittedAt', 'Candidate Name': 'applicant.fullName', Mobile: 'applicant.phones[]', 'School 1': 'education[0].institution', 'Grad 1': 'education[0].end' };
    const [first, second] = await readAll(file, map);
    expect(first).toMatchObject({ ok: false, id: 'c-9', location: { line: 2 } });
    expect(first && !first.ok && first.error).toMatch(/education\[0\]\.end \(column "Grad 1"\)/);
    expect(second).toMatchObject({ ok: false, id: 'c-10', location: { line: 3 } });
    expect(second && !second.ok && second.error).toMatch(/submittedAt \(column "Applied On"\)/);
  });

  it('never throws on any row, whatever the headers', () => {
    const layout = defaultLayout();
    fc.assert(fc.property(fc.dictionary(fc.oneof(fc.string(), fc.constantFrom(...Object.keys(layout))), fc.string()), (row) => {
      csvRowToRecord(row, layout);
    }), { numRuns: 2000 });
  });
});
