/**
 * What the two-edit fallback scan of the term dictionary files terms under
 * and filters them by: letter triples (with start and end marks) keyed by
 * term length, and a one-word mask of the letters a term holds. Pure.
 */
const START = 0x5e; // "^"
const END = 0x24; // "$"

/** Character i of a token with start and end marks ("^kim$"). */
function marked(token: string, i: number): number {
  return i === 0 ? START : i === token.length + 1 ? END : token.charCodeAt(i - 1);
}

/** Start of each distinct letter triple of a token with start and end marks ("kim": ^ki, kim, im$). */
export function triplePositions(token: string): number[] {
  const out: number[] = [];
  for (let i = 0; i + 3 <= token.length + 2; i++) {
    const a = marked(token, i);
    const b = marked(token, i + 1);
    const c = marked(token, i + 2);
    if (!out.some((j) => marked(token, j) === a && marked(token, j + 1) === b && marked(token, j + 2) === c)) out.push(i);
  }
  return out;
}

/**
 * Key of the triple at `at` for terms of `length` letters: a hash of the
 * three characters and the length. Two triples that collide only share a
 * list, whose terms are compared in full anyway.
 */
export function tripleKey(token: string, at: number, length: number): number {
  let h = Math.imul(marked(token, at), 0x9e3779b1) ^ Math.imul(marked(token, at + 1), 0x85ebca77) ^ Math.imul(marked(token, at + 2), 0xc2b2ae35) ^ length;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Which letters a token holds, one bit per letter (a-z; other characters
 * share the six bits left). One edit changes at most two bits (a
 * substitution drops one letter and brings another; a swap changes none),
 * so two tokens whose masks differ in more than four bits are more than two
 * edits apart: the scan skips them without computing a distance.
 */
export function letterMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    mask |= 1 << (c >= 97 && c <= 122 ? c - 97 : 26 + (c % 6));
  }
  return mask;
}

/** Bits set in a 32-bit word. */
export function bitCount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
