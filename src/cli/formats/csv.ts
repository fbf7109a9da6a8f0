import { locationText } from '../../parse/record-error.js';
import type { ResultWriter } from './types.js';

const HEADER = ['id', 'name', 'score', 'band', 'band_reason', 'signals', 'top_evidence', 'error'];

function cell(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per application: the rule that decided its band (bandReason), signal ids joined by ";", the strongest signal's evidence, or the error. */
export function csvWriter(emit: (chunk: string) => void): ResultWriter {
  emit(`${HEADER.join(',')}\n`);
  return {
    write(item) {
      const row = item.ok
        ? [item.result.id, item.result.name, item.result.score, item.result.band, item.result.bandReason, item.result.signals.map((s) => s.id).join(';'), item.result.signals[0]?.evidence ?? '', '']
        : [item.id ?? '', '', '', '', '', '', '', `${locationText(item.location)}: ${item.error}`];
      emit(`${row.map(cell).join(',')}\n`);
    },
    finish: () => '',
  };
}
