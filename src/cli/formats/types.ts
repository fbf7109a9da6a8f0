import type { RecordError } from '../../parse/record-error.js';
import type { ScreenResult } from '../../score/screen.js';

/** One line of output: a result, or a record that could not be read. */
export type ScreenItem = { readonly ok: true; readonly result: ScreenResult } | RecordError;

/** Writes screening output in one format. Streaming formats write as items arrive. */
export interface ResultWriter {
  write(item: ScreenItem): void;
  /** Called once after the last item; returns the rest of the output. */
  finish(): string;
}

export type OutputFormat = 'table' | 'jsonl' | 'csv' | 'html';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'jsonl', 'csv', 'html'];
