/**
 * Jaro-Winkler similarity of two strings (0-1), with Winkler's usual prefix
 * scale of 0.1 over at most four leading characters, applied when the Jaro
 * similarity reaches the boost threshold of 0.7. Allocation-light: the match
 * flags live in two reusable buffers, since this runs in the hot loop.
 */
let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

export function jaro(x: string, y: string): number {
  if (x === y) return 1;
  // Walk the shorter string and look for its letters in the longer one.
  const [a, b] = x.length <= y.length ? [x, y] : [y, x];
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (la > flagsA.length || lb > flagsB.length) {
    flagsA = new Uint8Array(Math.max(la, lb) * 2);
    flagsB = new Uint8Array(Math.max(la, lb) * 2);
  }
  flagsA.fill(0, 0, la);
  flagsB.fill(0, 0, lb);
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    const ca = a.charCodeAt(i);
    for (let j = from; j <= to; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === ca) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  // Half the out-of-order matches, rounded down as in Winkler's strcmp95.
  return (m / la + m / lb + (m - Math.floor(transpositions / 2)) / m) / 3;
}

export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j < 0.7 || j === 1) return j;
  let prefix = 0;
  const max = Math.min(4, a.length, b.length);
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * 0.1 * (1 - j);
}
