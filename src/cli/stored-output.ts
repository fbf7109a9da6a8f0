import { forStdout, terminalSafe } from './terminal-text.js';

/**
 * Rows read from the store (results, alerts) printed in the format asked
 * for: a table for a person (every cell made safe for the terminal, long
 * cells cut), JSON Lines or CSV (RFC 4180 quoting) for a program. Columns are
 * named once, with how to read each from a row.
 */
export type StoredFormat = 'table' | 'jsonl' | 'csv';
export const STORED_FORMATS: readonly StoredFormat[] = ['table', 'jsonl', 'csv'];

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => string | number;
  /** Widest the table prints it (default: as wide as its longest cell). */
  readonly width?: number;
}

const csvCell = (value: string | number): string => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const cut = (text: string, width: number | undefined): string => (width !== undefined && text.length > width ? `${text.slice(0, width - 1)}…` : text);

export function formatRows<T>(rows: readonly T[], columns: readonly Column<T>[], format: StoredFormat, json: (row: T) => unknown): string {
  if (format === 'jsonl') return forStdout(rows.map((r) => `${JSON.stringify(json(r))}\n`).join(''));
  if (format === 'csv') return forStdout([columns.map((c) => csvCell(c.header)).join(','), ...rows.map((r) => columns.map((c) => csvCell(c.value(r))).join(','))].join('\n') + '\n');
  const cells = rows.map((r) => columns.map((c) => cut(terminalSafe(String(c.value(r))).replace(/\s+/g, ' '), c.width)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: readonly string[]) => values.map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i]!))).join('  ').trimEnd();
  return `${[line(columns.map((c) => c.header.toUpperCase())), ...cells.map(line)].join('\n')}\n`;
}

export { count } from './plural.js';
