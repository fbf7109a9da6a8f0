import { count } from '../plural.js';
import pc from 'picocolors';
import { locationText } from '../../parse/record-error.js';
import type { Band } from '../../score/combine.js';
import { terminalSafe } from '../terminal-text.js';
import type { ResultWriter, ScreenItem } from './types.js';

/**
 * The terminal view: one row per application, band in colour, top reasons
 * and the rule that decided the band; counts at the end. Ids, names, evidence and errors come from the records:
 * each passes through terminalSafe, so an escape sequence in a name cannot
 * reach the terminal.
 */
const BAND_COLOUR: Record<Band, (s: string) => string> = { clear: pc.green, review: pc.yellow, hold: (s) => pc.bold(pc.red(s)) };

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** Words into lines of at most `width` characters (a word longer than that is clipped). */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = '';
    }
    line = line ? `${line} ${word}` : clip(word, width);
  }
  if (line) out.push(line);
  return out;
}

export function tableWriter(options: { colour: boolean; width: number }): ResultWriter {
  const items: ScreenItem[] = [];
  const paint = (band: Band, s: string): string => (options.colour ? BAND_COLOUR[band](s) : s);
  const dim = (s: string): string => (options.colour ? pc.dim(s) : s);
  return {
    write: (item) => void items.push(item),
    finish() {
      const ok = items.filter((i) => i.ok);
      const idOf = (i: ScreenItem): string => terminalSafe(i.ok ? i.result.id : i.id ?? '?');
      const idW = Math.min(24, Math.max(2, ...items.map((i) => idOf(i).length)));
      const nameW = Math.min(26, Math.max(4, ...ok.map((i) => terminalSafe(i.result.name).length)));
      const reasonW = Math.max(30, options.width - idW - nameW - 18);
      const lines = [`${'ID'.padEnd(idW)}  ${'NAME'.padEnd(nameW)}  SCORE  ${'BAND'.padEnd(6)}  TOP REASONS`];
      const counts: Record<Band | 'error', number> = { clear: 0, review: 0, hold: 0, error: 0 };
      for (const item of items) {
        if (!item.ok) {
          counts.error++;
          lines.push(`${clip(idOf(item), idW).padEnd(idW)}  ${''.padEnd(nameW)}  ${''.padStart(5)}  ${dim('error'.padEnd(6))}  ${clip(terminalSafe(`${locationText(item.location)}: ${item.error}`), reasonW)}`);
          continue;
        }
        const r = item.result;
        counts[r.band]++;
        const reasons = r.signals.slice(0, 2).map((s) => `${s.id} (+${s.weight.toFixed(2)}): ${terminalSafe(s.evidence)}`);
        const first = reasons[0] ?? dim('no signal');
        lines.push(`${clip(idOf(item), idW).padEnd(idW)}  ${clip(terminalSafe(r.name), nameW).padEnd(nameW)}  ${String(r.score).padStart(5)}  ${paint(r.band, r.band.padEnd(6))}  ${clip(first, reasonW)}`);
        for (const more of reasons.slice(1)) lines.push(`${''.padEnd(idW + nameW + 19)}${clip(more, reasonW)}`);
        if (r.signals.length > 2) lines.push(`${''.padEnd(idW + nameW + 19)}${dim(`… ${r.signals.length - 2} more`)}`);
        // Why this band: the rule that decided it, whenever it says more than "the score is under review" (a score and a band can seem to disagree).
        if (!/^(no-evidence|below-review):/.test(r.bandReason)) {
          for (const part of wrap(`why ${r.band}: ${terminalSafe(r.bandReason)}`, reasonW)) lines.push(`${''.padEnd(idW + nameW + 19)}${dim(part)}`);
        }
      }
      lines.push('');
      lines.push(
        `${count(items.length, 'record')}: ${paint('clear', `${counts.clear} clear`)}, ${paint('review', `${counts.review} review`)}, ${paint('hold', `${counts.hold} hold`)}${counts.error ? `, ${counts.error} unreadable` : ''}`,
      );
      return `${lines.join('\n')}\n`;
    },
  };
}
