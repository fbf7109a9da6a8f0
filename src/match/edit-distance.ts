/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent
 * transposition, each costing one edit), computed only up to `limit`:
 * returns limit + 1 as soon as the distance must exceed it. The common
 * prefix and suffix are set aside first (they never cost an edit), so a
 * typical slip leaves a middle of one or two letters; only the band of
 * cells within `limit` of the diagonal is computed, in three reusable rows,
 * since this runs in the hot loop.
 */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)] as const;

export function editDistance(a: string, b: string, limit: number): number {
  let endA = a.length;
  let endB = b.length;
  if (Math.abs(endA - endB) > limit) return limit + 1;
  let start = 0;
  while (start < endA && start < endB && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  const la = endA - start;
  const lb = endB - start;
  const over = limit + 1;
  if (la === 0 || lb === 0) return Math.min(Math.max(la, lb), over);
  if (lb + 1 > rows[0].length) rows = [new Int32Array(lb * 2), new Int32Array(lb * 2), new Int32Array(lb * 2)];
  let before = rows[0];
  let previous = rows[1];
  let current = rows[2];
  for (let j = 0; j <= lb; j++) previous[j] = j <= limit ? j : over;
  for (let i = 1; i <= la; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(lb, i + limit);
    current[0] = i <= limit ? i : over;
    if (from > 1) current[from - 1] = over;
    let rowMin = over;
    const ca = a.charCodeAt(start + i - 1);
    const caBefore = i > 1 ? a.charCodeAt(start + i - 2) : -1;
    for (let j = from; j <= to; j++) {
      const cb = b.charCodeAt(start + j - 1);
      let d = previous[j - 1]! + (ca === cb ? 0 : 1);
      const up = previous[j]! + 1;
      if (up < d) d = up;
      const left = current[j - 1]! + 1;
      if (left < d) d = left;
      if (j > 1 && caBefore === cb && ca === b.charCodeAt(start + j - 2)) {
        const swap = before[j - 2]! + 1;
        if (swap < d) d = swap;
      }
      if (d > over) d = over;
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (to < lb) current[to + 1] = over;
    if (rowMin > limit) return over;
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  return Math.min(previous[lb]!, over);
}
