/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent
 * transposition, each costing one edit), computed only up to `limit`:
 * returns limit + 1 as soon as the distance must exceed it. Only the band of
 * cells within `limit` of the diagonal is computed, in three reusable rows,
 * since this runs in the hot loop.
 */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)] as const;

export function editDistance(a: string, b: string, limit: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > limit) return limit + 1;
  if (la === 0 || lb === 0) return Math.max(la, lb);
  if (lb + 1 > rows[0].length) rows = [new Int32Array(lb * 2), new Int32Array(lb * 2), new Int32Array(lb * 2)];
  const over = limit + 1;
  let [before, previous, current] = rows;
  for (let j = 0; j <= lb; j++) previous[j] = j <= limit ? j : over;
  for (let i = 1; i <= la; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(lb, i + limit);
    current[0] = i <= limit ? i : over;
    if (from > 1) current[from - 1] = over;
    let rowMin = over;
    const ca = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = previous[j - 1]! + (ca === cb ? 0 : 1);
      const up = previous[j]! + 1;
      if (up < d) d = up;
      const left = current[j - 1]! + 1;
      if (left < d) d = left;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        const swap = before[j - 2]! + 1;
        if (swap < d) d = swap;
      }
      if (d > over) d = over;
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (to < lb) current[to + 1] = over;
    if (rowMin > limit) return over;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[lb]!, over);
}
