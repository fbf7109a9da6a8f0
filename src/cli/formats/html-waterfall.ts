import type { ScoringConfig } from '../../score/config.js';
import type { ScreenResult } from '../../score/screen.js';
import { esc } from './html-text.js';

/**
 * A result's signals as a waterfall of log-odds, from the prior to the final
 * score, with the review and hold thresholds marked. Each bar is labelled by
 * the signal's id (the full id, never clipped: the label column is as wide as
 * the longest one) and carries its evidence as a tooltip.
 */
const logit = (score: number): number => Math.log(Math.max(0.5, score) / Math.max(0.5, 100 - score));
/** Width of one character of the 11px label font, generously. */
const CHAR_PX = 6.4;

export function waterfall(result: ScreenResult, config: ScoringConfig): string {
  const steps: { label: string; from: number; to: number; title: string }[] = [];
  let at = config.prior;
  for (const s of result.signals) {
    steps.push({ label: s.id, from: at, to: at + s.weight, title: s.evidence });
    at += s.weight;
  }
  const marks = [
    { x: logit(config.thresholds.review), label: `review ${config.thresholds.review}` },
    { x: logit(config.thresholds.hold), label: `hold ${config.thresholds.hold}` },
  ];
  const xs = [config.prior, at, ...steps.map((s) => s.to), ...marks.map((m) => m.x)];
  const lo = Math.min(...xs) - 0.3;
  const hi = Math.max(...xs) + 0.3;
  const label = Math.ceil(Math.max(160, ...steps.map((s) => s.label.length * CHAR_PX)) + 12);
  const W = label + 420;
  const x = (v: number): number => label + ((v - lo) / (hi - lo)) * (W - label - 10);
  const rowH = 20;
  const rows = [{ label: `prior (${config.prior})`, from: lo, to: config.prior, title: 'log-odds before any evidence', prior: true }, ...steps.map((s) => ({ ...s, prior: false }))];
  const height = (rows.length + 1) * rowH + 16;
  const bars = rows
    .map((r, i) => {
      const y = 14 + i * rowH;
      const x0 = x(Math.min(r.from, r.to));
      const w = Math.max(2, Math.abs(x(r.to) - x(r.from)));
      const cls = r.prior ? 'prior' : r.to >= r.from ? 'up' : 'down';
      return `<g><title>${esc(r.title)}</title><text x="${label - 6}" y="${y + 13}" text-anchor="end">${esc(r.label)}</text><rect class="${cls}" x="${x0.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 6}"/></g>`;
    })
    .join('');
  const yEnd = 14 + rows.length * rowH;
  const total = `<text x="${label - 6}" y="${yEnd + 13}" text-anchor="end" class="total">score ${result.score} (${result.logOdds} log-odds)</text><rect class="total" x="${x(lo).toFixed(1)}" y="${yEnd + 3}" width="${Math.max(2, x(at) - x(lo)).toFixed(1)}" height="${rowH - 6}"/>`;
  const lines = marks.map((m) => `<line x1="${x(m.x).toFixed(1)}" x2="${x(m.x).toFixed(1)}" y1="10" y2="${height}" class="mark"/><text x="${x(m.x).toFixed(1)}" y="9" text-anchor="middle" class="marklabel">${esc(m.label)}</text>`).join('');
  return `<svg viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-label="waterfall of signal weights from the prior to score ${result.score}">${lines}${bars}${total}</svg>`;
}
