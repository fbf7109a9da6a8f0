/**
 * `npm run bench -- NAME`: runs bench/NAME.ts. Each benchmark prints what it
 * measured and, as its last line, one JSON object with its figures. The
 * generators (bench/generate-*.ts) are data for benchmarks, not benchmarks:
 * `detection` screens the labelled mix of generate-labelled.ts.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const name = process.argv[2];
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !['run.ts'].includes(f) && !f.startsWith('_') && !f.startsWith('generate-'))
  .map((f) => f.replace(/\.ts$/, ''));

if (!name || !existsSync(join(here, `${name}.ts`))) {
  console.error(`usage: npm run bench -- NAME   (one of: ${available.join(', ')})`);
  process.exit(2);
}
await import(pathToFileURL(join(here, `${name}.ts`)).href);
