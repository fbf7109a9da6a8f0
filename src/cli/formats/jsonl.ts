import { locationText } from '../../parse/record-error.js';
import { contractView } from '../../score/screen.js';
import type { ResultWriter, ScreenItem } from './types.js';

/** records.md section 3: one line per application, in input order; unreadable ones as {id?, error}. */
export function jsonlLine(item: ScreenItem): string {
  if (item.ok) return JSON.stringify(contractView(item.result));
  return JSON.stringify({ ...(item.id ? { id: item.id } : {}), error: `${locationText(item.location)}: ${item.error}` });
}

export function jsonlWriter(emit: (chunk: string) => void): ResultWriter {
  return {
    write: (item) => emit(`${jsonlLine(item)}\n`),
    finish: () => '',
  };
}
