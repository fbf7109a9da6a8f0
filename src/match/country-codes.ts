import { foldText, squashSpaces } from '../normalise/text.js';

/**
 * Country names to ISO 3166-1 alpha-2 codes, with the spellings OFAC uses
 * ("Korea, North", "Burma", "Man, Isle of") and common short forms. Used to
 * compare a query's country with the countries a list entry is tied to; it
 * is never evidence by itself.
 */
const TABLE = `AF afghanistan|AL albania|DZ algeria|AD andorra|AO angola|AG antigua and barbuda|AR argentina|AM armenia
AW aruba|AU australia|AT austria|AZ azerbaijan|BS bahamas;bahamas, the;the bahamas|BH bahrain|BD bangladesh|BB barbados
BY belarus|BE belgium|BZ belize|BJ benin|BM bermuda|BT bhutan|BO bolivia|BA bosnia and herzegovina;bosnia-herzegovina;bosnia
BW botswana|BR brazil|BN brunei|BG bulgaria|BF burkina faso|MM burma;myanmar|BI burundi|CV cabo verde;cape verde
KH cambodia|CM cameroon|CA canada|KY cayman islands|CF central african republic|TD chad|CL chile|CN china;prc;people's republic of china
CO colombia|KM comoros;comoros islands|CD congo, democratic republic of the;democratic republic of the congo;drc
CG congo, republic of the;republic of the congo;congo|CR costa rica|CI cote d ivoire;cote d'ivoire;ivory coast|HR croatia
CU cuba|CW curacao|CY cyprus|CZ czech republic;czechia|DK denmark|DJ djibouti|DM dominica|DO dominican republic
EC ecuador|EG egypt|SV el salvador|GQ equatorial guinea|ER eritrea|EE estonia|SZ eswatini;swaziland|ET ethiopia|FJ fiji
FI finland|FR france|GA gabon|GM gambia;the gambia;gambia, the|GE georgia|DE germany|GH ghana|GI gibraltar|GR greece
GD grenada|GT guatemala|GN guinea|GW guinea-bissau|GY guyana|HT haiti|HN honduras|HK hong kong|HU hungary|IS iceland
IN india|ID indonesia|IR iran;islamic republic of iran|IQ iraq|IE ireland|IM man, isle of;isle of man|IL israel|IT italy
JM jamaica|JP japan|JE jersey|JO jordan|KZ kazakhstan|KE kenya|KI kiribati
KP korea, north;north korea;dprk;democratic people's republic of korea|KR korea, south;south korea;republic of korea
XK kosovo|KW kuwait|KG kyrgyzstan|LA laos|LV latvia|LB lebanon|LS lesotho|LR liberia|LY libya|LI liechtenstein
LT lithuania|LU luxembourg|MO macau;macao|MG madagascar|MW malawi|MY malaysia|MV maldives|ML mali|MT malta
MH marshall islands|MR mauritania|MU mauritius|MX mexico|FM micronesia|MD moldova|MC monaco|MN mongolia|ME montenegro
MA morocco|MZ mozambique|NA namibia|NP nepal|NL netherlands;holland|AN netherlands antilles|NZ new zealand|NI nicaragua
NE niger|NG nigeria|MK north macedonia;north macedonia, the republic of;macedonia|NO norway|OM oman|PK pakistan|PW palau
PS palestinian;palestine;palestinian territories;west bank;gaza;gaza strip|PA panama|PG papua new guinea|PY paraguay
PE peru|PH philippines;the philippines|PL poland|PT portugal|PR puerto rico|QA qatar|RO romania
RU russia;russian federation;the russian federation|RW rwanda|KN saint kitts and nevis;st kitts and nevis|LC saint lucia
VC saint vincent and the grenadines|WS samoa|SM san marino|SA saudi arabia|SN senegal|RS serbia;republic of serbia
SC seychelles|SL sierra leone|SG singapore|SK slovakia|SI slovenia|SB solomon islands|SO somalia|ZA south africa
SS south sudan|ES spain|LK sri lanka|SD sudan|SR suriname|SE sweden|CH switzerland|SY syria|TW taiwan|TJ tajikistan
TZ tanzania|TH thailand|TL timor-leste;east timor|TG togo|TO tonga|TT trinidad and tobago|TN tunisia|TR turkey;turkiye
TM turkmenistan|TV tuvalu|UG uganda|UA ukraine|AE united arab emirates;uae|GB united kingdom;uk;great britain;england
US united states;usa;united states of america|UY uruguay|UZ uzbekistan|VU vanuatu|VE venezuela|VN vietnam;viet nam
VG virgin islands, british;british virgin islands|EH western sahara|YE yemen|ZM zambia|ZW zimbabwe`;

function key(name: string): string {
  return squashSpaces(foldText(name).replace(/[.()]/g, ' ').replace(/^(the|of registration)\s+/u, ''));
}

const BY_NAME = new Map<string, string>();
const CODES = new Set<string>();
for (const item of TABLE.split(/[|\n]/u)) {
  const code = item.slice(0, 2);
  CODES.add(code);
  for (const name of item.slice(3).split(';')) BY_NAME.set(key(name), code);
}

/**
 * The ISO alpha-2 code of a country name or code ("Korea, North", "kp",
 * "North Korea." -> "KP"); null when unknown ("Region: Crimea", "undetermined").
 */
export function countryCode(nameOrCode: string): string | null {
  const trimmed = nameOrCode.trim();
  if (/^[A-Za-z]{2}$/u.test(trimmed) && CODES.has(trimmed.toUpperCase())) return trimmed.toUpperCase();
  return BY_NAME.get(key(trimmed)) ?? null;
}
