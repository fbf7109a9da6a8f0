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
  ['ahn', 'an'],
  ['yang', 'ryang'],
  ['yeom', 'yom', 'ryom', 'ryeom'],
  ['nam', 'nahm'],
  ['koo', 'gu', 'ku'],
  ['seok', 'sok', 'suk'],
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
  ['il', 'ill'],
  ['kwang', 'gwang'],
  ['pyong', 'pyeong', 'byung', 'byeong', 'byong'],
  ['bong', 'pong'],
  ['deok', 'dok', 'tok', 'duk', 'teok'],
  ['jae', 'chae'],
  ['sik', 'shik'],
  ['keun', 'geun', 'kun', 'gun'],
  ['ki', 'gi'],
  ['won', 'weon'],
  ['yeop', 'yop'],
  ['ryong', 'ryeong'],
  ['thae', 'tae'],
  ['hyang', 'hyeang'],
  ['hak', 'hag'],
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
  ['zhu', 'chu'],
  ['zeng', 'tseng'],
  ['cao', 'tsao'],
  ['cui', 'tsui'],
  ['zou', 'tsou'],
  ['zhuang', 'chuang'],
  ['jia', 'chia'],
  ['xiang', 'hsiang'],
  ['xiong', 'hsiung'],
  ['ren', 'jen'],
  ['bai', 'pai'],
  ['dai', 'tai'],
  ['gu', 'ku'],
  ['guan', 'kuan'],
  ['qi', 'chi'],
  ['xin', 'hsin'],
  ['xing', 'hsing'],
  ['dong', 'tung'],
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

/** Every spelling in the table. */
export function knownRomanisations(): Iterable<string> {
  return CANONICAL.keys();
}

/** True when the token is a spelling listed in one of the groups (a known syllable or surname). */
export function isKnownRomanisation(token: string): boolean {
  return CANONICAL.has(token);
}

/** Every spelling that shares a group with the token, itself included ("pak" -> pak, park, bak, bark, pahk). */
export function romanisationVariants(token: string): readonly string[] {
  const out = new Set<string>([token]);
  for (const group of GROUPS) if (group.includes(token)) for (const spelling of group) out.add(spelling);
  return [...out];
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
  const ra = ALL_READINGS.get(a);
  const rb = ALL_READINGS.get(b);
  if (!ra) return rb !== undefined && rb.has(a);
  if (!rb) return ra.has(b);
  for (const r of rb) if (ra.has(r)) return true;
  return false;
}

/** Rules applied in order: two letters to one, then one letter to another, then runs collapsed. */
const SKELETON_DIGRAPHS: readonly (readonly [string, string])[] = [
  ['eo', 'o'],
  ['eu', 'u'],
  ['oo', 'u'],
  ['ae', 'e'],
  ['ch', 'j'],
  ['sh', 's'],
];
/** The digraph rules as character codes: first letter, second letter, replacement. */
const DIGRAPH_CODES = SKELETON_DIGRAPHS.map(([from, to]) => [from.charCodeAt(0), from.charCodeAt(1), to.charCodeAt(0)] as const);
const K = 107;
const P = 112;
const T = 116;
const R = 114;

/** k->g, p->b, t->d, r->l: voiced and unvoiced consonants (and r/l) count as one. */
function skeletonLetter(code: number): number {
  switch (code) {
    case K:
      return 103;
    case P:
      return 98;
    case T:
      return 100;
    case R:
      return 108;
    default:
      return code;
  }
}

/**
 * The skeleton of `n` code points held in `codes`, worked in place: each
 * digraph rule replaces every occurrence, left to right, in what the rules
 * before it left; then letters map and runs collapse. Returns the new length.
 * For callers that hash a skeleton without building it as a string.
 */
export function skeletonCodes(codes: number[], n: number): number {
  let length = n;
  for (const [first, second, to] of DIGRAPH_CODES) {
    // Most rules find nothing: look for the first occurrence before copying anything.
    let r = 0;
    while (r + 1 < length && (codes[r] !== first || codes[r + 1] !== second)) r++;
    if (r + 1 >= length) continue;
    let w = r;
    while (r < length) {
      if (codes[r] === first && r + 1 < length && codes[r + 1] === second) {
        codes[w++] = to;
        r += 2;
      } else codes[w++] = codes[r++]!;
    }
    length = w;
  }
  let w = 0;
  for (let r = 0; r < length; r++) {
    const mapped = skeletonLetter(codes[r]!);
    if (w === 0 || codes[w - 1] !== mapped) codes[w++] = mapped;
  }
  return w;
}

/**
 * Writes the code points of `text` into `codes` from position `at` and
 * returns the position after them. Writing into an array kept by the caller
 * (never emptied by setting its length, which would free its storage) lets
 * a hot loop work out skeletons without allocating.
 */
export function writeCodePoints(text: string, codes: number[], at: number): number {
  let w = at;
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    codes[w++] = code;
    i += code > 0xffff ? 2 : 1;
  }
  return w;
}

/**
 * A coarse spelling skeleton for joined romanised syllables that the table
 * cannot split ("jeongcheol" vs "jong" + "chol"): vowel digraphs and voiced /
 * unvoiced consonant pairs collapse. Only used to let two spellings of one
 * name agree, for tokens of four letters or more.
 */
export function romanisationSkeleton(token: string): string {
  const codes: number[] = [];
  codes.length = skeletonCodes(codes, writeCodePoints(token, codes, 0));
  return String.fromCodePoint(...codes);
}
