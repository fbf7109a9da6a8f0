import { foldText, squashSpaces } from './text.js';

/**
 * US postal addresses reduced to a comparable key: "1200 Barton Springs Road,
 * Apartment 4" and "1200 BARTON SPRINGS RD #4" with ZIP 78704-1234 and 78704
 * give the same key. Abbreviations follow USPS Publication 28 (street
 * suffixes, directionals, secondary unit designators).
 */
const SUFFIXES = new Map<string, string>(Object.entries({
  street: 'st', str: 'st', avenue: 'ave', av: 'ave', avn: 'ave', road: 'rd', boulevard: 'blvd', boul: 'blvd',
  drive: 'dr', drv: 'dr', lane: 'ln', court: 'ct', place: 'pl', terrace: 'ter', parkway: 'pkwy', pkway: 'pkwy',
  highway: 'hwy', circle: 'cir', square: 'sq', trail: 'trl', way: 'way', alley: 'aly', crossing: 'xing',
  expressway: 'expy', freeway: 'fwy', heights: 'hts', plaza: 'plz', point: 'pt', ridge: 'rdg', route: 'rte',
  turnpike: 'tpke', center: 'ctr', centre: 'ctr', cove: 'cv', creek: 'crk', loop: 'loop', pike: 'pike',
}));
const DIRECTIONALS = new Map<string, string>(Object.entries({
  north: 'n', south: 's', east: 'e', west: 'w', northeast: 'ne', northwest: 'nw', southeast: 'se', southwest: 'sw',
}));
/** Secondary unit designators: all become "#" so "Apt 4", "Unit 4", "Suite 4" and "#4" agree. */
const UNITS = new Set(['apartment', 'apt', 'unit', 'suite', 'ste', 'room', 'rm', 'floor', 'fl', 'building', 'bldg', 'lot', 'space', 'spc', 'trailer', 'trlr', 'dept', 'department', 'no', 'number']);

export interface AddressInput {
  readonly line1?: string | null;
  readonly line2?: string | null;
  readonly city?: string | null;
  readonly region?: string | null;
  readonly postalCode?: string | null;
  readonly country?: string | null;
}

export interface NormalAddress {
  /** Street line with USPS abbreviations, unit removed: "1200 barton springs rd". */
  readonly street: string;
  /** Unit number ("4"), or "" when none. */
  readonly unit: string;
  readonly city: string;
  readonly region: string;
  /** ZIP5 for US addresses, the folded postal code elsewhere. */
  readonly postalCode: string;
  readonly country: string;
  /** The comparable key: street|unit|postal code (or city and region when no code)|country. */
  readonly key: string;
}

function words(text: string): string[] {
  return squashSpaces(foldText(text).replace(/[.,;]/g, ' ').replace(/#\s*/g, ' # ')).split(' ').filter(Boolean);
}

/** Street and unit of one or two address lines. Idempotent on its own output. */
export function normaliseStreet(line1: string, line2 = ''): { street: string; unit: string } {
  const street: string[] = [];
  const unit: string[] = [];
  let inUnit = false;
  for (const [i, word] of [...words(line1), ...words(line2)].entries()) {
    if (word === '#' || (i > 0 && UNITS.has(word))) {
      inUnit = true;
      continue;
    }
    if (inUnit) unit.push(word.replace(/^#/, ''));
    else street.push(SUFFIXES.get(word) ?? DIRECTIONALS.get(word) ?? word);
  }
  return { street: street.join(' '), unit: unit.join(' ') };
}

export function normalisePostalCode(code: string, country: string): string {
  const folded = foldText(code).replace(/\s+/g, ' ').trim();
  if (country === 'us') {
    const zip = /^(\d{5})(?:-?\d{4})?$/.exec(folded.replace(/\s/g, ''));
    return zip ? zip[1]! : folded;
  }
  return folded;
}

export function normaliseAddress(address: AddressInput): NormalAddress {
  const country = foldText(address.country ?? '').trim() || 'us';
  const countryKey = country === 'usa' || country === 'united states' ? 'us' : country;
  const { street, unit } = normaliseStreet(address.line1 ?? '', address.line2 ?? '');
  const city = squashSpaces(foldText(address.city ?? '').replace(/[.,]/g, ''));
  const region = squashSpaces(foldText(address.region ?? '').replace(/[.,]/g, ''));
  const postalCode = normalisePostalCode(address.postalCode ?? '', countryKey);
  const place = postalCode || `${city},${region}`;
  return { street, unit, city, region, postalCode, country: countryKey, key: `${street}|${unit}|${place}|${countryKey}` };
}
