import type { Signal } from '../api';

/**
 * The score as a waterfall: from the prior, each signal's weight (log-odds, after its
 * family's cap) added in turn, to the total the score is read from. Drawn in SVG for the
 * eye (aria-hidden); the table beside it carries the same numbers for everyone.
 */
export function Waterfall({ signals, score, label }: { signals: Signal[]; score: number; label: string }) {
  const clamped = Math.min(Math.max(score, 0.5), 99.5) / 100;
  const total = Math.log(clamped / (1 - clamped));
  const sum = signals.reduce((a, s) => a + s.weight, 0);
  const prior = total - sum;
  const rows: { name: string; from: number; to: number; kind: 'prior' | 'up' | 'down' | 'total' }[] = [
    { name: 'prior', from: 0, to: prior, kind: 'prior' },
  ];
  let at = prior;
  for (const s of signals) {
    rows.push({ name: s.id, from: at, to: at + s.weight, kind: s.weight >= 0 ? 'up' : 'down' });
    at += s.weight;
  }
  rows.push({ name: `score ${score}`, from: 0, to: at, kind: 'total' });
  const lo = Math.min(0, ...rows.map((r) => Math.min(r.from, r.to))) - 0.5;
  const hi = Math.max(0, ...rows.map((r) => Math.max(r.from, r.to))) + 0.5;
  const W = 520;
  const labelW = 250;
  const rowH = 22;
  const x = (v: number) => labelW + ((v - lo) / (hi - lo)) * (W - labelW - 10);
  const H = rows.length * rowH + 24;
  return (
    <figure className="waterfall">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`${label}: waterfall from the prior ${prior.toFixed(2)} through ${signals.length} signals to a total of ${at.toFixed(2)} log-odds, score ${score}`}>
        <line x1={x(0)} x2={x(0)} y1={0} y2={H - 20} className="axis" />
        {rows.map((r, i) => {
          const a = Math.min(x(r.from), x(r.to));
          const w = Math.max(2, Math.abs(x(r.to) - x(r.from)));
          return (
            <g key={`${r.name}-${i}`} transform={`translate(0 ${i * rowH + 4})`}>
              <text x={labelW - 6} y={14} textAnchor="end" className="wf-label">{r.name.length > 36 ? `${r.name.slice(0, 35)}…` : r.name}</text>
              <rect x={a} y={2} width={w} height={rowH - 6} className={`wf-${r.kind}`} rx={2} />
              <text x={Math.max(x(r.from), x(r.to)) + 4} y={14} className="wf-value">{(r.to - r.from).toFixed(2)}</text>
            </g>
          );
        })}
        <text x={x(0)} y={H - 6} textAnchor="middle" className="wf-axis-label">0 log-odds (50 %)</text>
      </svg>
    </figure>
  );
}
