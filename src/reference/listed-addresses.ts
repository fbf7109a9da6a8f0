import { normaliseStreet, type NormalAddress } from '../normalise/address.js';
import { foldText, squashSpaces } from '../normalise/text.js';
import type { OfacEntry } from './ofac.js';

/** A listed address found for an application's address. */
export interface ListedAddressHit {
  readonly query: string;
  readonly listed: string;
  readonly entry: string;
  readonly source: string;
}

/**
 * The street addresses the SDN list gives, indexed by street and city so an
 * application's home address can be looked up in constant time. Only
 * addresses with a house number and a street are indexed: "Pyongyang" alone
 * is a city, not an address, and must never match anyone who lives there.
 */
function cityOf(text: string | null): string {
  return squashSpaces(foldText((text ?? '').split(',')[0] ?? '').replace(/[^\p{L}\p{N} ]/gu, ' '));
}

function keyOf(street: string, city: string): string | undefined {
  const words = street.split(' ');
  if (!city || words.length < 2 || !/\d/.test(street)) return undefined;
  return `${street}|${city}`;
}

/** The listed addresses by street and city key: what buildListedAddressIndex looks up, and a snapshot keeps. */
export type ListedAddressTable = Map<string, { listed: string; entry: string; source: string }[]>;

export function buildListedAddressIndex(entries: readonly OfacEntry[]): (address: NormalAddress) => ListedAddressHit[] {
  return listedAddressLookup(listedAddressTable(entries));
}

export function listedAddressTable(entries: readonly OfacEntry[]): ListedAddressTable {
  const index: ListedAddressTable = new Map();
  for (const e of entries) {
    for (const a of e.addresses) {
      if (!a.address) continue;
      const key = keyOf(normaliseStreet(a.address).street, cityOf(a.cityStatePostal));
      if (!key) continue;
      const listed = [a.address, a.cityStatePostal, a.country].filter(Boolean).join(', ');
      const hits = index.get(key) ?? [];
      hits.push({ listed, entry: `ofac:${e.entNum}`, source: `OFAC SDN #${e.entNum}${e.name ? ` ${e.name}` : ''}` });
      index.set(key, hits);
    }
  }
  return index;
}

export function listedAddressLookup(index: ListedAddressTable): (address: NormalAddress) => ListedAddressHit[] {
  return (address) => {
    const key = keyOf(address.street, cityOf(address.city));
    if (!key) return [];
    const query = [address.street, address.unit && `#${address.unit}`, address.city].filter(Boolean).join(', ');
    return (index.get(key) ?? []).map((h) => ({ query, ...h }));
  };
}
