import fc from 'fast-check';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MATCH_CONFIG } from '../../src/match/config.js';
import { StringTable } from '../../src/match/string-table.js';
import { TermDictionary } from '../../src/match/term-dictionary.js';

/** Saving and reading back (what a snapshot file does): v8.serialize then v8.deserialize. */
const roundTrip = <T>(value: T): T => deserialize(serialize(value)) as T;

describe('StringTable', () => {
  it('answers every look-up as the Map it was built from, before and after serialise -> deserialise', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary', maxLength: 12 }), fc.array(fc.integer({ min: -5, max: 1e6 }), { maxLength: 4 })), fc.array(fc.string({ maxLength: 12 })), (record, probes) => {
        const map = new Map(Object.entries(record));
        const built = StringTable.ofLists(map);
        const loaded = new StringTable(roundTrip(built.data));
        for (const table of [built, loaded]) {
          expect(table.size).toBe(map.size);
          for (const key of [...map.keys(), ...probes]) {
            expect(Array.from(table.list(key))).toEqual(map.get(key) ?? []);
            expect(table.has(key)).toBe(map.has(key));
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('TermDictionary data', () => {
  const token = fc.stringMatching(/^[a-z]{1,9}$/u);
  it('a dictionary read back from its data finds the same terms, rarities and frequencies for any query token', () => {
    fc.assert(
      fc.property(fc.array(fc.array(token, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 40 }), fc.array(token, { maxLength: 10 }), (names, queries) => {
        const built = new TermDictionary(DEFAULT_MATCH_CONFIG);
        names.forEach((tokens, name) => {
          tokens.forEach((t, i) => {
            built.addPosting(built.intern(t), name);
            if (i + 1 < tokens.length) built.addPosting(built.intern(t + tokens[i + 1]!, [t, tokens[i + 1]!]), name);
          });
        });
        built.finish(names.length);
        const loaded = TermDictionary.fromData(roundTrip(built.data!), DEFAULT_MATCH_CONFIG);
        expect(loaded.infos).toEqual(built.infos);
        expect(Array.from(loaded.postingIds)).toEqual(Array.from(built.postingIds));
        const asked = [...queries, ...names.flat()];
        for (const text of asked) {
          const [a, b] = [built.queryToken(text), loaded.queryToken(text)];
          expect({ ...b, hits: undefined }).toEqual({ ...a, hits: undefined });
          expect(loaded.hitsOf(b)).toEqual(built.hitsOf(a));
          expect(loaded.frequency(text)).toBe(built.frequency(text));
        }
        for (let i = 0; i + 1 < asked.length; i++) {
          const joined = (d: TermDictionary) => Array.from(d.joinedToken(d.queryToken(asked[i]!), d.queryToken(asked[i + 1]!)).hits.terms);
          expect(joined(loaded)).toEqual(joined(built));
        }
      }),
      { numRuns: 100 },
    );
  });
});
