import { parsePhoneNumberFromString, type CountryCode, type NumberType } from 'libphonenumber-js/max';

/**
 * A phone number as typed and as it is. How a number was typed is evidence
 * (docs/RECORDS.md: "phones keep the applicant's own characters"), so the typing
 * is described alongside the E.164 form.
 */
export interface PhoneTyping {
  /** The number began with "+". */
  readonly leadingPlus: boolean;
  /** The country calling code was written out ("+1 512...", "1-512...", "011 44 ..."). */
  readonly countryCodeTyped: boolean;
  /** Separator characters used, in order of first use: " ", "-", ".", "(", ")", "/". */
  readonly separators: string;
  /** Number of digits typed. */
  readonly digitCount: number;
}

export interface NormalPhone {
  readonly raw: string;
  readonly typing: PhoneTyping;
  /** E.164 when the digits could be read as a number at all. */
  readonly e164?: string;
  /** ISO country the digits imply (for NANP numbers: the country of the area code). */
  readonly country?: string;
  readonly callingCode?: string;
  readonly possible: boolean;
  readonly valid: boolean;
  /** libphonenumber's number type for valid numbers: MOBILE, FIXED_LINE_OR_MOBILE, TOLL_FREE, VOIP ... */
  readonly type?: NumberType;
  /** False when validity and type were not computed (`classify: false`): `valid` then means nothing. */
  readonly classified?: boolean;
}

const SEPARATORS = /[\s\-.()/]/g;

function describeTyping(raw: string, nationalDigits: string | undefined, callingCode: string | undefined): PhoneTyping {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/\D/g, '');
  const seen: string[] = [];
  for (const ch of trimmed.match(SEPARATORS) ?? []) {
    const c = /\s/.test(ch) ? ' ' : ch;
    if (!seen.includes(c)) seen.push(c);
  }
  const leadingPlus = trimmed.startsWith('+');
  const countryCodeTyped =
    leadingPlus ||
    /^(00|011)/.test(digits) ||
    (nationalDigits !== undefined && callingCode !== undefined && digits === `${callingCode}${nationalDigits}`);
  return { leadingPlus, countryCodeTyped, separators: seen.join(''), digitCount: digits.length };
}

/**
 * Normalise one phone string. `defaultCountry` is where a number written
 * without a country code is read (the claimed address's country; US if none).
 * Never throws.
 */
export function normalisePhone(raw: string, defaultCountry: string = 'US', options: { classify?: boolean } = {}): NormalPhone {
  const country = /^[A-Z]{2}$/.test(defaultCountry) ? (defaultCountry as CountryCode) : 'US';
  let parsed: ReturnType<typeof parsePhoneNumberFromString>;
  // "0044 20 ..." is the international prefix most of the world dials: read it as "+44 20 ...".
  const text = raw.trim().replace(/^00(?=\s*[1-9])/, '+');
  try {
    parsed = parsePhoneNumberFromString(text, country);
  } catch {
    parsed = undefined;
  }
  const typing = describeTyping(raw, parsed?.nationalNumber, parsed?.countryCallingCode);
  if (!parsed) return { raw, typing, possible: false, valid: false };
  if (options.classify === false) {
    // Only the identity of the number is wanted (e.g. to compare a reference's number with the
    // applicant's): skip validity and type, the costly part of libphonenumber.
    return { raw, typing, e164: parsed.number, country: parsed.country, callingCode: parsed.countryCallingCode, possible: parsed.isPossible(), valid: false, classified: false };
  }
  const type = parsed.getType();
  return {
    raw,
    typing,
    e164: parsed.number,
    ...(parsed.country ? { country: parsed.country } : {}),
    callingCode: parsed.countryCallingCode,
    possible: parsed.isPossible(),
    // getType() answers only for valid numbers; isValid() is asked only when it did not.
    valid: type !== undefined || parsed.isValid(),
    ...(type ? { type } : {}),
  };
}

/**
 * Is `text` (read in `country`) the same number as `phone`? A cheap digit test
 * rules most pairs out; a pair that passes it is confirmed by parsing.
 */
export function samePhoneNumber(text: string, country: string, phone: NormalPhone): boolean {
  if (!phone.e164) return false;
  const digits = text.replace(/\D/g, '');
  const target = phone.e164.slice(1);
  const national = target.slice((phone.callingCode ?? '').length);
  if (digits.length < 6 || !(digits.endsWith(national) || national.endsWith(digits.replace(/^0+/, '')))) return false;
  return normalisePhone(text, country, { classify: false }).e164 === phone.e164;
}
