/**
 * What any decoded JSON value from outside must satisfy before anything reads,
 * hashes or stores it, whatever its fields mean:
 *
 * - it nests at most `maxDepth` levels (the value itself is level 1; each
 *   object or array inside adds one), so recursive code downstream (the
 *   canonical JSON a record is hashed by) cannot run out of stack;
 * - every string, field names included, is text that can be stored: no NUL
 *   (PostgreSQL text cannot hold one) and no lone UTF-16 surrogate (it is not
 *   Unicode, and would be stored as U+FFFD, unlike what was hashed);
 * - no string is longer than `maxText` characters.
 *
 * The walk is iterative and stops at the first problem, which it names by
 * its path.
 */
export const MAX_RECORD_DEPTH = 32;
/** A request body wraps records (`{"applications": [...]}`): it may nest this deep. */
export const MAX_BODY_DEPTH = 64;
/** The longest string anywhere in a record (the resume's limit). */
export const MAX_ANY_TEXT = 200_000;

export interface JsonProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export const NUL_MESSAGE = 'contains a NUL character (\\u0000), which cannot be stored';
export const SURROGATE_MESSAGE = 'contains a lone UTF-16 surrogate (not valid Unicode)';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored, or undefined when it can. */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return NUL_MESSAGE;
  // Most text has no surrogate at all: the regular expression runs only when one is present.
  if (/[\uD800-\uDFFF]/.test(text) && LONE_SURROGATE.test(text)) return SURROGATE_MESSAGE;
  return undefined;
}

/** True when `text` is storable (see textProblem). */
export const isStorableText = (text: string): boolean => textProblem(text) === undefined;

interface Frame {
  readonly value: unknown;
  readonly key: string | number | undefined;
  readonly parent: Frame | undefined;
  readonly depth: number;
}

function pathOf(frame: Frame | undefined, last?: string | number): (string | number)[] {
  const path: (string | number)[] = last === undefined ? [] : [last];
  for (let f = frame; f && f.key !== undefined; f = f.parent) path.unshift(f.key);
  return path;
}

export interface JsonLimits {
  readonly maxDepth?: number;
  readonly maxText?: number;
}

/** The first problem of a decoded JSON value (see above), or undefined. */
export function findJsonProblem(value: unknown, limits: JsonLimits = {}): JsonProblem | undefined {
  const maxDepth = limits.maxDepth ?? MAX_RECORD_DEPTH;
  const maxText = limits.maxText ?? Infinity;
  const textAt = (text: string, frame: Frame | undefined, key?: string | number): JsonProblem | undefined => {
    const problem = textProblem(text) ?? (text.length > maxText ? `too long: at most ${maxText} characters` : undefined);
    return problem ? { path: pathOf(frame, key), message: problem } : undefined;
  };
  if (typeof value === 'string') return textAt(value, undefined);
  if (value === null || typeof value !== 'object') return undefined;
  const stack: Frame[] = [{ value, key: undefined, parent: undefined, depth: 1 }];
  const inner: Frame[] = [];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.depth > maxDepth) return { path: pathOf(frame), message: `nested deeper than ${maxDepth} levels` };
    // Strings of this level are checked at once; objects and arrays are walked after, first one first.
    const visit = (child: unknown, key: string | number): JsonProblem | undefined => {
      if (typeof child === 'string') return textAt(child, frame, key);
      if (child !== null && typeof child === 'object') inner.push({ value: child, key, parent: frame, depth: frame.depth + 1 });
      return undefined;
    };
    if (Array.isArray(frame.value)) {
      for (let i = 0; i < frame.value.length; i++) {
        const problem = visit(frame.value[i], i);
        if (problem) return problem;
      }
    } else {
      for (const key of Object.keys(frame.value as object)) {
        const keyProblem = textProblem(key);
        if (keyProblem) return { path: pathOf(frame, key), message: `field name ${keyProblem}` };
        const problem = visit((frame.value as Record<string, unknown>)[key], key);
        if (problem) return problem;
      }
    }
    while (inner.length > 0) stack.push(inner.pop()!);
  }
  return undefined;
}

/** A NUL or a UTF-16 surrogate, as a character or as a JSON escape (a valid pair also matches: then the walk decides). */
const RAW_SUSPECT_TEXT = /\u0000|[\uD800-\uDFFF]|\\u(?:0000|[dD][89a-fA-F])/;

/** How many times `char` occurs in `text`, counting no further than `stopAfter`. */
function occurrences(text: string, char: string, stopAfter: number): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1 && n <= stopAfter; i = text.indexOf(char, i + 1)) n++;
  return n;
}

/**
 * False when the raw JSON text of a value proves that findJsonProblem would
 * find nothing in it, so the walk can be skipped: no NUL or surrogate in it,
 * as a character or an escape (a decoded string holds only what its text
 * spells); no longer than `maxText` (no string in it can be longer); and at
 * most `maxDepth` opening brackets (no deeper nesting is possible). Brackets
 * and escapes inside strings count too, so the answer errs towards walking.
 */
export function rawTextNeedsWalk(json: string, limits: JsonLimits = {}): boolean {
  const maxDepth = limits.maxDepth ?? MAX_RECORD_DEPTH;
  const maxText = limits.maxText ?? Infinity;
  if (json.length > maxText || RAW_SUSPECT_TEXT.test(json)) return true;
  const objects = occurrences(json, '{', maxDepth);
  return objects > maxDepth || objects + occurrences(json, '[', maxDepth - objects) > maxDepth;
}
