/**
 * Sampling error of a rate, for the detection bench's per-group figures: with a few
 * hundred people in a group and about 1 % of them flagged, a group's count is a handful,
 * and a ratio of 2 to the overall rate can be chance. Pure.
 */

/** Wilson score interval of k successes in n trials (z = 1.96: 95 %). */
export function wilson(k: number, n: number, z = 1.96): { lo: number; hi: number } {
  if (n === 0) return { lo: 0, hi: 1 };
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

/** ln Γ(x) (Lanczos, g = 7, nine coefficients; good to about 1e-13 for x > 0). */
function lnGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61503916999185, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const y = x - 1;
  let a = c[0]!;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** P(X = k) for X ~ Binomial(n, p). */
function binomialPmf(k: number, n: number, p: number): number {
  if (p <= 0) return k === 0 ? 1 : 0;
  if (p >= 1) return k === n ? 1 : 0;
  return Math.exp(lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log(1 - p));
}

/**
 * One-sided exact binomial test: the probability of k or more successes in n trials at
 * rate p, i.e. how often a group of this size would reach this count by chance if its
 * true rate were p. Small (under 0.05) means the excess is unlikely to be noise.
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  let sum = 0;
  for (let i = k; i <= n; i++) {
    const term = binomialPmf(i, n, p);
    sum += term;
    if (term < 1e-16 * sum && i > n * p) break;
  }
  return Math.min(1, sum);
}
