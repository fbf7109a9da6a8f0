/**
 * Common given-name equivalents (hypocorisms and short forms): a person
 * called William on the application may be "Bill" on a profile. Like
 * romanisation, this only lets names of one person agree; it is never
 * evidence. Each group lists a formal name and its usual short forms.
 */
const GROUPS: readonly (readonly string[])[] = [
  ['william', 'bill', 'billy', 'will', 'willy', 'liam'],
  ['robert', 'bob', 'bobby', 'rob', 'robbie', 'bert'],
  ['richard', 'rick', 'ricky', 'dick', 'rich', 'richie'],
  ['james', 'jim', 'jimmy', 'jamie'],
  ['john', 'jack', 'johnny', 'jon'],
  ['jonathan', 'jon', 'jonny', 'nathan'],
  ['michael', 'mike', 'mikey', 'mick', 'misha'],
  ['joseph', 'joe', 'joey', 'jose'],
  ['thomas', 'tom', 'tommy'],
  ['charles', 'charlie', 'chuck', 'chas'],
  ['christopher', 'chris', 'kit', 'topher'],
  ['daniel', 'dan', 'danny'],
  ['matthew', 'matt', 'matty'],
  ['anthony', 'tony'],
  ['andrew', 'andy', 'drew'],
  ['edward', 'ed', 'eddie', 'ted', 'ned'],
  ['steven', 'steve', 'stevie', 'stephen'],
  ['benjamin', 'ben', 'benny', 'benji'],
  ['samuel', 'sam', 'sammy'],
  ['alexander', 'alex', 'alec', 'sasha', 'sandy', 'xander', 'aleksandr', 'aleksander', 'alexandr', 'oleksandr', 'aleksandar'],
  ['alexandra', 'alex', 'sasha', 'lexi', 'sandra'],
  ['nicholas', 'nick', 'nicky', 'nico', 'nikolai', 'kolya'],
  ['gregory', 'greg'],
  ['patrick', 'pat', 'paddy'],
  ['peter', 'pete'],
  ['timothy', 'tim', 'timmy'],
  ['kenneth', 'ken', 'kenny'],
  ['ronald', 'ron', 'ronnie'],
  ['donald', 'don', 'donnie'],
  ['raymond', 'ray'],
  ['lawrence', 'larry', 'laurie'],
  ['gerald', 'gerry', 'jerry'],
  ['jeffrey', 'jeff', 'geoffrey', 'geoff'],
  ['frederick', 'fred', 'freddie', 'fritz'],
  ['francis', 'frank', 'frankie', 'fran'],
  ['francisco', 'paco', 'pancho', 'frank', 'cisco'],
  ['philip', 'phil', 'pip'],
  ['vincent', 'vince', 'vin'],
  ['zachary', 'zach', 'zack'],
  ['nathaniel', 'nate', 'nathan', 'nat'],
  ['jacob', 'jake'],
  ['joshua', 'josh'],
  ['eugene', 'gene'],
  ['leonard', 'leo', 'len', 'lenny'],
  ['dmitri', 'dmitry', 'dmitriy', 'dmytro', 'dima', 'mitya'],
  ['sergei', 'sergey', 'serhiy', 'serhii', 'sergiy', 'serge', 'seryozha'],
  ['yuri', 'yury', 'yuriy', 'iurii', 'yurii', 'jurij'],
  ['andrei', 'andrey', 'andriy', 'andrii', 'andrew', 'andrej'],
  ['mikhail', 'mykhailo', 'michael', 'misha'],
  ['vladimir', 'vlad', 'volodya', 'vova'],
  ['ivan', 'vanya'],
  ['yevgeny', 'evgeny', 'zhenya', 'eugene'],
  ['ekaterina', 'katya', 'katerina', 'catherine'],
  ['elizabeth', 'liz', 'lizzie', 'beth', 'betty', 'eliza', 'libby', 'elisabeth'],
  ['katherine', 'kate', 'katie', 'kathy', 'kat', 'catherine', 'kathryn', 'cathy'],
  ['margaret', 'maggie', 'meg', 'peggy', 'marge', 'greta'],
  ['jennifer', 'jen', 'jenny'],
  ['jessica', 'jess', 'jessie'],
  ['rebecca', 'becky', 'becca'],
  ['susan', 'sue', 'susie', 'suzanne'],
  ['deborah', 'deb', 'debbie'],
  ['patricia', 'pat', 'patty', 'trish', 'tricia'],
  ['christina', 'chris', 'tina', 'christine', 'kristina'],
  ['victoria', 'vicky', 'tori'],
  ['abigail', 'abby'],
  ['samantha', 'sam', 'sammy'],
  ['stephanie', 'steph'],
  ['jacqueline', 'jackie'],
  ['dorothy', 'dot', 'dottie'],
  ['barbara', 'barb', 'babs'],
  ['theodore', 'ted', 'teddy', 'theo'],
  ['mohammed', 'muhammad', 'mohamed', 'mohammad', 'mohamad', 'muhammed'],
  ['abdullah', 'abdallah'],
  ['guillermo', 'memo', 'william'],
  ['alejandro', 'alex', 'ale'],
  ['eduardo', 'lalo', 'eddie', 'edu'],
  ['roberto', 'beto', 'robert'],
  ['jesus', 'chuy'],
  ['ignacio', 'nacho'],
  ['enrique', 'kike', 'henry'],
  ['oluwaseun', 'seun'],
  ['olumide', 'mide'],
  ['oluwafemi', 'femi'],
  ['babatunde', 'tunde'],
  ['chukwuemeka', 'emeka'],
  ['chinonso', 'nonso'],
  ['venkatesh', 'venky'],
  ['subramanian', 'subbu'],
];

const GROUPS_OF = new Map<string, Set<number>>();
GROUPS.forEach((group, index) => {
  for (const name of group) {
    const set = GROUPS_OF.get(name) ?? new Set<number>();
    set.add(index);
    GROUPS_OF.set(name, set);
  }
});

/** True when a folded given name has a usual short or long form in the table ("william", "bill"). */
export function hasNicknames(name: string): boolean {
  return GROUPS_OF.has(name);
}

/** True when two folded given names are the same name or a usual short form of it. */
export function sameGivenName(a: string, b: string): boolean {
  if (a === b) return true;
  const ga = GROUPS_OF.get(a);
  const gb = GROUPS_OF.get(b);
  if (!ga || !gb) return false;
  for (const g of ga) if (gb.has(g)) return true;
  return false;
}
