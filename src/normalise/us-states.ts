/** U.S. states, D.C. and territories: USPS code <-> name, for comparing "Austin, Texas" with "Austin, TX". */
const STATES: Record<string, string> = {
  AL: 'alabama', AK: 'alaska', AZ: 'arizona', AR: 'arkansas', CA: 'california', CO: 'colorado', CT: 'connecticut',
  DE: 'delaware', DC: 'district of columbia', FL: 'florida', GA: 'georgia', HI: 'hawaii', ID: 'idaho', IL: 'illinois',
  IN: 'indiana', IA: 'iowa', KS: 'kansas', KY: 'kentucky', LA: 'louisiana', ME: 'maine', MD: 'maryland',
  MA: 'massachusetts', MI: 'michigan', MN: 'minnesota', MS: 'mississippi', MO: 'missouri', MT: 'montana',
  NE: 'nebraska', NV: 'nevada', NH: 'new hampshire', NJ: 'new jersey', NM: 'new mexico', NY: 'new york',
  NC: 'north carolina', ND: 'north dakota', OH: 'ohio', OK: 'oklahoma', OR: 'oregon', PA: 'pennsylvania',
  RI: 'rhode island', SC: 'south carolina', SD: 'south dakota', TN: 'tennessee', TX: 'texas', UT: 'utah',
  VT: 'vermont', VA: 'virginia', WA: 'washington', WV: 'west virginia', WI: 'wisconsin', WY: 'wyoming',
  PR: 'puerto rico', GU: 'guam', VI: 'virgin islands', AS: 'american samoa', MP: 'northern mariana islands',
};
const BY_NAME = new Map(Object.entries(STATES).map(([code, name]) => [name, code]));

/** "TX", "tx", "Texas", "texas" -> "TX"; anything else -> undefined. */
export function usStateCode(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  const t = text.trim().toLowerCase().replace(/\./g, '').replace(/\s+/g, ' ');
  const upper = t.toUpperCase();
  if (Object.hasOwn(STATES, upper)) return upper;
  return BY_NAME.get(t);
}

export function usStateName(code: string): string | undefined {
  return Object.hasOwn(STATES, code) ? STATES[code] : undefined;
}
