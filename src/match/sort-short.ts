/**
 * Sorts an array in place, stably. A short array (the few hits of a token,
 * the pairs of one alignment) is sorted by insertion, which allocates
 * nothing; Array.prototype.sort allocates working storage on every call,
 * which in the hot loop of a search is most of what the collector has to do.
 * Longer arrays go to Array.prototype.sort.
 */
const SHORT = 24;

export function sortShort<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  if (items.length > SHORT) return items.sort(compare);
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!;
    let j = i - 1;
    while (j >= 0 && compare(items[j]!, item) > 0) {
      items[j + 1] = items[j]!;
      j--;
    }
    items[j + 1] = item;
  }
  return items;
}
