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
  jose juan maria carlos luis john david michael james
  ivan dmitry dmitri sergei sergey alexei alexey aleksandr alexander andrei andrey vladimir nikolai nikolay mikhail pavel
  oleg yuri yury igor viktor victor evgeny yevgeny maxim anton denis artem ilya olga elena yelena natalia natalya tatiana
  tatyana svetlana irina anna ekaterina yekaterina anastasia marina ludmila galina ivanova smirnova vasiliev vasilyev
  fedorov mikhailov alekseev lebedev semenov egorov kovalenko bondarenko shevchenko tkachenko kravchenko melnyk boyko
  kovalchuk wisniewski wojcik kaminski lewandowski zielinski szymanski nagy toth szabo horvath popescu ionescu dimitrov
  georgiev nikolov jovanovic petrovic nikolic markovic
  robert william richard joseph thomas charles christopher daniel matthew anthony donald steven stephen paul andrew
  joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan larry
  justin brandon benjamin samuel gregory patrick raymond dennis jerry tyler aaron adam henry nathan douglas zachary
  peter kyle walter ethan jeremy harold keith christian roger noah gerald carl terry sean austin arthur lawrence jesse
  dylan bryan jordan bruce albert willie gabriel logan alan wayne ralph randy eugene vincent russell elijah louis
  philip johnny mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret
  sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura
  cynthia kathleen amy angela shirley brenda pamela emma nicole helen samantha katherine christine debra rachel
  carolyn janet catherine heather diane ruth julie olivia joyce virginia kelly lauren christina joan evelyn judith
  megan andrea cheryl hannah jacqueline martha teresa ann sara frances kathryn janice jean abigail alice judy sophia
  denise doris marilyn danielle beverly isabella theresa diana natalie brittany marie kayla alexis lori
  jorge pedro miguel manuel francisco antonio javier fernando ricardo roberto eduardo alejandro diego sergio rafael
  raul andres pablo mario oscar alberto enrique hector ruben julio cesar arturo angel jesus marco marcos joao paulo
  ana carmen isabel sofia lucia paula adriana gabriela veronica claudia silvia alejandra mariana fernanda camila
  valentina daniela guadalupe juana margarita beatriz ortega delgado navarro molina suarez dominguez nunez soto
  contreras guerrero mendez aguirre salazar cabrera fuentes carrillo espinoza estrada figueroa acosta valdez marquez
  sandoval ibarra miranda serrano iglesias garrido santana lima gomes martins araujo ribeiro carvalho barbosa alves
  lopes soares fernandes vieira monteiro mendes cardoso teixeira correia moreira nascimento dias
  khalid khaled tariq faisal youssef ismail ismael hamza bilal mostafa rashid rashed saeed sami samir walid waleed
  yasser yasir ziad adel amir amin anwar bashir fahad fahd hadi hamad hani imran jamal kamal majid mansour
  marwan mohsen nabil osama usama qasim ramadan reza salah salim sultan tarek wael zaid fatima fatma aisha ayesha
  khadija maryam mariam zainab zeinab noor nour layla leila amina yasmin salma huda rania
  mehmet ahmet huseyin osman murat omer ramazan halil suleyman mahmut recep ayse emine hatice zeynep elif meryem
  ozturk aydin ozdemir arslan dogan kilic aslan cetin koc ozkan simsek polat korkmaz ozcan erdogan yildiz yildirim
  raj rahul amit sanjay vijay ravi suresh ramesh rajesh sunil anil ashok arun deepak manoj vinod santosh pradeep
  sandeep ajay anand krishna prakash mahesh ganesh dinesh naresh mukesh rakesh ashish nitin rohit vikram arjun aditya
  priya pooja neha anita sunita kavita lakshmi devi kumari chowdhury choudhury hossain begum akter akhtar malik qureshi
  siddiqui sheikh shaikh bhatt pandey tiwari dubey chauhan thakur agarwal banerjee chatterjee mukherjee bose ghosh
  dutta pillai menon naidu
  emmanuel blessing esther aminu usman sani suleiman abdullahi yakubu okonkwo okoro nwosu chukwu adeleke adewale
  chinedu ngozi chioma mwangi otieno ochieng kamau wanjiru njoroge odhiambo kariuki mutua onyango juma nkosi dlamini
  ndlovu khumalo mokoena mthembu sithole moyo ncube tesfaye getachew bekele alemu tadesse girma kebede
  kobayashi kato yoshida yamada sasaki yamaguchi matsumoto inoue kimura hayashi shimizu yamazaki ikeda hashimoto
  yamashita ishikawa nakajima maeda fujita ogawa goto okada hasegawa murakami kondo ishii saito sakamoto endo aoki
  fujii nishimura fukuda miura okamoto matsuda nakagawa hiroshi takashi kenji yuki akira satoshi makoto daisuke
  yuko keiko yoko akiko tomoko naoko
  schulz hoffmann schroder neumann zimmermann kruger hofmann hartmann schmitt werner krause meier lehmann schmid hans
  andreas stefan klaus wolfgang jurgen uwe markus ursula monika petra sabine laurent simon michel lefebvre roux
  bertrand morel fournier girard bonnet dupont lambert fontaine rousseau vincent lefevre faure andre mercier guerin
  boyer garnier chevalier francois gauthier perrin clement pierre philippe alain nicolas christophe nathalie isabelle
  sylvie sophie rossi ferrari esposito bianchi ricci giordano rizzo lombardi moretti mancini giuseppe giovanni luigi
  francesco vincenzo pietro salvatore luca giulia francesca chiara jansen janssen visser smit meijer mulder hendriks
  zeng xue xia zhong fang yao liao zou xiong hao qin shao meng duan qian yin dai kong cui`);

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
    cls = classifyToken(token, kind);
    if (memo.size >= 100_000) memo.clear();
    memo.set(token, cls);
  }
  return cls;
}

/** tokenClass without the memo, for callers that keep their own (the term dictionary keeps it on each query token). */
export function classifyToken(token: string, kind: NameKind): TokenClass {
  if (token.length === 1) return 'initial';
  if (kind !== 'person' && isLegalForm(token)) return 'legal';
  if (PARTICLES.has(token)) return 'particle';
  if (kind !== 'person' && GENERIC_ORG_WORDS.has(token)) return 'generic';
  if (COMMON_NAMES.has(token) || COMMON_NAMES.has(romanisationKey(token))) return 'common';
  return 'normal';
}
