/**
 * Text of the HTML report: escaping, links, and evidence written for a
 * reviewer, with the name matcher's working (how each word paired, the
 * score factors) folded away one click down.
 */
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const URL_PATTERN = /https?:\/\/[^\s<>"')]+[^\s<>"').,;:]/g;

/** Escaped text with every http(s) address a link (opened in a new tab, no referrer). */
export function linkify(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(URL_PATTERN)) {
    out += esc(text.slice(last, m.index));
    out += `<a href="${esc(m[0])}" rel="noreferrer noopener" target="_blank">${esc(m[0])}</a>`;
    last = m.index + m[0].length;
  }
  return out + esc(text.slice(last));
}

/**
 * The name matcher's working inside watchlist evidence: from the quoted
 * listed name to its final "score 0.920" (`: "WEI, Zhang": zhang=zhang,
 * wei=wei; country US, listed CN/HK: disagrees (x0.92); score 0.920`).
 */
const MATCHER_WORKING = /: "[^"]*": [^;()]*=[^;]*(?:; [^;]*)*?; score \d\.\d{3}/;

/** Evidence as a reviewer reads it; the matcher's working, when there is some, in a fold of its own. */
export function evidenceHtml(evidence: string): string {
  const m = MATCHER_WORKING.exec(evidence);
  if (!m) return linkify(evidence);
  const before = evidence.slice(0, m.index);
  const after = evidence.slice(m.index + m[0].length);
  return `${linkify(before)}${linkify(after)} <details class="working"><summary>how the names matched</summary><code>${esc(m[0].slice(2))}</code></details>`;
}
