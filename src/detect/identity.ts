import { samePerson } from '../match/same-person.js';
import type { Detector } from './types.js';

/**
 * The identity family: does the person named on the application match the
 * person on the profiles it links? Compares names only with allowances for
 * what people legitimately do with their names. The spelling of a mailbox is
 * deliberately NOT compared with the name: nicknames and adopted names are
 * common in every culture and such a check would fall on some groups more
 * than on others.
 */
export const identityDetector: Detector = {
  name: 'identity',
  family: 'identity',
  detect(record) {
    const profileName = record.linkedin?.displayName;
    if (!profileName || profileName.tokens.length === 0 || record.applicant.name.tokens.length === 0) return [];
    if (samePerson(record.applicant.name, profileName).same) return [];
    return [
      {
        id: 'identity.profile_name_mismatch',
        evidence: `application is from '${record.applicant.name.raw}' but the linked LinkedIn profile is in the name of '${profileName.raw}'`,
      },
    ];
  },
};
