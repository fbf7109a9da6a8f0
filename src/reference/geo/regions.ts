/**
 * U.S. states (with D.C. and the inhabited territories) and Canadian provinces
 * and territories: their two-letter postal codes and names. Pure tables; the
 * address normaliser folds text to lower case, so look-ups fold too.
 */
export const US_STATES: Readonly<Record<string, string>> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado',
  CT: 'Connecticut', DE: 'Delaware', DC: 'District of Columbia', FL: 'Florida', GA: 'Georgia',
  HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois', IN: 'Indiana', IA: 'Iowa', KS: 'Kansas', KY: 'Kentucky',
  LA: 'Louisiana', ME: 'Maine', MD: 'Maryland', MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota',
  MS: 'Mississippi', MO: 'Missouri', MT: 'Montana', NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire',
  NJ: 'New Jersey', NM: 'New Mexico', NY: 'New York', NC: 'North Carolina', ND: 'North Dakota',
  OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon', PA: 'Pennsylvania', RI: 'Rhode Island',
  SC: 'South Carolina', SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah', VT: 'Vermont',
  VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming',
  PR: 'Puerto Rico', GU: 'Guam', VI: 'U.S. Virgin Islands', AS: 'American Samoa', MP: 'Northern Mariana Islands',
};

export const CA_PROVINCES: Readonly<Record<string, string>> = {
  AB: 'Alberta', BC: 'British Columbia', MB: 'Manitoba', NB: 'New Brunswick', NL: 'Newfoundland and Labrador',
  NS: 'Nova Scotia', NT: 'Northwest Territories', NU: 'Nunavut', ON: 'Ontario', PE: 'Prince Edward Island',
  QC: 'Quebec', SK: 'Saskatchewan', YT: 'Yukon',
};

/**
 * U.S. territories have their own ISO 3166 country codes: an address in
 * "San Juan, PR, US" and an IP that geolocates to country PR agree.
 */
export const US_TERRITORIES: ReadonlySet<string> = new Set(['PR', 'GU', 'VI', 'AS', 'MP']);

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{Mn}+/gu, '')
    .toLowerCase()
    .replace(/[.,]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function index(table: Readonly<Record<string, string>>, extra: Record<string, string>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [code, name] of Object.entries(table)) {
    map.set(code.toLowerCase(), code);
    map.set(fold(name), code);
  }
  for (const [alias, code] of Object.entries(extra)) map.set(alias, code);
  return map;
}

const US_INDEX = index(US_STATES, {
  'washington dc': 'DC', 'washington d c': 'DC', 'd c': 'DC', 'dist of columbia': 'DC',
  'us virgin islands': 'VI', 'virgin islands': 'VI', 'united states virgin islands': 'VI',
  'washington state': 'WA',
});
const CA_INDEX = index(CA_PROVINCES, {
  'newfoundland': 'NL', 'labrador': 'NL', 'pei': 'PE', 'yukon territory': 'YT', 'quebec city': 'QC',
  'british colombia': 'BC',
});

/** The postal code of a U.S. state or Canadian province written as code or name; undefined when unknown. */
export function regionCode(country: string, text: string | undefined): string | undefined {
  if (!text) return undefined;
  if (text.length === 2) {
    const code = text.toUpperCase();
    if (country === 'US') return US_STATES[code] ? code : undefined;
    if (country === 'CA') return CA_PROVINCES[code] ? code : undefined;
  }
  const key = fold(text);
  if (!key) return undefined;
  if (country === 'US') return US_INDEX.get(key);
  if (country === 'CA') return CA_INDEX.get(key);
  return undefined;
}

/** "TX" -> "Texas"; the code itself when unknown. */
export function regionName(country: string, code: string): string {
  return (country === 'CA' ? CA_PROVINCES[code] : US_STATES[code]) ?? code;
}

let displayNames: Intl.DisplayNames | undefined;
const countryNames = new Map<string, string>();

/** "KR" -> "South Korea" (CLDR names through Intl); the code itself when unknown. */
export function countryName(code: string): string {
  const known = countryNames.get(code);
  if (known) return known;
  let name = code;
  try {
    displayNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
    const n = /^[A-Z]{2}$/.test(code) ? displayNames.of(code) : undefined;
    if (n) name = n;
  } catch {
    name = code;
  }
  // Only two-letter codes are memoised, so arbitrary input cannot grow the memo past 676 entries.
  if (/^[A-Z]{2}$/.test(code)) countryNames.set(code, name);
  return name;
}
