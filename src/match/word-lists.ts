import { romanisationKey } from '../normalise/romanisation.js';
import type { TokenClass } from './config.js';
import { editDistance } from './edit-distance.js';

/**
 * Word lists that decide how much a token counts. They lower the weight of
 * frequent or uninformative tokens for every name alike; they never say
 * anything about a person. All entries are folded (lower case, no accents).
 */
const words = (text: string): Set<string> => new Set(text.split(/\s+/u).filter(Boolean));

/** Legal forms of organisations: "Co., Ltd.", "LLC", "JSC", "S.A. de C.V."... */
export const LEGAL_FORMS = words(`
  co company companies corp corporation inc incorporated ltd limited llc llp lp plc gmbh mbh ag kg sa sas sarl srl spa
  sl bv nv ab oy aps kft doo ad pte pvt private pty jsc ojsc cjsc pjsc ooo zao oao pao tov fze fzco fzc fzllc fzcllc dmcc sdn bhd
  cv ltda eirl sac sae saic sab rl jv cooperative coltd llcs pvtltd ptyltd cia liability obshchestvo obschestvo
  ogranichennoi ogranichennoy otvetstvennostyu otvetstvennostiu aktsionernoe aktsionernoye zakrytoe zakrytoye otkrytoe
  otkrytoye publichnoe publichnoye tovarystvo sociedad anonima limitada societe anonyme joint stock unitary sirketi
  anonim`);

/** Generic organisation words: they never make a match alone. */
export const GENERIC_ORG_WORDS = words(`
  trading trade traders technology technologies tech international intl group groups holding holdings bank banking
  industries industrial industry enterprise enterprises service services solutions systems global general national
  import export imports exports investment investments development commercial commerce management consulting
  consultants consultancy partners associates logistics shipping marine maritime energy oil petroleum gas construction
  engineering electronics electronic software it info information network networks digital media world worldwide united
  new first royal union association foundation institute university college center centre agency bureau office department
  ministry committee factory joint venture stock share economic trust capital finance financial exchange supply supplies
  products manufacturing trade unit branch firm business store shop market import-export agro agricultural chemical
  chemicals pharmaceutical medical health security transport transportation travel tourism airlines airline airways air
  lines line mining metals steel equipment machinery materials resources power electric project projects research science
  scientific studio studios labs lab cyber computer computers data web online development federal state republic
  korea korean dprk china chinese asia asian pacific america american europe european russia russian north northern south
  southern east eastern west western central middle gulf arab public open closed federal enterprise production bureau
  design special association ticaret sanayi`);

/** Particles and stop words in names: "al", "bin", "de la", "van der", "of the". */
export const PARTICLES = words(`
  al el ul ad as ash at az bin ibn bint ben binti abu umm de del della dei der den di da dos das du la le les los las van
  von ter y e of the and for und et`);

/**
 * Very common surnames and given names across many origins (a frequency list,
 * not an origin list). Compared on the folded token and on its romanisation
 * key, so "Ri", "Yi" and "Rhee" count as "Lee".
 */
export const COMMON_NAMES = words(`
  kim lee park choi jong kang cho yoon jang lim han oh seo shin kwon hwang ahn sung ryo hong jeon ko moon son bae baek
  wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo gao zheng liang xie tang cao deng feng
  peng cai pan tian dong yuan yu ye lu jiang wei su ding shen du cheng fan fu wong chan leung cheung lau ng tsang tan teo
  goh chua ong lam
  nguyen tran pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh truong
  smith johnson williams brown jones miller davis wilson anderson taylor thomas moore jackson martin white thompson harris
  clark lewis walker hall allen young king wright scott green baker adams nelson hill campbell roberts
  garcia rodriguez martinez hernandez lopez gonzalez perez sanchez ramirez torres flores rivera gomez diaz reyes morales
  cruz ortiz gutierrez chavez ramos ruiz alvarez mendoza castillo jimenez vasquez moreno romero herrera medina aguilar
  vargas castro guzman fernandez silva santos rojas oliveira souza pereira costa ferreira rodrigues almeida
  singh kumar sharma patel gupta shah khan reddy rao das iyer nair joshi mehta jain verma yadav mishra
  ali ahmed ahmad mohammed muhammad mohammad mohamed muhammed mohamad hassan hasan hussein husain hussain ibrahim abdullah
  mahmoud mustafa omar saleh salem yousef yusuf haddad nasser rahman hamid karim said aziz abdul abdel
  okafor okeke eze nwankwo adeyemi adebayo bello musa abubakar
  ivanov smirnov kuznetsov popov petrov sokolov volkov novak kowalski nowak horvat kovacs kozlov morozov pavlov novikov
  yilmaz kaya demir sahin celik sato suzuki takahashi tanaka watanabe ito yamamoto nakamura
  muller mueller schmidt schneider fischer weber meyer wagner becker bernard dubois richard petit durand leroy moreau
  jose juan maria carlos luis john david michael james`);

const HONORIFICS = words('mr mrs ms miss mx dr prof sir jr sr ii iii iv phd md');

export type NameKind = 'person' | 'organization' | 'any';

/** Titles a person's name may carry ("Dr.", "Jr."): dropped from person names. */
export function isHonorific(token: string): boolean {
  return HONORIFICS.has(token);
}

/** Legal forms of 7+ letters are recognised even when mistyped ("Corporaiton", "Liabilty"). */
const LONG_LEGAL_FORMS = [...LEGAL_FORMS].filter((form) => form.length >= 7);

function isLegalForm(token: string): boolean {
  if (LEGAL_FORMS.has(token)) return true;
  if (token.length < 6) return false;
  const allowed = token.length >= 10 ? 2 : 1;
  return LONG_LEGAL_FORMS.some((form) => form[0] === token[0] && editDistance(form, token, allowed) <= allowed);
}

const CLASS_MEMO: Record<NameKind, Map<string, TokenClass>> = { person: new Map(), organization: new Map(), any: new Map() };

/** How a token counts (see MatchConfig.tokenWeights); memoised per kind of name. */
export function tokenClass(token: string, kind: NameKind): TokenClass {
  const memo = CLASS_MEMO[kind];
  let cls = memo.get(token);
  if (cls === undefined) {
    cls = classOf(token, kind);
    if (memo.size >= 100_000) memo.clear();
    memo.set(token, cls);
  }
  return cls;
}

function classOf(token: string, kind: NameKind): TokenClass {
  if (token.length === 1) return 'initial';
  if (kind !== 'person' && isLegalForm(token)) return 'legal';
  if (PARTICLES.has(token)) return 'particle';
  if (kind !== 'person' && GENERIC_ORG_WORDS.has(token)) return 'generic';
  if (COMMON_NAMES.has(token) || COMMON_NAMES.has(romanisationKey(token))) return 'common';
  return 'normal';
}
