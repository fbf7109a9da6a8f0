import { InvalidArgumentError } from 'commander';

/**
 * Parsers for command-line option values, shared by every command: a bad
 * value stops the command with commander's "option '--x <n>' argument 'abc'
 * is invalid" and the reason below.
 */

/** A parser for numbers that `accepts`, refusing any other value with the reason `expected`. */
function numberParser(accepts: (n: number) => boolean, expected: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!accepts(n)) throw new InvalidArgumentError(expected);
    return n;
  };
}

/** 1, 2, 3 ... */
export const positiveInteger = numberParser((n) => Number.isInteger(n) && n >= 1, 'a whole number of 1 or more');

/** 0, 1, 2 ... */
export const wholeNumber = numberParser((n) => Number.isInteger(n) && n >= 0, 'a whole number, 0 or more');

/** 0 or more, fractions allowed (seconds). */
export const nonNegativeNumber = numberParser((n) => Number.isFinite(n) && n >= 0, 'a number, 0 or more');

/** 0 to 1 (scores, thresholds). */
export const unitInterval = numberParser((n) => Number.isFinite(n) && n >= 0 && n <= 1, 'a number from 0 to 1');

export const port = numberParser((n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'a port number 0-65535');

/** One of a fixed set of words. */
export function oneOf<T extends string>(values: readonly T[]): (value: string) => T {
  return (value) => {
    if (!values.includes(value as T)) throw new InvalidArgumentError(`one of ${values.join(', ')}`);
    return value as T;
  };
}
