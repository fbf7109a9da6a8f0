import type { SeriesRow, Trends } from '../../service/trends.js';
import { esc } from './html-text.js';

/**
 * Trends as one self-contained HTML page (`hirewatch report trends`): charts
 * are inline SVG drawn from the figures, as in the evaluation report
 * (evaluation-html.ts); nothing is fetched and the page works offline.
 */
const W = 760;
const H = 260;
const PAD = { left: 48, right: 16, top: 14, bottom: 46 };
const PALETTE = ['#3461c1', '#d9534f', '#e08e0b', '#1b7f3b', '#8e44ad', '#16a2b8', '#6c757d', '#c2185b', '#795548', '#2e7d32', '#5d4037', '#37474f'];
const COUNT_COLOURS = { screened: '#9fb4d9', flagged: '#e08e0b', held: '#b3001b', confirmed: '#111' } as const;

const pct = (x: number | null): string => (x === null ? '–' : `${x > 0 ? '+' : ''}${Math.round(x * 100)} %`);
const svg = (label: string, body: string, h = H): string => `<svg viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" role="img" aria-label="${esc(label)}">${body}</svg>`;

/** Axes over n periods (labels thinned to fit) and 0..max; returns the drawing and the coordinate functions. */
function frame(labels: readonly string[], max: number, yFormat: (v: number) => string = String) {
  const n = Math.max(1, labels.length);
  const slot = (W - PAD.left - PAD.right) / n;
  const x = (i: number): number => PAD.left + slot * (i + 0.5);
  const y = (v: number): number => H - PAD.bottom - (max ? v / max : 0) * (H - PAD.top - PAD.bottom);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  const every = Math.ceil(n / 14);
  const grid = ticks.map((t) => `<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(t)}" y2="${y(t)}"/><text x="${PAD.left - 6}" y="${y(t) + 4}" text-anchor="end">${esc(yFormat(t))}</text>`).join('');
  const xs = labels.map((l, i) => (i % every === 0 ? `<text x="${x(i)}" y="${H - PAD.bottom + 16}" text-anchor="middle">${esc(l)}</text>` : '')).join('');
  return { slot, x, y, axes: `${grid}${xs}<line class="axis" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(0)}" y2="${y(0)}"/>` };
}

const legend = (items: readonly { name: string; colour: string }[], y = H - 12): string => {
  let at = PAD.left;
  return items.map((it) => {
    const s = `<rect x="${at}" y="${y - 9}" width="10" height="10" fill="${it.colour}"/><text x="${at + 14}" y="${y}">${esc(it.name)}</text>`;
    at += 24 + it.name.length * 6.2;
    return s;
  }).join('');
};

function countsChart(t: Trends): string {
  const labels = t.periods.map((p) => p.period);
  const max = Math.max(1, ...t.periods.map((p) => p.screened));
  const f = frame(labels, niceMax(max));
  const bar = Math.min(36, f.slot * 0.7);
  const bars = t.periods.map((p, i) => `<rect fill="${COUNT_COLOURS.screened}" x="${f.x(i) - bar / 2}" y="${f.y(p.screened)}" width="${bar}" height="${f.y(0) - f.y(p.screened)}"><title>${esc(p.period)}: ${p.screened} screened</title></rect>`).join('');
  const line = (k: 'flagged' | 'held' | 'confirmed'): string => {
    const pts = t.periods.map((p, i) => `${i ? 'L' : 'M'}${f.x(i).toFixed(1)} ${f.y(p[k]).toFixed(1)}`).join('');
    const dots = t.periods.map((p, i) => `<circle cx="${f.x(i)}" cy="${f.y(p[k])}" r="3" fill="${COUNT_COLOURS[k]}"><title>${esc(p.period)}: ${p[k]} ${k}</title></circle>`).join('');
    return `<path d="${pts}" fill="none" stroke="${COUNT_COLOURS[k]}" stroke-width="2"/>${dots}`;
  };
  return svg('applications screened, flagged, held and confirmed per period', `${f.axes}${bars}${line('flagged')}${line('held')}${line('confirmed')}${legend(Object.entries(COUNT_COLOURS).map(([name, colour]) => ({ name, colour })))}`);
}

function niceMax(v: number): number {
  const p = 10 ** Math.floor(Math.log10(Math.max(1, v)));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((m) => m >= v) ?? v;
}

function sharesChart(t: Trends): string {
  const labels = t.periods.map((p) => p.period);
  const f = frame(labels, 1, (v) => `${Math.round(v * 100)} %`);
  const bar = Math.min(36, f.slot * 0.7);
  const cols = labels.map((_l, i) => {
    let acc = 0;
    return t.families.map((fam, j) => {
      const share = fam.perPeriod[i]!;
      const rect = share > 0 ? `<rect fill="${PALETTE[j % PALETTE.length]}" x="${f.x(i) - bar / 2}" y="${f.y(acc + share)}" width="${bar}" height="${f.y(acc) - f.y(acc + share)}"><title>${esc(labels[i]!)}: ${esc(fam.name)} ${Math.round(share * 100)} %</title></rect>` : '';
      acc += share;
      return rect;
    }).join('');
  }).join('');
  return svg("each family's share of the signals per period", `${f.axes}${cols}${legend(t.families.map((fam, j) => ({ name: fam.name, colour: PALETTE[j % PALETTE.length]! })))}`);
}

function educationChart(t: Trends): string {
  const labels = t.periods.map((p) => p.period);
  const f = frame(labels, niceMax(Math.max(1, ...t.education.map((e) => e.applications))));
  const series = [
    { name: 'applications claiming education', colour: '#3461c1', v: t.education.map((e) => e.applications) },
    { name: 'with an education signal', colour: '#d9534f', v: t.education.map((e) => e.withEducationSignal) },
  ];
  const lines = series.map((s) => `<path d="${s.v.map((v, i) => `${i ? 'L' : 'M'}${f.x(i).toFixed(1)} ${f.y(v).toFixed(1)}`).join('')}" fill="none" stroke="${s.colour}" stroke-width="2"/>${s.v.map((v, i) => `<circle cx="${f.x(i)}" cy="${f.y(v)}" r="3" fill="${s.colour}"><title>${esc(labels[i]!)}: ${v} ${esc(s.name)}</title></circle>`).join('')}`).join('');
  return svg('education claims per period', `${f.axes}${lines}${legend(series.map((s) => ({ name: s.name, colour: s.colour })))}`);
}

const seriesTable = (title: string, rows: readonly SeriesRow[], labels: readonly string[], format: (v: number) => string = String, extra?: (r: SeriesRow) => string): string =>
  `<table><thead><tr><th>${esc(title)}</th>${labels.map((l) => `<th>${esc(l)}</th>`).join('')}<th>total</th></tr></thead><tbody>${rows.map((r) => `<tr><td>${extra ? extra(r) : esc(r.name)}</td>${r.perPeriod.map((v) => `<td>${format(v)}</td>`).join('')}<td>${r.total}</td></tr>`).join('')}</tbody></table>`;

const STYLE = `body{font:14px system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}h1{font-size:20px}h2{font-size:16px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0}th,td{padding:4px 10px;border-bottom:1px solid #ddd;text-align:right}th:first-child,td:first-child{text-align:left}
.wide{overflow-x:auto}figure{margin:0}figcaption{font-weight:600;margin-bottom:4px}.note{color:#555}.up{color:#b3001b}.down{color:#1b7f3b}.fam{color:#777;font-size:12px}
svg text{font:11px system-ui,sans-serif;fill:#333}.grid{stroke:#eee}.axis{stroke:#999}`;

export function trendsHtml(t: Trends): string {
  const labels = t.periods.map((p) => p.period);
  const change = (x: number | null): string => `<span class="${x === null || x === 0 ? '' : x > 0 ? 'up' : 'down'}">${pct(x)}</span>`;
  const rows = t.periods.map((p) => `<tr><td>${esc(p.period)}</td><td>${p.screened}</td><td>${change(p.change.screened)}</td><td>${p.flagged}</td><td>${change(p.change.flagged)}</td><td>${p.held}</td><td>${change(p.change.held)}</td><td>${p.confirmed}</td><td>${change(p.change.confirmed)}</td></tr>`).join('');
  const edu = t.periods.map((p, i) => `<tr><td>${esc(p.period)}</td><td>${t.education[i]!.applications}</td><td>${t.education[i]!.claims}</td><td>${t.education[i]!.withEducationSignal}</td></tr>`).join('');
  const title = `Trends by ${t.by}: ${t.org}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head><body>
<h1>${esc(title)}</h1>
<p>${t.totals.screened} applications screened over ${t.periods.length} ${t.by === 'week' ? 'ISO weeks' : 'quarters'}${labels.length ? ` (${esc(labels[0]!)} to ${esc(labels[labels.length - 1]!)})` : ''}: ${t.totals.flagged} flagged (review or hold), ${t.totals.held} held, ${t.totals.confirmed} confirmed fraud. Each application counts once, in the period it was first received, with its latest result. Generated ${esc(t.generatedAt)}.</p>
<figure><figcaption>Screened, flagged, held and confirmed per ${t.by}</figcaption>${countsChart(t)}</figure>
<div class="wide"><table><thead><tr><th>${t.by}</th><th>screened</th><th>change</th><th>flagged</th><th>change</th><th>held</th><th>change</th><th>confirmed</th><th>change</th></tr></thead><tbody>${rows}</tbody></table></div>
<p class="note">Change: on the ${t.by} before; – when the ${t.by} before had none.</p>
<h2>Top signals</h2>
<div class="wide">${seriesTable('signal (applications)', t.topSignals, labels, String, (r) => `<code>${esc(r.name)}</code> <span class="fam">${esc((r as { family?: string }).family ?? '')}</span>`)}</div>
<h2>Each family's share of the signals</h2>
<figure>${sharesChart(t)}</figure>
<div class="wide">${seriesTable('family (share)', t.families, labels, (v) => `${Math.round(v * 100)} %`)}</div>
<h2>Education claims over time</h2>
<figure>${educationChart(t)}</figure>
<table><thead><tr><th>${t.by}</th><th>applications claiming education</th><th>entries claimed</th><th>with an education signal</th></tr></thead><tbody>${edu}</tbody></table>
<h3>Institutions claimed most often</h3>
<div class="wide">${seriesTable('institution (claims)', t.institutions, labels)}</div>
</body></html>
`;
}
