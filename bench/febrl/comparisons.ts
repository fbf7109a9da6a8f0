import { jaroWinkler } from '../../src/match/jaro-winkler.js';
import { editDistance } from '../../src/match/edit-distance.js';
import type { PersonRecord } from './person-records.js';

/**
 * Field comparisons, Splink style: each comparison maps a pair of records to
 * a level (0 = most alike), or -1 when either value is missing (no evidence).
 */
export interface Comparison {
  readonly name: string;
  readonly levels: readonly string[];
  compare(a: PersonRecord, b: PersonRecord): number;
}

function text(field: keyof PersonRecord, name: string, cuts: readonly number[]): Comparison {
  return {
    name,
    levels: ['exact', ...cuts.map((c) => `Jaro-Winkler >= ${c}`), 'different'],
    compare(a, b) {
      const x = a[field];
      const y = b[field];
      if (!x || !y) return -1;
      if (x === y) return 0;
      const s = jaroWinkler(x, y);
      const i = cuts.findIndex((c) => s >= c);
      return i < 0 ? cuts.length + 1 : i + 1;
    },
  };
}

function edits(field: keyof PersonRecord, name: string, max: readonly number[]): Comparison {
  return {
    name,
    levels: ['exact', ...max.map((m) => `edit distance <= ${m}`), 'different'],
    compare(a, b) {
      const x = a[field];
      const y = b[field];
      if (!x || !y) return -1;
      if (x === y) return 0;
      const d = editDistance(x, y, max[max.length - 1]! + 1);
      const i = max.findIndex((m) => d <= m);
      return i < 0 ? max.length + 1 : i + 1;
    },
  };
}

/** Names compared both ways round: a swapped given name and surname counts as a close match. */
function name(field: 'given_name' | 'surname', other: 'given_name' | 'surname'): Comparison {
  const base = text(field, field, [0.92, 0.8]);
  return {
    ...base,
    compare(a, b) {
      const level = base.compare(a, b);
      if (level < 2) return level;
      return a[field] && a[field] === b[other] && a[other] === b[field] ? 1 : level;
    },
  };
}

const dob: Comparison = {
  name: 'date_of_birth',
  levels: ['exact', 'one digit or day/month swapped', 'different'],
  compare(a, b) {
    const x = a.date_of_birth;
    const y = b.date_of_birth;
    if (!x || !y) return -1;
    if (x === y) return 0;
    const swapped = x.length === 8 && y.length === 8 && x.slice(0, 4) === y.slice(0, 4) && x.slice(4, 6) === y.slice(6, 8) && x.slice(6, 8) === y.slice(4, 6);
    return swapped || editDistance(x, y, 2) <= 1 ? 1 : 2;
  },
};

export const PERSON_COMPARISONS: readonly Comparison[] = [
  name('given_name', 'surname'),
  name('surname', 'given_name'),
  edits('street_number', 'street_number', [1]),
  text('address_1', 'address_1', [0.9, 0.75]),
  text('address_2', 'address_2', [0.9, 0.75]),
  text('suburb', 'suburb', [0.9]),
  edits('postcode', 'postcode', [1]),
  edits('state', 'state', []),
  dob,
  edits('soc_sec_id', 'soc_sec_id', [1, 2]),
];

/** The comparison vector of a pair: one level per comparison. */
export function compareRecords(a: PersonRecord, b: PersonRecord, comparisons = PERSON_COMPARISONS): Int8Array {
  const v = new Int8Array(comparisons.length);
  for (let i = 0; i < comparisons.length; i++) v[i] = comparisons[i]!.compare(a, b);
  return v;
}
