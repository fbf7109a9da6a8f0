import type { EnrichedApplication } from '../normalise/application.js';
import type { NormalAddress } from '../normalise/address.js';
import type { MailDropIndex } from '../reference/mail-drops.js';
import { payrollSignals } from './onboarding-payroll.js';
import type { Detector, RawSignal } from './types.js';

/**
 * The onboarding family: where the equipment goes and how the identity was
 * checked. Shared shipping addresses and payroll accounts between identities
 * are linkage signals (src/linkage), not repeated here.
 *
 * Weights (log-odds, src/catalogue/signals.ts) and why:
 * - shipping_to_mail_drop 1.2 (x3.3): a package forwarder or a private
 *   mailbox is where a laptop is re-sent from; some honest people use a
 *   mailbox while they move, so not more.
 * - identity_not_verified_in_person 0.6 (x1.8) when not verified at all, 0.3
 *   when verified remotely (upload, video): a stolen identity passes a
 *   remote check far more easily than an in-person one.
 * - shipping_differs_from_home 0.4 (x1.5): relatives, offices and moves
 *   explain most; with a ZIP code in common it is not raised at all.
 *
 * Reads `onboarding` (shippingAddress normalised, identityDocument), and the
 * mail-drop patterns when the reference context carries them (`mailDrops`,
 * data/onboarding/); silent otherwise. Payroll (start date, accounts, payment
 * requests) is read by onboarding-payroll.ts.
 */
const IN_PERSON = /^(in[_\s-]?person|on[_\s-]?site|face[_\s-]?to[_\s-]?face|notary|notari[sz]ed)$/i;

function addressText(a: NormalAddress): string {
  return [[a.street, a.unit ? `#${a.unit}` : ''].filter(Boolean).join(' '), a.city, a.region, a.postalCode].filter(Boolean).join(', ');
}

export function onboardingSignals(record: EnrichedApplication, mailDrops: MailDropIndex | undefined): RawSignal[] {
  const onboarding = record.onboarding;
  if (!onboarding) return [];
  const out: RawSignal[] = [];
  const ship = onboarding.shippingAddress;
  const home = record.applicant.address;
  if (ship && ship.street) {
    const hit = mailDrops?.(ship);
    if (hit) {
      out.push({
        id: 'onboarding.shipping_to_mail_drop',
        evidence: `equipment shipping address '${addressText(ship)}' is ${hit.entry.name} (data/onboarding/mail-drops.csv, ${hit.entry.id}: ${hit.entry.source})`,
      });
    }
    if (home && home.street && home.key !== ship.key && !(home.postalCode && home.postalCode === ship.postalCode)) {
      out.push({ id: 'onboarding.shipping_differs_from_home', evidence: `equipment is to be shipped to '${addressText(ship)}', not to the home address '${addressText(home)}'` });
    }
  }
  const doc = onboarding.identityDocument;
  if (doc && (doc.verified === false || doc.verified === true)) {
    const method = typeof doc.method === 'string' ? doc.method.trim() : '';
    if (doc.verified === false) {
      out.push({ id: 'onboarding.identity_not_verified_in_person', evidence: `the identity document was not verified${method ? ` (method: ${method})` : ''}` });
    } else if (method && !IN_PERSON.test(method)) {
      out.push({ id: 'onboarding.identity_not_verified_in_person', strength: 0.5, evidence: `the identity document was verified only remotely (method: ${method}), not in person` });
    }
  }
  return out;
}

export const onboardingDetector: Detector = {
  name: 'onboarding',
  family: 'onboarding',
  detect(record, context) {
    if (!record.onboarding) return [];
    return [...onboardingSignals(record, context.reference.mailDrops), ...payrollSignals(record)];
  },
};
