/**
 * Rebuild data/manifest.json from the files in data/: checksums, sizes and
 * record counts, with each dataset's provenance (kept in sync with
 * data/SOURCES.md). Run after changing a shipped dataset by hand:
 * `npx tsx scripts/build-manifest.ts`.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '../src/reference/data-dir.js';
import { writeManifest, type Dataset, type Manifest } from '../src/reference/manifest.js';
import { loadOfac } from '../src/reference/ofac.js';

const dir = dataDir();
// The curated list's date: change it when the list is revised.
const INSTITUTIONS_AS_OF = '2026-11-25';

function files(sub: string, pattern: RegExp): Dataset['files'] {
  return Object.fromEntries(
    readdirSync(join(dir, sub))
      .filter((f) => pattern.test(f))
      .sort()
      .map((f) => {
        const bytes = readFileSync(join(dir, sub, f));
        return [f, { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length }];
      }),
  );
}

/** Data rows of a TSV/JSONL file (header excluded for TSV). */
function lines(sub: string, file: string): number {
  const n = readFileSync(join(dir, sub, file), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#')).length;
  return file.endsWith('.tsv') ? n - 1 : n;
}

const institutionLines = readFileSync(join(dir, 'watchlists', 'high-risk-institutions.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).length;

const manifest: Manifest = {
  datasets: {
    'ofac-sdn': {
      title: 'OFAC Specially Designated Nationals list (every program; aliases, addresses, dates of birth)',
      publisher: 'U.S. Department of the Treasury, Office of Foreign Assets Control',
      url: 'https://ofac.treasury.gov/specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists',
      licence: 'public domain (U.S. Government work)',
      asOf: '2025-12',
      retrieved: '2026-11-25',
      records: loadOfac(join(dir, 'ofac')).entries.length,
      dir: 'ofac',
      files: files('ofac', /\.csv$/),
      updater: 'ofac-sdn',
      notes: 'aliases and addresses as of Dec 2025; primary names as of Jan 2023 (entries designated later are named by their aliases). See data/ofac/SOURCES.md.',
    },
    'high-risk-institutions': {
      title: 'High-risk institutions tied to DPRK IT-worker revenue schemes (companies, front companies, universities, websites, facilitators)',
      publisher: 'hirewatch, curated from OFAC, DOJ, FBI and Treasury notices (cited per entry)',
      url: 'https://ofac.treasury.gov/recent-actions',
      licence: 'facts from public-domain U.S. Government notices and cited public reporting',
      asOf: INSTITUTIONS_AS_OF,
      retrieved: INSTITUTIONS_AS_OF,
      records: institutionLines,
      dir: 'watchlists',
      files: files('watchlists', /^high-risk-institutions\.jsonl$/),
      notes: 'curated by the project; users add entries in data/watchlists/custom.jsonl. See data/watchlists/SOURCES.md.',
    },
    education: {
      title: 'U.S. institutions and programs (College Scorecard) and world universities with their web domains (Hipo university-domains-list)',
      publisher: 'U.S. Department of Education (College Scorecard); Hipo (university-domains-list)',
      url: 'https://collegescorecard.ed.gov/data/',
      licence: 'public domain (Scorecard); MIT (Hipo list, see education/LICENSE-hipo.txt)',
      asOf: '2022-06',
      retrieved: '2026-11-25',
      records: lines('education', 'us-institutions.tsv') + lines('education', 'world-universities.tsv'),
      dir: 'education',
      files: files('education', /\.(tsv|json)$/),
      notes: 'Scorecard about the 2021-22 release; programs (field of study) cover a 112-institution sample only; Hipo list Jun 2026. Derived by scripts/build-education-reference.ts; see data/education/SOURCES.md.',
    },
  },
};
writeManifest(dir, manifest);
console.log(`wrote ${join(dir, 'manifest.json')}: ${Object.entries(manifest.datasets).map(([n, d]) => `${n} ${d.records}`).join(', ')}`);
