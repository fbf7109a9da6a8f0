import type { NormalReferenceSession } from '../normalise/application-extras.js';
import type { NormalSession } from '../normalise/application.js';
import type { NormalEmail } from '../normalise/email.js';
import { samePhoneNumber, type NormalPhone } from '../normalise/phone.js';
import type { Detector, RawSignal } from './types.js';

/**
 * The contact family: how the applicant can be reached. Every clue here is
 * weak alone; the family cap in the scorer keeps several of them from
 * counting as independent proof.
 */
const TOLL_FREE_OR_PREMIUM = new Set(['TOLL_FREE', 'PREMIUM_RATE', 'SHARED_COST']);
const NON_GEOGRAPHIC = new Set(['VOIP', 'PERSONAL_NUMBER', 'UAN', 'PAGER', 'VOICEMAIL']);
const TYPE_WORDS: Record<string, string> = {
  TOLL_FREE: 'toll-free', PREMIUM_RATE: 'premium-rate', SHARED_COST: 'shared-cost', VOIP: 'VoIP',
  PERSONAL_NUMBER: 'personal-number (follow-me)', UAN: 'universal access', PAGER: 'pager', VOICEMAIL: 'voicemail-only',
};

function phoneSignals(phone: NormalPhone, addressCountry: string | undefined): RawSignal[] {
  const out: RawSignal[] = [];
  if (phone.valid && phone.country === 'US' && phone.typing.leadingPlus && phone.callingCode === '1') {
    out.push({ id: 'contact.phone_plus1_format', evidence: `US number written as '${phone.raw}'` });
  }
  // Which country a number belongs to is only certain when the code was typed or the address names it;
  // otherwise an honest foreign number read as a US one would look invalid.
  const countryKnown = phone.typing.countryCodeTyped || addressCountry !== undefined;
  if (!phone.valid && countryKnown && phone.typing.digitCount > 0) {
    const where = phone.country ?? (phone.typing.countryCodeTyped ? `calling code +${phone.callingCode ?? '?'}` : addressCountry);
    const why = phone.possible ? 'is not assigned in the numbering plan of' : 'has the wrong length for';
    out.push({ id: 'contact.phone_invalid', evidence: `phone '${phone.raw}' ${why} ${where}` });
  }
  if (phone.type && TOLL_FREE_OR_PREMIUM.has(phone.type)) {
    out.push({ id: 'contact.phone_toll_free_or_premium', evidence: `phone '${phone.raw}' (${phone.e164}) is a ${TYPE_WORDS[phone.type]} number` });
  }
  if (phone.type && NON_GEOGRAPHIC.has(phone.type)) {
    out.push({ id: 'contact.phone_non_geographic', evidence: `phone '${phone.raw}' (${phone.e164}) is a ${TYPE_WORDS[phone.type]} number, tied to no place` });
  }
  return out;
}

/** The domain or any parent of it (x.mailinator.com under mailinator.com) is on the list. */
function disposableDomain(domain: string, list: ReadonlySet<string>): string | undefined {
  const labels = domain.split('.');
  for (let i = 0; i <= labels.length - 2; i++) {
    const candidate = labels.slice(i).join('.');
    if (list.has(candidate)) return candidate;
  }
  return undefined;
}

function sameMailbox(a: NormalEmail | undefined, b: NormalEmail): boolean {
  return a?.mailbox !== undefined && a.mailbox === b.mailbox;
}

/**
 * The reference check answered from the applicant's own device (full weight) or, with no device in common,
 * from the applicant's IP address (half: a colleague in the same office, or a household, shares an IP).
 */
function referenceSessionSignal(ref: NormalReferenceSession | undefined, own: NormalSession | undefined, who: string): RawSignal | undefined {
  if (!ref || !own) return undefined;
  const device = own.deviceId?.trim();
  if (ref.deviceId && device && ref.deviceId === device) {
    return { id: 'contact.reference_is_applicant', evidence: `${who} answered the reference check from device ${device}, the one the application was sent from` };
  }
  const ip = own.ip?.trim().toLowerCase();
  if (ref.ip && ip && ref.ip === ip) {
    return { id: 'contact.reference_is_applicant', strength: 0.5, evidence: `${who} answered the reference check from IP ${ip}, the one the application was sent from` };
  }
  return undefined;
}

export const contactDetector: Detector = {
  name: 'contact',
  family: 'contact',
  detect(record, context) {
    const { applicant } = record;
    const out: RawSignal[] = applicant.phones.flatMap((p) => phoneSignals(p, applicant.addressCountry));
    for (const email of applicant.emails) {
      const listed = email.domain ? disposableDomain(email.domain, context.reference.disposableMailDomains) : undefined;
      if (listed) {
        out.push({ id: 'contact.disposable_email', evidence: `mailbox '${email.raw}' is on ${listed}, a disposable mail service` });
      }
    }
    record.references.forEach((ref, i) => {
      const who = ref.name?.raw ? `reference ${i + 1} (${ref.name.raw})` : `reference ${i + 1}`;
      const phone = ref.phone ? applicant.phones.find((p) => samePhoneNumber(ref.phone!, ref.phoneCountry, p)) : undefined;
      if (phone && ref.phone) {
        out.push({ id: 'contact.reference_is_applicant', evidence: `${who} gives phone '${ref.phone}', the applicant's own ${phone.e164}` });
      }
      const mailbox = applicant.emails.find((e) => ref.email && sameMailbox(ref.email, e));
      if (mailbox && ref.email) {
        out.push({ id: 'contact.reference_is_applicant', evidence: `${who} gives mailbox '${ref.email.raw}', the applicant's own ${mailbox.mailbox}` });
      }
      const session = referenceSessionSignal(ref.session, record.session, who);
      if (session) out.push(session);
    });
    return out;
  },
};
