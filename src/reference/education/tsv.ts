/**
 * The tab-separated files of data/education/: a header line, then one record
 * a line. Values never hold tabs or line breaks (the build script replaces
 * them with spaces). Lines starting with "#" are comments.
 */
export type TsvRow = Readonly<Record<string, string>>;

export function parseTsv(text: string): TsvRow[] {
  const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));
  const header = lines.shift()?.replace(/\r$/, '').split('\t') ?? [];
  return lines.map((line) => {
    const cells = line.replace(/\r$/, '').split('\t');
    const row: Record<string, string> = {};
    header.forEach((h, i) => (row[h] = cells[i] ?? ''));
    return row;
  });
}

const clean = (v: unknown): string => String(v ?? '').replace(/[\t\r\n]+/g, ' ').trim();

export function formatTsv(header: readonly string[], rows: readonly (readonly unknown[])[], comments: readonly string[] = []): string {
  return [...comments.map((c) => `# ${c}`), header.join('\t'), ...rows.map((r) => r.map(clean).join('\t'))].join('\n') + '\n';
}
