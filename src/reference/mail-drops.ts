import { join } from 'node:path';
import type { NormalAddress } from '../normalise/address.js';
import { readSimpleCsv } from './csv-rows.js';
import { dataDir } from './data-dir.js';

/**
 * Package forwarders and private mailboxes (data/onboarding/mail-drops.csv):
 * a written marker ("PMB") or a forwarder's warehouse (house number, a word of
 * the street, postal code). Loaded at the edge; the matcher is pure.
 */
export interface MailDropEntry {
  readonly id: string;
  readonly kind: 'private_mailbox' | 'forwarder';
  readonly name: string;
  readonly source: string;
  readonly test: (address: NormalAddress) => boolean;
}

export interface MailDropHit {
  readonly entry: MailDropEntry;
}

export type MailDropIndex = (address: NormalAddress) => MailDropHit | undefined;

function entryOf(r: Record<string, string>, file: string, row: number): MailDropEntry {
  const { id, kind, match, pattern, name, source } = r;
  if (!id || (kind !== 'private_mailbox' && kind !== 'forwarder') || !pattern || !name || !source) {
    throw new Error(`${file}: row ${row} needs id, kind (private_mailbox|forwarder), match, pattern, name and source`);
  }
  if (match === 'line') {
    const re = new RegExp(pattern, 'i');
    return { id, kind, name, source, test: (a) => re.test(`${a.street} ${a.unit}`) };
  }
  if (match === 'address') {
    const [number, word, postal] = pattern.split('|');
    if (!number || !word || !postal) throw new Error(`${file}: row ${row}: an address pattern is number|street word|postal code`);
    return {
      id, kind, name, source,
      test: (a) => a.postalCode === postal && a.street.split(' ')[0] === number && a.street.split(' ').includes(word.toLowerCase()),
    };
  }
  throw new Error(`${file}: row ${row}: match is line or address`);
}

export function createMailDropIndex(entries: readonly MailDropEntry[]): MailDropIndex {
  return (address) => {
    const entry = entries.find((e) => e.test(address));
    return entry ? { entry } : undefined;
  };
}

export function mailDropEntries(rows: readonly Record<string, string>[], file = 'mail-drops.csv'): MailDropEntry[] {
  return rows.map((r, i) => entryOf(r, file, i + 2));
}

export function loadMailDrops(dir: string = join(dataDir(), 'onboarding')): MailDropIndex {
  const file = join(dir, 'mail-drops.csv');
  return createMailDropIndex(mailDropEntries(readSimpleCsv(file), 'data/onboarding/mail-drops.csv'));
}
