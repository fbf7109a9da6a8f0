import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { nonNegativeNumber, oneOf, port, positiveInteger, unitInterval, wholeNumber } from '../../src/cli/option-parsers.js';

describe('command-line option values', () => {
  it.each([
    [positiveInteger, '1000', 1000, ['0', '-3', '2.5', 'abc', '']],
    [wholeNumber, '0', 0, ['-1', '1.5', 'many']],
    [nonNegativeNumber, '2.5', 2.5, ['-0.1', 'soon', 'Infinity']],
    [unitInterval, '0.86', 0.86, ['1.2', '-0.1', 'high']],
    [port, '8080', 8080, ['65536', '-1', '80.5', 'http']],
  ] as const)('%o reads a good value and refuses bad ones with a reason', (parse, good, value, bad) => {
    expect(parse(good)).toBe(value);
    for (const b of bad) expect(() => parse(b), b).toThrow(InvalidArgumentError);
  });

  it('oneOf names the allowed words', () => {
    const format = oneOf(['table', 'json'] as const);
    expect(format('json')).toBe('json');
    expect(() => format('xml')).toThrow('one of table, json');
  });
});
