import { readFileSync } from 'node:fs';

/**
 * Small hand-curated CSV files whose last column (the source) may hold
 * commas: every row is split into exactly as many cells as the header has,
 * the last cell taking the rest of the line. No quoting.
 */
export function readSimpleCsv(file: string): Record<string, string>[] {
  const lines = readFileSync(file, 'utf8').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim().length > 0);
  const header = (lines[0] ?? '').split(',');
  return lines.slice(1).map((line, i) => {
    const parts = line.split(',');
    if (parts.length < header.length) throw new Error(`${file}: row ${i + 2} has ${parts.length} cells, expected ${header.length}`);
    const cells = [...parts.slice(0, header.length - 1), parts.slice(header.length - 1).join(',')];
    return Object.fromEntries(header.map((h, j) => [h, (cells[j] ?? '').trim()]));
  });
}
