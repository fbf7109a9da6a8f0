import type { Estimate, Evaluation } from '../../learn/evaluate.js';

/**
 * The evaluation as one self-contained HTML page (`hirewatch evaluate --out`): every chart
 * is inline SVG drawn from the figures, nothing is fetched, the page works offline.
 */
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pct = (x: number | null, digits = 1): string => (x === null ? '–' : `${(100 * x).toFixed(digits)} %`);
const num = (x: number | null, digits = 3): string => (x === null ? '–' : x.toFixed(digits));
const ci = (e: Estimate, f: (x: number | null) => string): string => (e.low === null || e.high === null ? f(e.value) : `${f(e.value)} <span class="ci">(${f(e.low)} to ${f(e.high)})</span>`);

const W = 420;
const H = 300;
const PAD = { left: 48, right: 12, top: 14, bottom: 40 };
const px = (x: number): number => PAD.left + x * (W - PAD.left - PAD.right);
const py = (y: number): number => H - PAD.bottom - y * (H - PAD.top - PAD.bottom);

function axes(xLabel: string, yLabel: string): string {
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const grid = ticks.map((t) => `<line class="grid" x1="${px(0)}" x2="${px(1)}" y1="${py(t)}" y2="${py(t)}"/><text x="${px(0) - 6}" y="${py(t) + 4}" text-anchor="end">${t}</text><text x="${px(t)}" y="${py(0) + 16}" text-anchor="middle">${t}</text>`).join('');
  return `${grid}<line class="axis" x1="${px(0)}" x2="${px(1)}" y1="${py(0)}" y2="${py(0)}"/><line class="axis" x1="${px(0)}" x2="${px(0)}" y1="${py(0)}" y2="${py(1)}"/><text x="${(px(0) + px(1)) / 2}" y="${H - 6}" text-anchor="middle">${esc(xLabel)}</text><text transform="translate(12 ${(py(0) + py(1)) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`;
}

const svg = (label: string, body: string, w = W, h = H): string => `<svg viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(label)}">${body}</svg>`;
const path = (points: readonly (readonly [number, number])[]): string => points.map(([x, y], i) => `${i ? 'L' : 'M'}${px(x).toFixed(1)} ${py(y).toFixed(1)}`).join('');

function rocChart(e: Evaluation): string {
  const pts = e.curve.map((p) => [p.falsePositiveRate, p.truePositiveRate] as const);
  return svg('ROC curve', `${axes('false-positive rate', 'recall (true-positive rate)')}<line class="chance" x1="${px(0)}" y1="${py(0)}" x2="${px(1)}" y2="${py(1)}"/><path class="curve" d="${path(pts)}"/><text x="${px(0.45)}" y="${py(0.12)}" class="big">AUC ${num(e.rocAuc.value)}</text>`);
}

function prChart(e: Evaluation): string {
  const pts = e.curve.slice(1).map((p) => [p.truePositiveRate, p.precision] as const);
  const base = e.applications ? e.positives / e.applications : 0;
  return svg('precision-recall curve', `${axes('recall', 'precision')}<line class="chance" x1="${px(0)}" y1="${py(base)}" x2="${px(1)}" y2="${py(base)}"/><path class="curve" d="${path(pts)}"/><text x="${px(0.05)}" y="${py(0.12)}" class="big">average precision ${num(e.prAuc.value)}</text>`);
}

function calibrationChart(e: Evaluation): string {
  const dots = e.calibration
    .filter((b) => b.applications > 0 && b.predicted !== null && b.observed.value !== null)
    .map((b) => {
      const x = px(b.predicted!);
      const whisker = b.observed.low !== null && b.observed.high !== null ? `<line class="whisker" x1="${x}" x2="${x}" y1="${py(b.observed.low)}" y2="${py(b.observed.high)}"/>` : '';
      return `<g><title>scores ${b.scores[0]}-${b.scores[1]}: ${b.applications} applications, predicted ${pct(b.predicted)}, observed ${pct(b.observed.value)}</title>${whisker}<circle class="dot" cx="${x}" cy="${py(b.observed.value!)}" r="${Math.min(9, 3 + Math.log10(b.applications + 1) * 1.5).toFixed(1)}"/></g>`;
    })
    .join('');
  return svg('calibration', `${axes('predicted (mean score)', 'observed share fraudulent')}<line class="chance" x1="${px(0)}" y1="${py(0)}" x2="${px(1)}" y2="${py(1)}"/>${dots}`);
}

function bandChart(e: Evaluation): string {
  const w = 420;
  const h = 150;
  const bands = ['clear', 'review', 'hold'] as const;
  const rowH = 40;
  const x0 = 70;
  const span = w - x0 - 140;
  const bars = bands
    .map((band, i) => {
      const c = e.confusion[band];
      const fraud = e.positives ? c.positives / e.positives : 0;
      const honest = e.negatives ? c.negatives / e.negatives : 0;
      const y = 10 + i * rowH;
      return `<text x="${x0 - 8}" y="${y + 18}" text-anchor="end" class="${band}">${band}</text><rect class="fraud" x="${x0}" y="${y}" width="${Math.max(1, fraud * span).toFixed(1)}" height="14"><title>${c.positives} of ${e.positives} fraudulent</title></rect><text x="${x0 + fraud * span + 4}" y="${y + 11}">${pct(fraud)} of fraudulent</text><rect class="honest" x="${x0}" y="${y + 16}" width="${Math.max(1, honest * span).toFixed(1)}" height="14"><title>${c.negatives} of ${e.negatives} honest</title></rect><text x="${x0 + honest * span + 4}" y="${y + 27}">${pct(honest, 2)} of honest</text>`;
    })
    .join('');
  return svg('applications by band and label', bars, w, h);
}

function liftChart(e: Evaluation): string {
  const shown = e.lift.filter((l) => l.applications > 0).slice(0, 30);
  const maxLift = Math.max(2, ...shown.map((l) => Math.min(50, l.lift.high ?? l.lift.value ?? 0)));
  const w = 760;
  const label = 300;
  const rowH = 18;
  const h = shown.length * rowH + 30;
  const x = (v: number): number => label + (Math.min(v, maxLift) / maxLift) * (w - label - 70);
  const rows = shown
    .map((l, i) => {
      const y = 8 + i * rowH;
      const v = l.lift.value ?? 0;
      const whisker = l.lift.low !== null && l.lift.high !== null ? `<line class="whisker" x1="${x(l.lift.low)}" x2="${x(l.lift.high)}" y1="${y + 7}" y2="${y + 7}"/>` : '';
      return `<g><title>${esc(l.id)}: ${l.positives} of ${l.applications} fraudulent, lift ${num(l.lift.value, 2)}</title><text x="${label - 6}" y="${y + 11}" text-anchor="end">${esc(l.id)}</text><rect class="${v >= 1 ? 'fraud' : 'honest'}" x="${label}" y="${y + 2}" width="${Math.max(1, x(v) - label).toFixed(1)}" height="10"/>${whisker}<text x="${x(v) + 4}" y="${y + 11}">${num(l.lift.value, 1)}</text></g>`;
    })
    .join('');
  const one = `<line class="chance" x1="${x(1)}" x2="${x(1)}" y1="0" y2="${h - 20}"/><text x="${x(1)}" y="${h - 6}" text-anchor="middle">lift 1 (no information)</text>`;
  return svg('lift of each signal', `${one}${rows}`, w, h);
}

const STYLE = `body{font:14px system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}h1{font-size:20px}h2{font-size:16px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0}th,td{padding:4px 10px;border-bottom:1px solid #ddd;text-align:right}th:first-child,td:first-child{text-align:left}
.ci{color:#777;font-size:12px}.charts{display:flex;flex-wrap:wrap;gap:20px}.charts figure{margin:0}figcaption{font-weight:600;margin-bottom:4px}
svg text{font:11px system-ui,sans-serif;fill:#333}svg .big{font-size:14px;font-weight:600}.grid{stroke:#eee}.axis{stroke:#999}.chance{stroke:#bbb;stroke-dasharray:4 3}
.curve{fill:none;stroke:#3461c1;stroke-width:2}.dot{fill:#3461c1;fill-opacity:.8}.whisker{stroke:#333;stroke-width:1.2}rect.fraud{fill:#d9534f}rect.honest{fill:#5b9bd5}
.clear{color:#1b7f3b;fill:#1b7f3b}.review{color:#a86b00;fill:#a86b00}.hold{color:#b3001b;fill:#b3001b}.note{color:#555}`;

export function evaluationHtml(e: Evaluation, meta: { title: string; labels: string; scoredFrom: string; weights: string }): string {
  const confusionRows = (['clear', 'review', 'hold'] as const)
    .map((b) => `<tr><td class="${b}">${b}</td><td>${e.confusion[b].positives}</td><td>${e.confusion[b].negatives}</td><td>${pct(e.positives ? e.confusion[b].positives / e.positives : null)}</td><td>${pct(e.negatives ? e.confusion[b].negatives / e.negatives : null, 2)}</td></tr>`)
    .join('');
  const cutoffRows = e.cutoffs
    .map((c) => `<tr><td>${c.at === 'review' ? 'flagged (review or hold)' : 'held'}</td><td>${c.truePositives}</td><td>${c.falsePositives}</td><td>${c.falseNegatives}</td><td>${c.trueNegatives}</td><td>${ci(c.precision, pct)}</td><td>${ci(c.recall, pct)}</td><td>${ci(c.falsePositiveRate, (x) => pct(x, 2))}</td></tr>`)
    .join('');
  const calRows = e.calibration.map((b) => `<tr><td>${b.scores[0]}–${b.scores[1]}</td><td>${b.applications}</td><td>${b.positives}</td><td>${pct(b.predicted)}</td><td>${ci(b.observed, pct)}</td></tr>`).join('');
  const liftRows = e.lift.map((l) => `<tr><td><code>${esc(l.id)}</code></td><td>${l.applications}</td><td>${l.positives}</td><td>${ci(l.lift, (x) => num(x, 2))}</td></tr>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(meta.title)}</title><style>${STYLE}</style></head><body>
<h1>${esc(meta.title)}</h1>
<p>${e.applications} labelled applications (${e.positives} fraudulent, ${e.negatives} honest) from <code>${esc(meta.labels)}</code>, scored ${esc(meta.scoredFrom)} under ${esc(meta.weights)}. Intervals are 95 % bootstrap intervals (${e.bootstrap.resamples} resamples of the applications, seed ${e.bootstrap.seed}): the same labels give the same page.</p>
<p><b>ROC AUC ${ci(e.rocAuc, (x) => num(x))}</b> · <b>precision-recall AUC (average precision) ${ci(e.prAuc, (x) => num(x))}</b></p>
<div class="charts">
<figure><figcaption>Where each label lands, by band</figcaption>${bandChart(e)}</figure>
<figure><figcaption>ROC curve (log-odds thresholds)</figcaption>${rocChart(e)}</figure>
<figure><figcaption>Precision against recall</figcaption>${prChart(e)}</figure>
<figure><figcaption>Calibration: predicted against observed</figcaption>${calibrationChart(e)}</figure>
</div>
<h2>Confusion by band</h2>
<table><thead><tr><th>band</th><th>fraudulent</th><th>honest</th><th>share of fraudulent</th><th>share of honest</th></tr></thead><tbody>${confusionRows}</tbody></table>
<h2>Precision, recall and false-positive rate at each band</h2>
<table><thead><tr><th>cut</th><th>true pos.</th><th>false pos.</th><th>false neg.</th><th>true neg.</th><th>precision</th><th>recall</th><th>false-positive rate</th></tr></thead><tbody>${cutoffRows}</tbody></table>
<p class="note">Precision depends on the share of fraud among the labelled applications; labels from decided cases over-represent flagged applications, so read recall and the false-positive rate against the cases that reached a decision.</p>
<h2>Calibration</h2>
<table><thead><tr><th>scores</th><th>applications</th><th>fraudulent</th><th>predicted (mean score)</th><th>observed</th></tr></thead><tbody>${calRows}</tbody></table>
<h2>Each signal's lift</h2>
<p class="note">Lift: the share fraudulent among applications showing the signal over the share among all. Above 1 the signal points at fraud on these labels; near or under 1 it does not.</p>
${liftChart(e)}
<table><thead><tr><th>signal</th><th>applications</th><th>fraudulent</th><th>lift</th></tr></thead><tbody>${liftRows}</tbody></table>
</body></html>
`;
}
