import type { SourceKey } from './sources.js';

/**
 * The signal catalogue: every signal hirewatch can raise, in one table.
 * Detectors refer to these ids only; the scorer takes weights and family
 * caps from here (configuration may override them); docs/signals.md is
 * generated from here.
 *
 * Weights are log-odds (natural log of a likelihood ratio): 0.35 means the
 * clue makes fraud about 1.4x as likely as before, 2.3 about 10x.
 */
export const FAMILIES = [
  'identity', 'contact', 'education', 'employment', 'watchlist', 'geography',
  'linkage', 'profile', 'interview', 'onboarding', 'telemetry',
] as const;
export type Family = (typeof FAMILIES)[number];

/**
 * Default cap of each family, in log-odds: the highest total its signals may add, so that
 * correlated clues do not count twice (configuration may override them, like the weights).
 */
export const DEFAULT_FAMILY_CAPS: Record<Family, number> = {
  identity: 1.2,
  contact: 3,
  education: 2.5,
  employment: 2.5,
  watchlist: 8,
  geography: 2.5,
  linkage: 4,
  profile: 2,
  interview: 3,
  onboarding: 3,
  telemetry: 5,
};

/**
 * Bases: what one honest circumstance explains at once. Two signals are
 * independent when their bases differ; a signal with no basis of its own
 * rests on its family. A commercial VPN raises the hosting IP and the IP
 * shared with strangers together; a shared home raises the address and the
 * family computer together; so those count as one line of evidence, not two.
 * The bands need independent lines (src/score/combine.ts).
 */
export const BASES = {
  network: 'The connection: a VPN, a mobile carrier or an office gateway explains every one of these at once (hosting IP, IP shared with strangers, IP placed elsewhere, logins and latency through a relay).',
  clock: "The clock: travel or a night owl's habits explain a time zone and night-time activity together.",
  phone: 'The phone number: a number kept after a move, or typed with its country code, explains these together.',
  household: 'The home: family members and flatmates share an address, a router, sometimes a computer, a phone, a mailbox or an account.',
  references: 'The references: one reference relationship explains its own contact and name matches.',
  payroll: 'The pay arrangement: one honest arrangement (a joint account, a new bank, a contractor paid through a platform) explains its own changes, holder and channel together.',
} as const;
export type Basis = Family | keyof typeof BASES;

export interface SignalDefinition {
  readonly family: Family;
  /** Default weight in log-odds. */
  readonly weight: number;
  /** One line: what fired. */
  readonly description: string;
  /** The public source that motivates the signal. */
  readonly source: SourceKey;
  /**
   * Weak: a kind of signal honest applicants commonly show, with the honest
   * reason. Weak signals add to the score but never leave `clear` on their
   * own, one or several together.
   */
  readonly weak?: string;
  /**
   * What it rests on, when not its own family (BASES, or another family): signals of one basis are not
   * independent. A signal two honest circumstances could each explain names both, and ties them into one line
   * (travel puts the IP and the clock abroad together). A signal derived from others (a cluster of linked
   * applications) names none: it adds to the score but is no line of its own.
   */
  readonly basis?: Basis | readonly Basis[];
  /**
   * Decides `hold` by itself, whatever the score and however few other lines
   * of evidence: a corroborated sanctions match, a link to an application a
   * reviewer held or confirmed.
   */
  readonly holdsAlone?: string;
  /**
   * Decides no band: a match on a name alone, which is not a match (OFAC FAQ 5). It adds its small
   * weight to the score a reader sees, and the band is decided on the score without it, so no name
   * can move anyone from one band to another.
   */
  readonly decidesNoBand?: string;
}

export const SIGNALS = {
  'contact.phone_plus1_format': {
    family: 'contact',
    weight: 0.35,
    description: 'A US number written with the "+1" country code, which people in the US rarely type for their own number.',
    source: 'amazon2025',
    weak: 'contact cards, forms with a country selector and anyone who has lived abroad write "+1"',
    basis: 'phone',
  },
  'contact.phone_invalid': {
    family: 'contact',
    weight: 0.9,
    description: 'A phone number that is not possible or not assigned in the numbering plan of its country.',
    source: 'advisory2022',
    basis: 'phone',
  },
  'contact.phone_toll_free_or_premium': {
    family: 'contact',
    weight: 0.9,
    description: 'A toll-free, premium-rate or shared-cost number given as a personal phone.',
    source: 'advisory2022',
    basis: 'phone',
  },
  'contact.phone_non_geographic': {
    family: 'contact',
    weight: 0.6,
    description: 'A VoIP, personal-number, UAN or pager number: reachable anywhere, tied to no place.',
    source: 'advisory2022',
    basis: 'phone',
  },
  'contact.disposable_email': {
    family: 'contact',
    weight: 1.2,
    description: 'A mailbox on a throw-away (disposable) mail domain.',
    source: 'fbi2025',
  },
  'contact.reference_is_applicant': {
    family: 'contact',
    weight: 1.8,
    description: "A reference's phone or mailbox is the applicant's own, or the reference check was answered from the applicant's device (or, at half weight, IP address).",
    source: 'fbi2025',
    basis: 'references',
  },
  'identity.profile_name_mismatch': {
    family: 'identity',
    weight: 0.5,
    description: 'The name on the linked profile is not the applicant\'s name, even allowing for nicknames, order, initials and romanisation.',
    source: 'advisory2022',
    basis: 'profile',
  },
  // Sanctions adjudication (OFAC FAQs 5 and 23): a name hit is a potential match until the entry's other
  // identifiers (date of birth, nationality, address) are compared. Name plus a second identifier in agreement
  // (birth year, the listed address) is a corroborated match: hiring a sanctioned person is itself a
  // violation, so it holds (4.0, x55). A name alone is a potential match (0.4, x1.5): common names of every
  // origin collide with listed ones, and the DPRK workers of the cases apply under stolen or invented U.S.
  // identities, not their own listed names; a disagreeing country or birth year halves it. A reference is
  // screened on a name alone (references carry nothing to compare), so it is a potential match too (0.5).
  // The country of residence is compared but its agreement alone corroborates nothing: every namesake living
  // in the listed country shares it, and listed persons' countries follow their names' origins.
  'watchlist.sanctioned_person': {
    family: 'watchlist',
    weight: 4,
    description: "The applicant's name matches a person on the OFAC sanctions (SDN) list and a second identifier that tells namesakes apart agrees (year of birth within a year, or a home address the list gives for the entry) with none disagreeing: a corroborated match. The country of residence alone does not corroborate (every namesake living in the listed country shares it). Hiring a sanctioned person is itself a violation, so a person must verify.",
    source: 'ofacSdn',
    holdsAlone: 'a corroborated sanctions match: a person verifies before anything else happens',
  },
  'watchlist.sanctions_potential_match': {
    family: 'watchlist',
    weight: 0.4,
    description: "The applicant's name matches a person on the OFAC sanctions (SDN) list, but no second identifier agrees (a country of residence in common is not one): a potential match to adjudicate by comparing the entry's date of birth, nationality and address, never a finding. The evidence lists which identifiers the entry has and which the application could be compared on; a disagreeing country or year of birth halves it.",
    source: 'ofacFaqMatches',
    weak: 'common names of every origin are identical to listed names; a name alone is not a match',
    // No line of evidence: a name alone is not a valid match (OFAC FAQ 5), so it may add its small weight but never decides a band.
    basis: [],
    decidesNoBand: 'a name alone is not a match (OFAC FAQ 5)',
  },
  'watchlist.reference_sanctioned': {
    family: 'watchlist',
    weight: 0.5,
    description: "A reference's name matches a person on the OFAC sanctions (SDN) list: a potential match on a name alone (a reference carries no date of birth, nationality or address to compare).",
    source: 'ofacFaqMatches',
    weak: 'references with common names collide with listed names as applicants do',
    basis: [],
    decidesNoBand: "a reference's name alone is not a match (OFAC FAQ 5)",
  },
  'watchlist.high_risk_employer': {
    family: 'watchlist',
    weight: 3,
    description: 'A claimed employer matches a high-risk institution or a sanctioned organisation (DPRK IT-worker companies, front companies, their aliases).',
    source: 'amazon2025',
    basis: 'employment',
  },
  'watchlist.high_risk_school': {
    family: 'watchlist',
    weight: 3,
    description: 'A claimed school matches a high-risk institution (universities that train DPRK cyber and IT operators) or a sanctioned organisation.',
    source: 'amazon2025',
    basis: 'education',
  },
  'watchlist.reference_org_high_risk': {
    family: 'watchlist',
    weight: 2.5,
    description: "A reference's organisation matches a high-risk institution or a sanctioned organisation.",
    source: 'amazon2025',
    basis: 'references',
  },
  'watchlist.listed_domain': {
    family: 'watchlist',
    weight: 3,
    description: 'A mail domain or a linked website is one a sanctions designation, a seizure or an advisory names for a DPRK scheme.',
    source: 'doj2023',
    basis: 'contact',
  },
  'watchlist.listed_address': {
    family: 'watchlist',
    weight: 2,
    description: 'The home or shipping address is an address the sanctions list gives for a listed entry.',
    source: 'ofacSdn',
    basis: 'household',
  },
  // Weights (log-odds) and why, from strongest: data/education/SOURCES.md has the data behind each check.
  // us_institution_not_found 1.2 (x3.3): a named U.S. school that no list has under any close spelling; left
  //   honest causes (schools closed before the release, the few outside Title IV) keep it below "strong".
  // program_not_offered 1.0 (x2.7): Amazon's clue; honest causes left after the broad CIP families are
  //   programs opened or closed outside the data's years and unusual CIP coding.
  // mailbox_domain_mismatch 0.8 (x2.2): a mailbox posing as the school's (a look-alike or another school's
  //   domain); honest causes: a school's second domain missing from both lists.
  // implausible_duration 0.5, overlapping_degrees 0.5 (x1.65): timelines that do not fit; typos and unusual
  //   paths (part-time, joint programs) are common, so weak. off_calendar_end 0.3 (x1.35): off-cycle conferrals exist.
  'education.us_institution_not_found': {
    family: 'education',
    weight: 1.2,
    description: 'A school whose name clearly makes it a U.S. institution (it names a U.S. state, or a SUNY/CUNY/Cal State prefix) is in neither College Scorecard, which lists every Title IV institution, nor the world university list, under any close spelling.',
    source: 'collegeScorecard',
  },
  'education.program_not_offered': {
    family: 'education',
    weight: 1,
    description: 'The U.S. institution named offers no program of the claimed field at the claimed level in the Scorecard field-of-study data (checked only for institutions that data covers; the field and degree must be ones the tables read).',
    source: 'amazon2025',
  },
  'education.mailbox_domain_mismatch': {
    family: 'education',
    weight: 0.8,
    description: "An education mailbox that poses as a school's but is not on the U.S. institution's domains: a look-alike of its domain, another school's domain, or another academic domain.",
    source: 'advisory2022',
  },
  'education.implausible_duration': {
    family: 'education',
    weight: 0.5,
    description: "A degree that takes implausibly little or long: a bachelor's in under 20 months without earlier study or over 10 years, a master's under 6 months or over 8 years, a doctorate under 2 or over 12 years, an associate's under 6 months.",
    source: 'amazon2025',
  },
  'education.overlapping_degrees': {
    family: 'education',
    weight: 0.5,
    description: 'Two degrees of bachelor level or above at different schools overlap by a year or more and do not end together (joint programs end together).',
    source: 'advisory2022',
  },
  'education.off_calendar_end': {
    family: 'education',
    weight: 0.3,
    description: "A bachelor's from a U.S. institution that ends in February, October or November, months in which no U.S. semester, quarter or trimester calendar ends a term.",
    source: 'amazon2025',
  },
  'employment.overlapping_full_time': {
    family: 'employment',
    weight: 0.5,
    description: 'Two full-time positions overlap for more than three months (contract, part-time, freelance and internship roles excepted).',
    source: 'fbi2024',
    weak: 'notice periods, side jobs and contract work written as full-time',
  },
  'employment.impossible_dates': {
    family: 'employment',
    weight: 0.8,
    description: 'A position that ends before it starts, or starts after the application was submitted.',
    source: 'amazon2025',
  },
  'employment.experience_claim_exceeds_history': {
    family: 'employment',
    weight: 0.6,
    description: 'The resume claims years of experience that the employment and education history cannot hold (three years or more beyond it).',
    source: 'amazon2025',
  },
  'profile.dormant_revived_renamed': {
    family: 'profile',
    weight: 1.5,
    description: 'The linked profile was silent for two years or more, was renamed after it fell silent, and came back to life within three months of the application: the pattern of a bought or hijacked account. (Silence alone is common and is not evidence.)',
    source: 'amazon2025',
  },
  'profile.location_mismatch': {
    family: 'profile',
    weight: 0.4,
    description: "The linked profile's location is another state or country than the application's address.",
    source: 'advisory2022',
    weak: 'profiles are rarely updated after a move',
  },
  'profile.name_changed_recently': {
    family: 'profile',
    weight: 0.4,
    description: "The linked profile's name was changed in the six months before the application (weak: people change names for many reasons).",
    source: 'amazon2025',
    weak: 'marriage, divorce and transition change names',
  },
  'profile.younger_than_career': {
    family: 'profile',
    weight: 0.7,
    description: 'The linked profile is less than a year old but the career it presents spans five years or more.',
    source: 'fbi2025',
  },
  'profile.code_host_dormant_burst': {
    family: 'profile',
    weight: 0.7,
    description: 'A code-hosting account (GitHub and similar, from profile data supplied with the application) that shows no contributions for two years or more since it was created or last used, then 30 or more in the three months before the application.',
    source: 'seal2025',
    weak: 'people who worked in private repositories start publishing when they look for work',
  },
  'profile.code_host_commit_identity_mismatch': {
    family: 'profile',
    weight: 1.0,
    description: "Most commits (ten or more) on the applicant's code-hosting account are by people who are neither the applicant by name (nicknames, order, initials and romanisation allowed) nor by mailbox; bots, handles and nameless identities are not counted either way.",
    source: 'seal2025',
  },
  'profile.code_host_forks_copied': {
    family: 'profile',
    weight: 0.6,
    description: "The code-hosting account's repositories are mostly forks (two thirds or more), and five or more of them, half of all its repositories or more, were created within 14 days: a portfolio copied in one go.",
    source: 'seal2025',
    weak: 'bootcamps and tutorials have students fork many repositories in a week',
  },
  'profile.few_connections_for_seniority': {
    family: 'profile',
    weight: 0.4,
    description: 'Fewer than 50 connections on a profile presenting five years or more of professional work.',
    source: 'fbi2025',
    weak: 'many professionals hardly use LinkedIn',
  },
  // Weights (rationale in src/detect/geography.ts): a residential IP abroad or a clock on another continent is rarely
  // innocent (1.5, 1.2), a clock in a neighbouring zone often is (0.4); VPNs and cloud hosts are used by many honest people (1.0); a different state is often an IP
  // database error (0.4); people keep their old numbers (0.3). Family cap 2.5 keeps correlated clues from adding up.
  'geography.ip_hosting_or_vpn': { family: 'geography', weight: 1.0, description: 'The applicant connected from a listed hosting, cloud, commercial VPN or proxy network (by its autonomous system).', source: 'fbiRok2023', weak: 'many honest people use a commercial VPN, a work proxy or a cloud desktop', basis: 'network' },
  'geography.ip_country_mismatch': { family: 'geography', weight: 1.5, description: 'A non-hosting IP address of the applicant is located in a different country from the claimed address.', source: 'advisory2022', basis: ['network', 'clock'] },
  'geography.ip_region_mismatch': { family: 'geography', weight: 0.4, description: 'A U.S. IP address is located in a different state, far from the claimed ZIP code (beyond the database accuracy).', source: 'fbi2024', weak: 'IP databases place mobile, satellite and corporate addresses in the wrong state', basis: 'network' },
  'geography.timezone_mismatch': { family: 'geography', weight: 1.2, description: "The browser's time zone kept a UTC offset at submission more than three hours from the claimed address's (tz database, DST included): a clock beyond the zones of one continent.", source: 'fbiRok2023', basis: 'clock' },
  'geography.timezone_mismatch_nearby': { family: 'geography', weight: 0.4, description: "The browser's time zone kept a different UTC offset at submission than the claimed address did, but within three hours of it (tz database, DST included): a neighbouring zone.", source: 'fbiRok2023', weak: 'a laptop still set to a previous home, or a trip within the continent', basis: 'clock' },
  'geography.area_code_region_mismatch': { family: 'geography', weight: 0.3, description: "A North American phone's area code serves a different state or province than the claimed address (weak: people keep their numbers).", source: 'amazon2025', weak: 'people keep their numbers when they move', basis: 'phone' },
  'geography.zip_place_mismatch': { family: 'geography', weight: 1.0, description: 'The ZIP code belongs to another state, or to a place far from the claimed city.', source: 'amazon2025' },
  'geography.night_activity': { family: 'geography', weight: 0.6, description: 'Two or more activity times (submission, interviews) fall between midnight and 5 a.m. at the claimed address.', source: 'fbiRok2023', weak: 'night owls and shift workers apply at night', basis: 'clock' },
  // Weights (rationale in src/linkage/linkage-signals.ts): a personal phone, mailbox, payroll account, profile or photo
  // under two names is rarely innocent (2.0-2.5); a device can be a shared family computer (1.8); a shipping address
  // that receives several hires' laptops is a known farm pattern (1.6); a home address is shared by families (1.0); an IP
  // by offices, campuses and VPN exits (0.6); a reference by colleagues (0.6). Only DIFFERENT identities count (samePerson).
  'linkage.shared_phone_other_identity': { family: 'linkage', weight: 2.1, description: 'The applicant\'s phone number is also on an application under a different identity.', source: 'fbi2025', basis: 'household' },
  'linkage.shared_email_other_identity': { family: 'linkage', weight: 2.3, description: 'The applicant\'s mailbox (canonical form) is also on an application under a different identity.', source: 'fbi2025', basis: 'household' },
  'linkage.shared_device_other_identity': { family: 'linkage', weight: 1.8, description: 'The browser/device fingerprint of the application was also used by a different identity (not when every such identity also claims this home address: a family computer is the home again, named by the home address signal).', source: 'amazon2025', basis: 'household' },
  'linkage.shared_profile_other_identity': { family: 'linkage', weight: 2.0, description: 'The same LinkedIn or GitHub profile (normalised URL) is given by a different identity.', source: 'fbi2025' },
  'linkage.shared_address_other_identity': { family: 'linkage', weight: 1.0, description: 'The home address (street number, unit, postal code) is also claimed by a different identity; the evidence names the IP, device and shipping address the household also shares, which are not raised again.', source: 'amazon2025', weak: 'families and flatmates share a home', basis: 'household' },
  'linkage.shared_shipping_address_other_identity': { family: 'linkage', weight: 1.6, description: 'The onboarding shipping address is also where equipment for a different identity is sent (not when every such identity also claims this home address: laptops shipped home are the home again).', source: 'fbi2024' },
  'linkage.shared_payroll_other_identity': { family: 'linkage', weight: 2.5, description: 'The payroll account (hash) is also given by a different identity.', source: 'fbi2024', basis: 'household' },
  'linkage.shared_ip_other_identity': { family: 'linkage', weight: 0.6, description: 'The application came from the same IP address as an application under a different identity (not when every such identity also claims this home address: the home\'s router is the home again; not when the address is a listed hosting, commercial VPN or proxy exit, which strangers share by design and geography.ip_hosting_or_vpn already names).', source: 'amazon2025', weak: 'strangers share offices, campuses and carrier gateways; families share a router', basis: ['network', 'household'] },
  'linkage.shared_reference_other_identity': { family: 'linkage', weight: 0.6, description: 'A reference phone or mailbox is also given as a reference by a different identity.', source: 'fbi2025', weak: 'colleagues name the same manager as their reference', basis: 'references' },
  'linkage.reference_is_other_applicant': { family: 'linkage', weight: 1.6, description: 'A reference\'s phone or mailbox is the own phone or mailbox of an applicant under a different identity, or the reference check was answered from such an applicant\'s device (and the reverse: the applicant\'s own was a reference\'s of one): referees who are the ring.', source: 'fbi2025', basis: 'references' },
  'linkage.similar_photo_other_identity': { family: 'linkage', weight: 2.0, description: 'The profile photo is the same image (perceptual hash within 6 of 64 bits) as a different identity\'s.', source: 'amazon2025' },
  'linkage.resume_near_duplicate_other_identity': { family: 'linkage', weight: 1.8, description: 'The resume is a near-duplicate (names, dates and numbers aside) of a different identity\'s resume.', source: 'amazon2025' },
  'linkage.identity_many_contacts': { family: 'linkage', weight: 1.2, description: 'One identity (the same name, nicknames and order aside) appears in its cluster with three or more different phones or mailboxes.', source: 'amazon2025', basis: [] },
  'linkage.cluster_many_identities': { family: 'linkage', weight: 1.0, description: 'The application belongs to a cluster of linked applications under three or more identities (full weight from five).', source: 'amazon2025', basis: [] },
  'linkage.cluster_contains_held': { family: 'linkage', weight: 2.0, description: 'The application\'s cluster contains an application that a reviewer held or confirmed as fraud.', source: 'amazon2025', holdsAlone: 'a link to an application a reviewer held or confirmed: a person verifies the rest of the cluster' },
  // A confirmed-fraud identifier from another organisation (docs/SHARING.md): the sharer's reviewers confirmed the ring it
  // came from, so a match says as much as a link to an application a reviewer here confirmed (2.5, holds alone); an
  // honest applicant rarely inherits a phone, mailbox or device a ring used, and a person verifies before anything else.
  'linkage.shared_indicator': { family: 'linkage', weight: 2.5, description: 'An identifier of the application (phone, mailbox, address, payroll account, device, profile, reference phone or mailbox, or photo hash, in the linkage index\'s canonical form; not IPs or employers, which strangers share) matches an indicator another organisation shared from a case it decided confirmed fraud (clear, or HMAC-SHA256 under the consortium key); the evidence names the sharer, its collection, the indicator\'s kind and dates.', source: 'fbi2025', holdsAlone: 'an identifier another organisation confirmed as used in fraud: a person verifies before anything else' },
  'linkage.burst': { family: 'linkage', weight: 1.0, description: 'Five or more applications from one identifier or cluster, under two or more identities, within 24 hours (an IP network, and an IP that is a listed hosting, VPN or proxy exit, are no identifier of anyone and count for no burst).', source: 'amazon2025', basis: [] },
  // Weights (rationale in src/detect/interview.ts): what the interviewer saw. A refused camera or a laggy call has many
  // honest causes (0.3-0.7); a face that is not the applicant's or a suspected deepfake is rarely innocent (1.5).
  'interview.camera_off': { family: 'interview', weight: 0.7, description: 'The camera stayed off (or was refused) in a video interview.', source: 'fbi2025', weak: 'cameras and connections fail, and some people refuse video for privacy' },
  'interview.audio_lag': { family: 'interview', weight: 0.3, description: 'The interviewer noted a steady lag on every answer (weak: bad connections are common; relays and voice changers add delay too).', source: 'microsoft2025', weak: 'bad connections are common' },
  'interview.reading_answers': { family: 'interview', weight: 0.5, description: 'The interviewer noted that answers were read out or relayed rather than given.', source: 'microsoft2025' },
  'interview.face_mismatch': { family: 'interview', weight: 1.5, description: 'The face on camera did not match the applicant\'s photo or identity document, or changed between interviews.', source: 'microsoft2025' },
  'interview.deepfake_suspected': { family: 'interview', weight: 1.5, description: 'The interviewer or a vendor tool suspected a real-time face swap or other synthetic video.', source: 'fbi2025' },
  'interview.voice_changer_suspected': { family: 'interview', weight: 1.0, description: 'The interviewer or a vendor tool suspected voice-changing software.', source: 'microsoft2025' },
  'interview.virtual_camera': { family: 'interview', weight: 0.6, description: 'The interview platform reported the candidate\'s camera as a virtual camera product (OBS Virtual Camera, ManyCam, DroidCam ...; data/interview), the way a real-time face swap reaches a call.', source: 'fbi2022Deepfake', weak: 'streamers, presenters and people using a phone as a webcam run the same products; ask for the built-in camera' },
  'interview.network_elsewhere': { family: 'interview', weight: 0.8, description: 'The candidate joined an interview from a non-hosting IP address located in another country than both the application session\'s IP and the claimed home, not on the application\'s network (another address, and another autonomous system where the reference data knows both): someone else, or somewhere else, took the interview.', source: 'advisory2022', basis: ['network', 'clock'] },
  'interview.location_knowledge_failed': { family: 'interview', weight: 0.8, description: 'The applicant could not answer simple questions about the place they claim to live in.', source: 'mandiant2024' },
  // Weights (rationale in src/detect/onboarding.ts): laptops sent elsewhere than home are common for honest reasons
  // (0.4); a package forwarder or private mailbox is where a laptop leaves the country (1.2); a remote-only identity check
  // is what stolen identities pass (0.6). Shared shipping addresses and payroll are linkage signals.
  'onboarding.shipping_differs_from_home': { family: 'onboarding', weight: 0.4, description: 'Equipment is to be shipped to another address than the applicant\'s home (weak: relatives, offices and moves explain many).', source: 'fbi2024', weak: 'relatives, offices and moves explain many' },
  'onboarding.shipping_to_mail_drop': { family: 'onboarding', weight: 1.2, description: 'The equipment shipping address is a package forwarder or a private mailbox (a commercial mail receiving agency), from a cited list of address patterns.', source: 'doj2025' },
  'onboarding.payroll_changed_soon': { family: 'onboarding', weight: 1.0, description: 'The payroll account was changed within 30 days of the start date, or changed twice or more within 90 days.', source: 'fbi2024', basis: 'payroll' },
  'onboarding.payroll_holder_not_employee': { family: 'onboarding', weight: 1.2, description: 'A payroll account is held in a name that is not the employee\'s, even allowing for nicknames, order, initials and romanisation (a joint account naming the employee is theirs).', source: 'fbi2024', basis: 'payroll' },
  'onboarding.payment_app_or_crypto': { family: 'onboarding', weight: 0.8, description: 'Pay is requested, or set up, through cryptocurrency (full weight) or a payment app or money-transfer service instead of a bank account (half weight).', source: 'advisory2022', basis: 'payroll' },
  // No line of evidence (basis []): most honest remote hires are verified by upload or video, so what most of them show cannot
  // corroborate another line (the probability that an honest applicant shows it beside any other circumstance is hardly below
  // that circumstance's own). It adds its small weight to the score, like a name-only sanctions match.
  'onboarding.identity_not_verified_in_person': { family: 'onboarding', weight: 0.6, description: 'The identity document was not verified, or only remotely (an upload or a video call), not in person.', source: 'fbi2025', weak: 'remote hires are mostly verified by upload or video', basis: [] },
  // Weights (rationale in src/monitor/telemetry-signals.ts): physics and hardware are hard to explain away (IP-KVM 2.0,
  // keystroke latency 1.5, RTT 1.2, a residential IP shared by several employees 2.0); software and network clues have
  // honest users (remote tools 1.0, VPN/hosting logins 0.8, jigglers 0.4). Family cap 5.
  'telemetry.keystroke_latency_remote': { family: 'telemetry', weight: 1.5, description: 'Keystrokes reach the session far later than any input typed at the claimed location could: the median latency exceeds what a path from the farthest point of the claimed country allows (light in fibre, 200 km per ms, with routing and access overheads).', source: 'amazonKeystroke2025', basis: 'network' },
  'telemetry.rtt_beyond_claimed_country': { family: 'telemetry', weight: 1.2, description: 'The smallest network round trip of a day is longer than any path within the claimed country takes (light in fibre, 200 km per ms, with routing and access overheads): the traffic travels abroad or through a relay.', source: 'amazonKeystroke2025', basis: 'network' },
  'telemetry.remote_access_tool': { family: 'telemetry', weight: 1.0, description: 'Remote-access software (AnyDesk, TeamViewer, RustDesk, Chrome Remote Desktop, ScreenConnect, Splashtop, VNC ...) that is not on the organisation\'s approved list ran on the device.', source: 'mandiant2024' },
  'telemetry.second_remote_access_tool': { family: 'telemetry', weight: 0.8, description: 'A second remote-access tool not on the approved list first ran within four weeks of the first one on the employee\'s devices: a fallback kept in case one is blocked.', source: 'mandiant2024' },
  'telemetry.ip_kvm_device': { family: 'telemetry', weight: 2.5, description: 'A USB device with the identity of an IP-KVM (PiKVM, TinyPilot, JetKVM ...) was attached: the laptop is driven over the network by hardware.', source: 'doj2025' },
  'telemetry.mouse_jiggler': { family: 'telemetry', weight: 0.4, description: 'Mouse-jiggler software ran on the device (weak: many honest employees use one).', source: 'mandiant2024', weak: 'many honest employees use one' },
  'telemetry.login_hosting_or_vpn': { family: 'telemetry', weight: 0.8, description: 'Logins came from a listed hosting, commercial VPN or proxy network (corporate networks configured as such excepted).', source: 'fbiRok2023', weak: 'many honest employees use a VPN', basis: 'network' },
  'telemetry.login_abroad': { family: 'telemetry', weight: 1.5, description: 'Logins came from a non-hosting IP address located in another country than the claimed work location.', source: 'advisory2022', basis: ['network', 'clock'] },
  'telemetry.working_hours_other_zone': { family: 'telemetry', weight: 1.2, description: 'On several days the centre of the device\'s activity fell far outside working hours at the claimed location (tz database, DST included), as if the worker kept another time zone.', source: 'fbiRok2023', basis: 'clock' },
  'telemetry.shared_residential_ip': { family: 'telemetry', weight: 2.0, description: 'Devices of two or more employees logged in from the same non-hosting IP address on the same day (a laptop farm); corporate networks configured as such excepted.', source: 'doj2025' },
  // Issue 19 (rationale in src/monitor/signals-identity.ts): an IP-KVM's display is the same hardware as its USB identity
  // (2.5); virtual displays have many honest users (0.4, weak); a VPN client public reports tie to the schemes 1.0; one
  // second factor on several employees' accounts 2.0 (0.6 of it for exactly two), like a shared home connection; a
  // household sharing one phone for text-message codes explains it, hence its basis.
  'telemetry.ip_kvm_display': { family: 'telemetry', weight: 2.5, description: 'The device drove a display whose EDID identity (monitor name, or manufacturer and product code) is the default of an IP-KVM (PiKVM, TinyPilot, JetKVM; data/telemetry/displays.csv): the screen is captured by a keyboard-video-mouse over IP gadget. A KVM set to copy a real monitor\'s identity is not caught.', source: 'doj2025' },
  'telemetry.virtual_display': { family: 'telemetry', weight: 0.4, description: 'The device drove a virtual display adapter (Parsec, the Virtual Display Driver, the IddCx sample driver; data/telemetry/displays.csv): a screen with no monitor behind it, as a laptop run remotely with its lid shut needs. No public report names these drivers; the DOJ describes laptops operated remotely from farms.', source: 'doj2025', weak: 'game streaming, tablets used as second screens and headless test machines install virtual displays' },
  'telemetry.scheme_vpn_client': { family: 'telemetry', weight: 1.0, description: 'A VPN client that public reporting ties to DPRK IT-worker schemes (Astrill VPN) ran on the device, by process name (data/telemetry/remote-access-tools.csv, kind vpn_client). No VPN provider\'s ranges are published by the reports, so exits are not matched.', source: 'levelblue2025', basis: 'network' },
  'telemetry.shared_mfa_authenticator': { family: 'telemetry', weight: 2.0, description: 'One authenticator (an MFA device or factor, by the identity provider\'s id) is enrolled on the accounts of two or more employees: one person answers the second factor for several hires. Employee records hired from the same application count as one person; an authenticator on more than ten accounts is a shared service and does not count.', source: 'fbi2025', basis: 'household' },
} as const satisfies Record<string, SignalDefinition>;

export type SignalId = keyof typeof SIGNALS;

export function signalDefinition(id: SignalId): SignalDefinition {
  return SIGNALS[id];
}

/** The bases a signal rests on: its own (one or two), or its family's. */
export function basesOf(id: SignalId): readonly Basis[] {
  const def: SignalDefinition = SIGNALS[id];
  if (def.basis === undefined) return [def.family];
  return typeof def.basis === 'string' ? [def.basis] : def.basis;
}

/** The honest reason a signal is weak, or undefined for a signal that is not. */
export function weakReason(id: SignalId): string | undefined {
  const def: SignalDefinition = SIGNALS[id];
  return def.weak;
}

/** Why a signal decides no band (a name alone), or undefined. */
export function decidesNoBandReason(id: SignalId): string | undefined {
  const def: SignalDefinition = SIGNALS[id];
  return def.decidesNoBand;
}

/** Why a signal decides `hold` by itself, or undefined. */
export function holdsAloneReason(id: SignalId): string | undefined {
  const def: SignalDefinition = SIGNALS[id];
  return def.holdsAlone;
}

export function signalIds(): SignalId[] {
  return Object.keys(SIGNALS) as SignalId[];
}
