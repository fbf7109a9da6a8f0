import { locationText } from '../../parse/record-error.js';
import type { ScoringConfig } from '../../score/config.js';
import type { ClusterView } from '../../linkage/types.js';
import type { ScreenResult } from '../../score/screen.js';
import type { ResultWriter, ScreenItem } from './types.js';

/**
 * One self-contained HTML page: counts by band, a sortable table, and for each
 * application the rule that decided its band and its signals as a waterfall of log-odds from the prior to the
 * final score, with the review and hold thresholds marked.
 */
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const logit = (score: number): number => Math.log(Math.max(0.5, score) / Math.max(0.5, 100 - score));

function waterfall(result: ScreenResult, config: ScoringConfig): string {
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
  const W = 640;
  const LABEL = 250;
  const x = (v: number): number => LABEL + ((v - lo) / (hi - lo)) * (W - LABEL - 10);
  const rowH = 20;
  const rows = [{ label: `prior (${config.prior})`, from: lo, to: config.prior, title: 'log-odds before any evidence', prior: true }, ...steps.map((s) => ({ ...s, prior: false }))];
  const height = (rows.length + 1) * rowH + 16;
  const bars = rows
    .map((r, i) => {
      const y = 14 + i * rowH;
      const x0 = x(Math.min(r.from, r.to));
      const w = Math.max(2, Math.abs(x(r.to) - x(r.from)));
      const cls = r.prior ? 'prior' : r.to >= r.from ? 'up' : 'down';
      return `<g><title>${esc(r.title)}</title><text x="${LABEL - 6}" y="${y + 13}" text-anchor="end">${esc(r.label)}</text><rect class="${cls}" x="${x0.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 6}"/></g>`;
    })
    .join('');
  const yEnd = 14 + rows.length * rowH;
  const total = `<text x="${LABEL - 6}" y="${yEnd + 13}" text-anchor="end" class="total">score ${result.score} (${result.logOdds} log-odds)</text><rect class="total" x="${x(lo).toFixed(1)}" y="${yEnd + 3}" width="${Math.max(2, x(at) - x(lo)).toFixed(1)}" height="${rowH - 6}"/>`;
  const lines = marks.map((m) => `<line x1="${x(m.x).toFixed(1)}" x2="${x(m.x).toFixed(1)}" y1="10" y2="${height}" class="mark"/><text x="${x(m.x).toFixed(1)}" y="9" text-anchor="middle" class="marklabel">${esc(m.label)}</text>`).join('');
  return `<svg viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-label="waterfall of signal weights">${lines}${bars}${total}</svg>`;
}

const anchor = (id: string): string => `app-${id.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;

/** The other members of the application's cluster, each a link to its row. */
function members(result: ScreenResult, cluster: ClusterView | undefined): string {
  if (!cluster) return '';
  const others = cluster.members.filter((m) => m.id !== result.id);
  const listed = others.map((m) => `<a href="#${anchor(m.id)}">${esc(m.id)}</a> (${esc(m.name)}, ${esc(m.submittedAt.slice(0, 16).replace('T', ' '))})`).join(', ');
  const more = cluster.size - 1 - others.length;
  return `<p class="cluster">Cluster <b>${esc(cluster.id)}</b>: ${cluster.size} applications under ${cluster.identities} ${cluster.identities === 1 ? 'identity' : 'identities'}. Linked: ${listed}${more > 0 ? ` and ${more} more` : ''}.</p>`;
}

/** The rule that decided the band (src/score/combine.ts), split into its name and its sentence. */
function why(result: ScreenResult): string {
  const at = result.bandReason.indexOf(': ');
  const rule = at > 0 ? result.bandReason.slice(0, at) : result.bandReason;
  const sentence = at > 0 ? result.bandReason.slice(at + 2) : '';
  return `<p class="why">Why <b class="${result.band}">${result.band}</b> (rule <code>${esc(rule)}</code>)${sentence ? `: ${esc(sentence)}` : ''}.</p>`;
}

function details(result: ScreenResult, config: ScoringConfig, cluster?: ClusterView): string {
  if (result.signals.length === 0) return `<p class="none">No signal fired: nothing in this application needs checking.</p>${members(result, cluster)}`;
  const list = result.signals
    .map((s) => `<li><code>${esc(s.id)}</code> <b>+${s.weight.toFixed(2)}</b>${s.uncappedWeight !== undefined ? ` <i>(capped from ${s.uncappedWeight.toFixed(2)})</i>` : ''}: ${esc(s.evidence)}</li>`)
    .join('');
  return `${why(result)}${waterfall(result, config)}<ol>${list}</ol>${members(result, cluster)}`;
}

const STYLE = `body{font:14px system-ui,sans-serif;margin:24px;color:#222}h1{font-size:20px}.cards{display:flex;gap:12px;margin:12px 0}
.card{padding:10px 16px;border-radius:6px;background:#f3f3f3;min-width:90px}.card b{font-size:22px;display:block}
.clear{color:#1b7f3b}.review{color:#a86b00}.hold{color:#b3001b}.error{color:#666}table{border-collapse:collapse;width:100%}
th,td{padding:5px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}th{cursor:pointer;background:#fafafa;user-select:none}
th:after{content:' ↕';color:#aaa}tr.row{cursor:pointer}tr.row:hover{background:#f7f7ff}tr.detail td{background:#fcfcfc}
svg text{font:11px system-ui,sans-serif}rect.up{fill:#d9534f}rect.down{fill:#5cb85c}rect.prior{fill:#bbb}rect.total{fill:#555}
line.mark{stroke:#999;stroke-dasharray:3 3}.marklabel{fill:#777}.none{color:#1b7f3b}code{font-size:12px}.cluster{color:#333}
tr.row:target{background:#fff7d6}.why{margin:4px 0 8px}`;

const SCRIPT = `document.querySelectorAll('tr.row').forEach(r=>r.addEventListener('click',()=>{const d=r.nextElementSibling;d.hidden=!d.hidden;}));
document.querySelectorAll('th').forEach((th,col)=>th.addEventListener('click',()=>{const tb=document.querySelector('tbody');
const pairs=[...tb.querySelectorAll('tr.row')].map(r=>[r,r.nextElementSibling]);const dir=th.dataset.dir==='asc'?-1:1;th.dataset.dir=dir>0?'asc':'desc';
const key=r=>{const c=r.children[col];return c.dataset.v!==undefined?Number(c.dataset.v):c.textContent.toLowerCase();};
pairs.sort((a,b)=>{const x=key(a[0]),y=key(b[0]);return (x>y?1:x<y?-1:0)*dir;});pairs.forEach(([r,d])=>{tb.appendChild(r);tb.appendChild(d);});}));
document.querySelectorAll('a[href^="#app-"]').forEach(a=>a.addEventListener('click',()=>{const r=document.getElementById(a.getAttribute('href').slice(1));if(r)r.nextElementSibling.hidden=false;}));`;

/**
 * `clusterOf` gives an application's cluster as it stands after the whole
 * file (so the first member of a ring lists the ones that came after it);
 * without it, the cluster each result was screened with.
 */
export function htmlWriter(options: { config: ScoringConfig; title: string; generatedFrom: string; clusterOf?: (id: string, source?: string) => ClusterView | undefined }): ResultWriter {
  const items: ScreenItem[] = [];
  return {
    write: (item) => void items.push(item),
    finish() {
      const counts = { clear: 0, review: 0, hold: 0, error: 0 };
      const rows = items.map((item) => {
        if (!item.ok) {
          counts.error++;
          return `<tr class="row"><td>${esc(item.id ?? '?')}</td><td></td><td data-v="-1"></td><td class="error">error</td><td></td><td>${esc(`${locationText(item.location)}: ${item.error}`)}</td></tr><tr class="detail" hidden><td colspan="6">This record could not be read; fix the named field and screen it again.</td></tr>`;
        }
        const r = item.result;
        counts[r.band]++;
        const top = r.signals[0] ? `${esc(r.signals[0].id)}: ${esc(r.signals[0].evidence)}` : '';
        const cluster = options.clusterOf?.(r.id, r.source);
        const clusterCell = cluster ? `${esc(cluster.id)} (${cluster.size})` : r.cluster ? `${esc(r.cluster.id)} (${r.cluster.size})` : '';
        return `<tr class="row" id="${anchor(r.id)}"><td>${esc(r.id)}</td><td>${esc(r.name)}</td><td data-v="${r.score}">${r.score}</td><td class="${r.band}" data-v="${{ clear: 0, review: 1, hold: 2 }[r.band]}" title="${esc(r.bandReason)}">${r.band}</td><td>${clusterCell}</td><td>${top}${r.signals.length > 1 ? ` <i>(+${r.signals.length - 1} more)</i>` : ''}</td></tr><tr class="detail" hidden><td colspan="6">${details(r, options.config, cluster)}</td></tr>`;
      });
      const card = (cls: string, n: number, label: string): string => `<div class="card ${cls}"><b>${n}</b>${label}</div>`;
      return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(options.title)}</title><style>${STYLE}</style></head><body>
<h1>${esc(options.title)}</h1><p>Screened from <code>${esc(options.generatedFrom)}</code>. Click a row for its evidence; click a column to sort. <i>hold</i> means a person verifies before the process goes on; nothing here rejects anyone.</p>
<div class="cards">${card('clear', counts.clear, 'clear')}${card('review', counts.review, 'review')}${card('hold', counts.hold, 'hold')}${counts.error ? card('error', counts.error, 'unreadable') : ''}</div>
<table><thead><tr><th>ID</th><th>Name</th><th>Score</th><th>Band</th><th>Cluster</th><th>Strongest reason</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>
<script>${SCRIPT}</script></body></html>\n`;
    },
  };
}
