/**
 * Romanisation variants: one Korean or Chinese name written in Latin letters
 * several ways (McCune-Reischauer, Revised Romanisation, North Korean usage,
 * pinyin, Wade-Giles). Each group maps to one canonical spelling so that
 * "Pak Jong-chol" and "Park Jeong-cheol" compare equal token by token.
 *
 * This is a comparison aid only: it makes differently spelled names of the
 * same person agree. It is never evidence, and it is applied to every name
 * whatever its origin (a token outside the table maps to itself).
 */
const GROUPS: readonly (readonly string[])[] = [
  // Korean surnames
  ['kim', 'gim', 'ghim'],
  ['lee', 'yi', 'ri', 'rhee', 'rie', 'lie', 'rhie', 'i'],
  ['park', 'pak', 'bak', 'bark', 'pahk'],
  ['choi', 'choe', 'chwe', 'choy'],
  ['jong', 'jeong', 'chong', 'cheong', 'jung', 'chung'],
  ['ryo', 'ryeo', 'yeo', 'yo', 'ryu', 'yoo', 'yu', 'you', 'ryoo'],
  ['kang', 'gang'],
  ['jang', 'chang'],
  ['cho', 'jo'],
  ['yoon', 'yun'],
  ['shin', 'sin'],
  ['oh', 'o'],
  ['seo', 'suh', 'so', 'soh'],
  ['jeon', 'jon', 'chon', 'chun', 'cheon', 'jun'],
  ['lim', 'im', 'rim', 'leem'],
  ['noh', 'no', 'roh', 'ro'],
  ['moon', 'mun'],
  ['sohn', 'son'],
  ['bae', 'pae'],
  ['baek', 'paek', 'paik', 'baik'],
  ['heo', 'hur', 'huh', 'ho'],
  ['kwak', 'gwak'],
  ['kwon', 'gwon'],
  ['ko', 'go', 'koh'],
  ['hyun', 'hyon', 'hyeon'],
  ['hwang', 'whang'],
  // Korean given-name syllables
  ['eun', 'un'],
  ['sung', 'seong', 'song'],
  ['chol', 'cheol', 'chul'],
  ['hoon', 'hun'],
  ['soo', 'su'],
  ['young', 'yong', 'yeong'],
  ['kyu', 'gyu'],
  ['kyung', 'gyeong', 'kyong'],
  ['hyuk', 'hyok', 'hyeok'],
  ['jin', 'chin'],
  ['joon', 'jun', 'chun'],
  ['myung', 'myong', 'myeong'],
  ['chul', 'chol'],
  ['dong', 'tong'],
  ['gil', 'kil'],
  ['kuk', 'guk', 'kook'],
  ['ok', 'wook', 'uk'],
  // Chinese: pinyin and Wade-Giles
  ['zhang', 'chang'],
  ['zhou', 'chou'],
  ['zhao', 'chao'],
  ['xu', 'hsu'],
  ['xie', 'hsieh'],
  ['qian', 'chien'],
  ['jiang', 'chiang'],
  ['cai', 'tsai'],
  ['guo', 'kuo'],
  ['lu', 'lv', 'lyu'],
  ['xiao', 'hsiao'],
  ['zheng', 'cheng'],
  ['qiu', 'chiu'],
  ['deng', 'teng'],
  ['du', 'tu'],
  ['gao', 'kao'],
  ['ke', 'ko'],
  ['rong', 'jung'],
];

const CANONICAL = new Map<string, string>();
for (const group of GROUPS) {
  const canonical = group[0]!;
  for (const spelling of group) {
    // First group wins: a spelling shared by two groups ("chang", "jun") keeps
    // the earlier canonical form, and tokensMayBeSame() checks both readings.
    if (!CANONICAL.has(spelling)) CANONICAL.set(spelling, canonical);
  }
}

const ALL_READINGS = new Map<string, Set<string>>();
for (const group of GROUPS) {
  for (const spelling of group) {
    const readings = ALL_READINGS.get(spelling) ?? new Set<string>();
    readings.add(group[0]!);
    ALL_READINGS.set(spelling, readings);
  }
}

/** The canonical spelling of one folded token ("gim" -> "kim"); unknown tokens map to themselves. */
export function romanisationKey(token: string): string {
  return CANONICAL.get(token) ?? token;
}

/** Every canonical reading of a token: more than one for spellings shared by two groups. */
export function romanisationReadings(token: string): ReadonlySet<string> {
  return ALL_READINGS.get(token) ?? new Set([token]);
}

/** True when two folded tokens are spellings of the same romanised syllable or surname. */
export function sameRomanisation(a: string, b: string): boolean {
  if (a === b) return true;
  const ra = romanisationReadings(a);
  for (const r of romanisationReadings(b)) if (ra.has(r)) return true;
  return false;
}

const SKELETON_RULES: readonly (readonly [RegExp, string])[] = [
  [/eo/g, 'o'],
  [/eu/g, 'u'],
  [/oo/g, 'u'],
  [/ae/g, 'e'],
  [/ch/g, 'j'],
  [/sh/g, 's'],
  [/k/g, 'g'],
  [/p/g, 'b'],
  [/t/g, 'd'],
  [/r/g, 'l'],
  [/(.)\1+/g, '$1'],
];

/**
 * A coarse spelling skeleton for joined romanised syllables that the table
 * cannot split ("jeongcheol" vs "jong" + "chol"): vowel digraphs and voiced /
 * unvoiced consonant pairs collapse. Only used to let two spellings of one
 * name agree, for tokens of four letters or more.
 */
export function romanisationSkeleton(token: string): string {
  let s = token;
  for (const [pattern, replacement] of SKELETON_RULES) s = s.replace(pattern, replacement);
  return s;
}
