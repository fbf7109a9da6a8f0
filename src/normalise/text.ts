/**
 * Text folding shared by every normaliser: compatibility forms (NFKC), case,
 * and Latin diacritics removed, while other scripts (Hangul, Han, Cyrillic)
 * survive intact. Pure and total: any string in, a string out.
 */
const COMBINING_MARKS = /\p{Mn}+/gu;

const PLAIN_ASCII = /^[\x20-\x7e]*$/;

export function foldText(input: string): string {
  // Printable ASCII has no compatibility forms or marks: lower case is the whole fold.
  if (PLAIN_ASCII.test(input)) return input.toLowerCase();
  return input
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFKC');
}

/** Collapse runs of whitespace and trim. */
export function squashSpaces(input: string): string {
  return input.replace(/\s+/gu, ' ').trim();
}
