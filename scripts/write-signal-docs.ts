/** Regenerate docs/signals.md from the signal catalogue. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSignalDocs } from '../src/catalogue/render-docs.js';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'signals.md');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, renderSignalDocs());
console.log(`wrote ${target}`);
