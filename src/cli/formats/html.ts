import { signalDefinition, type SignalId } from '../../catalogue/signals.js';
import { SOURCES } from '../../catalogue/sources.js';
import type { ClusterView } from '../../linkage/types.js';
import { locationText } from '../../parse/record-error.js';
import type { ScoringConfig } from '../../score/config.js';
import type { ScreenResult } from '../../score/screen.js';
import type { ScreeningProvenance } from '../../store/index.js';
import { esc, evidenceHtml, linkify } from './html-text.js';
import { waterfall } from './html-waterfall.js';
import type { ResultWriter, ScreenItem } from './types.js';

/**
 * One self-contained HTML page (nothing fetched from elsewhere) that leads
 * with what needs a person: holds first, then reviews, then records that
 * could not be read, then the clear ones, each band by score. A band filter
 * and a search box; each application's band rule, its signals by their
 * catalogue description with a link to the catalogue entry below, evidence
 * written for a reviewer with sources as links, and the score as a
 * waterfall. The header says when, by which version and with which
 * reference data it was made; printed, every application is shown opened.
 */
export interface HtmlReportOptions {
  readonly config: ScoringConfig;
  readonly title: string;
  readonly generatedFrom: string;
  /** When the report was made (ISO 8601); the caller's clock. */
  readonly generatedAt: string;
  readonly version: string;
  readonly provenance?: ScreeningProvenance;
  /** An application's cluster as it stands after the whole file; without it, the cluster each result was screened with. */
  readonly clusterOf?: (id: string, source?: string) => ClusterView | undefined;
}

const anchor = (id: string): string => `app-${id.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;
const signalAnchor = (id: string): string => `sig-${id.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
const ORDER = { hold: 0, review: 1, error: 2, clear: 3 } as const;

function definitionOf(id: string): ReturnType<typeof signalDefinition> | undefined {
  try {
    return signalDefinition(id as SignalId);
  } catch {
    return undefined;
  }
}

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

function signalItem(s: ScreenResult['signals'][number]): string {
  const definition = definitionOf(s.id);
  const headline = definition ? esc(definition.description) : esc(s.id);
  const capped = s.uncappedWeight !== undefined ? ` <i>(capped from ${s.uncappedWeight.toFixed(2)})</i>` : '';
  return `<li><p class="headline">${headline} <b>+${s.weight.toFixed(2)}</b>${capped} <a class="sigid" href="#${signalAnchor(s.id)}"><code>${esc(s.id)}</code></a></p><p class="evidence">${evidenceHtml(s.evidence)}</p></li>`;
}

function details(result: ScreenResult, config: ScoringConfig, cluster?: ClusterView): string {
  if (result.signals.length === 0) return `<p class="none">No signal fired: nothing in this application needs checking.</p>${members(result, cluster)}`;
  return `${why(result)}<ol class="signals">${result.signals.map(signalItem).join('')}</ol>${members(result, cluster)}<div class="chart">${waterfall(result, config)}</div>`;
}

/** The catalogue entries of the signals that fired, each with its public source. */
function catalogue(ids: ReadonlySet<string>): string {
  const entries = [...ids].sort().map((id) => {
    const d = definitionOf(id);
    if (!d) return `<dt id="${signalAnchor(id)}"><code>${esc(id)}</code></dt><dd>Not in this version's catalogue.</dd>`;
    const source = (SOURCES as Record<string, { title: string; publisher: string; date: string; url?: string }>)[d.source];
    const cite = source ? `${esc(source.publisher)}, ${source.url ? `<a href="${esc(source.url)}" rel="noreferrer noopener" target="_blank">${esc(source.title)}</a>` : esc(source.title)} (${esc(source.date)})` : esc(d.source);
    const weak = d.weak ? ` <i>Weak: honest people show it too (${linkify(d.weak)}); never leaves clear on its own.</i>` : '';
    return `<dt id="${signalAnchor(id)}"><code>${esc(id)}</code> <span class="family">${esc(d.family)}, default weight ${d.weight}</span></dt><dd>${esc(d.description)}${weak}<br>Source: ${cite}</dd>`;
  });
  return entries.length ? `<h2>Signals in this report</h2><dl class="catalogue">${entries.join('')}</dl>` : '';
}

function header(options: HtmlReportOptions): string {
  const p = options.provenance;
  const datasets = p ? Object.entries(p.referenceDatasets).map(([name, v]) => `${esc(name)} (as of ${esc(v.asOf)})`).join(', ') : '';
  const versions = p ? ` · catalogue <code>${esc(p.catalogueVersion)}</code>, scoring <code>${esc(p.scoringVersion)}</code>${datasets ? ` · reference data: ${datasets}` : ''}` : '';
  return `<p class="made">Screened from <code>${esc(options.generatedFrom)}</code> on ${esc(options.generatedAt.slice(0, 16).replace('T', ' '))} UTC by hirewatch ${esc(options.version)}${versions}.</p>`;
}

const STYLE = `body{font:14px system-ui,sans-serif;margin:24px;color:#222;max-width:1400px}h1{font-size:20px}h2{font-size:16px;margin-top:28px}
.made{color:#555;font-size:12px}.cards{display:flex;gap:12px;margin:12px 0}.card{padding:10px 16px;border-radius:6px;background:#f3f3f3;min-width:90px}.card b{font-size:22px;display:block}
.clear{color:#1b7f3b}.review{color:#a86b00}.hold{color:#b3001b}.error{color:#666}table{border-collapse:collapse;width:100%}
th,td{padding:5px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}th{background:#fafafa;white-space:nowrap}td.cl{white-space:nowrap}th button{font:inherit;font-weight:bold;border:0;background:none;cursor:pointer;padding:0}
th button:after{content:' ↕';color:#aaa}td.id{white-space:nowrap;font-family:ui-monospace,monospace;font-size:12px}tr.row{cursor:pointer}tr.row:hover,tr.row:focus{background:#f7f7ff}tr.detail td{background:#fcfcfc}
.controls{display:flex;gap:16px;align-items:center;margin:12px 0;flex-wrap:wrap}.controls input[type=search]{padding:5px 8px;min-width:280px}
svg text{font:11px system-ui,sans-serif}rect.up{fill:#d9534f}rect.down{fill:#5cb85c}rect.prior{fill:#bbb}rect.total{fill:#555}
line.mark{stroke:#999;stroke-dasharray:3 3}.marklabel{fill:#777}.none{color:#1b7f3b}code{font-size:12px}.cluster{color:#333}
tr.row:target{background:#fff7d6}.why{margin:4px 0 8px}ol.signals{padding-left:20px}ol.signals li{margin-bottom:8px}.headline{margin:0;font-weight:500}
.evidence{margin:2px 0;color:#333}.sigid{color:#666;text-decoration:none}.working summary{cursor:pointer;color:#666;font-size:12px}.working code{display:block;white-space:pre-wrap}
.chart{overflow-x:auto}.family{color:#666;font-size:12px}dl.catalogue dd{margin:2px 0 10px 16px}fieldset{border:0;padding:0;margin:0;display:flex;gap:10px}.sr{position:absolute;left:-9999px}
@media print{.controls,th button:after{display:none}tr.detail[hidden]{display:table-row}tr.row{break-inside:avoid}.working[open] summary,.working summary{display:none}.working code{display:block}body{margin:0}}`;

const SCRIPT = `const rows=[...document.querySelectorAll('tr.row')];
const open=(r,v)=>{const d=r.nextElementSibling;d.hidden=!v;r.setAttribute('aria-expanded',String(v));};
rows.forEach(r=>{r.addEventListener('click',e=>{if(e.target.closest('a'))return;open(r,r.nextElementSibling.hidden);});r.addEventListener('keydown',e=>{if(e.key==='Enter'||e.key===' '){e.preventDefault();open(r,r.nextElementSibling.hidden);}});});
const q=document.getElementById('q');const boxes=[...document.querySelectorAll('input[name=band]')];
const filter=()=>{const text=q.value.trim().toLowerCase();const bands=new Set(boxes.filter(b=>b.checked).map(b=>b.value));let shown=0;
rows.forEach(r=>{const ok=bands.has(r.dataset.band)&&(!text||r.textContent.toLowerCase().includes(text)||r.nextElementSibling.textContent.toLowerCase().includes(text));r.hidden=!ok;if(!ok)r.nextElementSibling.hidden=true;if(ok)shown++;});
document.getElementById('shown').textContent=shown+' of '+rows.length+' shown';};
q.addEventListener('input',filter);boxes.forEach(b=>b.addEventListener('change',filter));filter();
document.querySelectorAll('th button').forEach((btn,col)=>btn.addEventListener('click',()=>{const tb=document.querySelector('tbody');
const pairs=rows.map(r=>[r,r.nextElementSibling]);const dir=btn.dataset.dir==='asc'?-1:1;btn.dataset.dir=dir>0?'asc':'desc';
const key=r=>{const c=r.children[col];return c.dataset.v!==undefined?Number(c.dataset.v):c.textContent.toLowerCase();};
pairs.sort((a,b)=>{const x=key(a[0]),y=key(b[0]);return (x>y?1:x<y?-1:0)*dir;});pairs.forEach(([r,d])=>{tb.appendChild(r);tb.appendChild(d);});}));
const target=location.hash&&document.getElementById(decodeURIComponent(location.hash.slice(1)));if(target&&target.classList.contains('row'))open(target,true);
document.querySelectorAll('a[href^="#app-"]').forEach(a=>a.addEventListener('click',()=>{const r=document.getElementById(a.getAttribute('href').slice(1));if(r){r.hidden=false;open(r,true);}}));`;

interface Row {
  readonly order: number;
  readonly score: number;
  readonly at: number;
  readonly html: string;
}

export function htmlWriter(options: HtmlReportOptions): ResultWriter {
  const items: ScreenItem[] = [];
  return {
    write: (item) => void items.push(item),
    finish() {
      const counts = { clear: 0, review: 0, hold: 0, error: 0 };
      const fired = new Set<string>();
      const rows: Row[] = items.map((item, at) => {
        if (!item.ok) {
          counts.error++;
          return { order: ORDER.error, score: 0, at, html: `<tr class="row" tabindex="0" aria-expanded="false" data-band="error"><td class="id">${esc(item.id ?? '?')}</td><td></td><td data-v="-1"></td><td class="error" data-v="-1">unreadable</td><td></td><td>${esc(`${locationText(item.location)}: ${item.error}`)}</td></tr><tr class="detail" hidden><td colspan="6">This record could not be read; fix the named field and screen it again.</td></tr>` };
        }
        const r = item.result;
        counts[r.band]++;
        for (const s of r.signals) fired.add(s.id);
        const top = r.signals[0] ? esc(definitionOf(r.signals[0].id)?.description ?? r.signals[0].id) : '';
        const cluster = options.clusterOf?.(r.id, r.source);
        const clusterCell = cluster ? `${esc(cluster.id)} (${cluster.size})` : r.cluster ? `${esc(r.cluster.id)} (${r.cluster.size})` : '';
        const html = `<tr class="row" tabindex="0" aria-expanded="false" data-band="${r.band}" id="${anchor(r.id)}"><td class="id">${esc(r.id)}</td><td>${esc(r.name)}</td><td data-v="${r.score}">${r.score}</td><td class="${r.band}" data-v="${{ clear: 0, review: 1, hold: 2 }[r.band]}" title="${esc(r.bandReason)}">${r.band}</td><td class="cl">${clusterCell}</td><td>${top}${r.signals.length > 1 ? ` <i>(+${r.signals.length - 1} more)</i>` : ''}</td></tr><tr class="detail" hidden><td colspan="6">${details(r, options.config, cluster)}</td></tr>`;
        return { order: ORDER[r.band], score: r.score, at, html };
      });
      rows.sort((a, b) => a.order - b.order || b.score - a.score || a.at - b.at);
      const card = (cls: string, n: number, label: string): string => `<div class="card ${cls}"><b>${n}</b>${label}</div>`;
      const box = (band: string, label: string): string => `<label><input type="checkbox" name="band" value="${band}" checked> ${label}</label>`;
      return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(options.title)}</title><style>${STYLE}</style></head><body><main>
<h1>${esc(options.title)}</h1>${header(options)}
<p>Holds first, then reviews. Open a row (click, or Enter) for its evidence. <i>hold</i> means a person verifies before the process goes on; nothing here rejects anyone.</p>
<div class="cards">${card('hold', counts.hold, 'hold')}${card('review', counts.review, 'review')}${card('clear', counts.clear, 'clear')}${counts.error ? card('error', counts.error, 'unreadable') : ''}</div>
<div class="controls" role="search"><input type="search" id="q" placeholder="Search id, name, signal or evidence" aria-label="Search id, name, signal or evidence"><fieldset><legend class="sr">Bands shown</legend>${box('hold', 'hold')} ${box('review', 'review')} ${box('clear', 'clear')}${counts.error ? ` ${box('error', 'unreadable')}` : ''}</fieldset><span id="shown" aria-live="polite"></span></div>
<table><thead><tr><th><button type="button">ID</button></th><th><button type="button">Name</button></th><th><button type="button">Score</button></th><th><button type="button">Band</button></th><th><button type="button">Cluster</button></th><th><button type="button">Strongest reason</button></th></tr></thead><tbody>${rows.map((r) => r.html).join('\n')}</tbody></table>
${catalogue(fired)}
</main><script>${SCRIPT}</script></body></html>\n`;
    },
  };
}
