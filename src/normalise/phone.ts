import { parsePhoneNumberFromString, type CountryCode, type NumberType } from 'libphonenumber-js/max';

/**
 * A phone number as typed and as it is. How a number was typed is evidence
 * (records.md: "phones keep the applicant's own characters"), so the typing
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
export function normalisePhone(raw: string, defaultCountry: string = 'US'): NormalPhone {
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
