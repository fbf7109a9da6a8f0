/** talisman ships no types: the one metric the tests and the benchmark compare against. */
declare module 'talisman/metrics/jaro-winkler.js' {
  const jaroWinkler: (a: string, b: string) => number;
  export default jaroWinkler;
}
