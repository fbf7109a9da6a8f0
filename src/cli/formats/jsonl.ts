import { locationText } from '../../parse/record-error.js';
import { contractResult } from '../../score/result-contract.js';
import type { ResultWriter, ScreenItem } from './types.js';

/** docs/RECORDS.md section 3: one line per application, in input order; unreadable ones as {id?, error}. */
export function jsonlLine(item: ScreenItem): string {
  if (item.ok) return JSON.stringify(contractResult(item.result));
  return JSON.stringify({ ...(item.id ? { id: item.id } : {}), error: `${locationText(item.location)}: ${item.error}` });
}

export function jsonlWriter(emit: (chunk: string) => void): ResultWriter {
  return {
    write: (item) => emit(`${jsonlLine(item)}\n`),
    finish: () => '',
  };
}
