/**
 * Public sources that motivate signals. A signal names one of these by key so
 * that the same citation is written once.
 */
export interface PublicSource {
  readonly title: string;
  readonly publisher: string;
  readonly date: string;
  readonly url?: string;
}

export const SOURCES = {
  amazon2025: {
    title: 'How Amazon stopped 1,800+ suspected DPRK IT-worker applicants ("+1" in front of a US number; 200 high-risk institutions; anomalies across applications; geographic inconsistencies)',
    publisher: 'Stephen Schmidt, Amazon Chief Security Officer (public LinkedIn post)',
    date: '2025-12',
  },
  fbi2025: {
    title: 'FBI PSA I-012325-PSA: North Korean IT Workers Conducting Data Extortion (hiring recommendations: cross-reference contact information, verify references)',
    publisher: 'Federal Bureau of Investigation, IC3',
    date: '2025-01-23',
    url: 'https://www.ic3.gov/PSA/2025/PSA250123',
  },
  fbi2024: {
    title: 'FBI PSA I-051624-PSA: North Korea Leverages U.S.-Based Individuals to Defraud U.S. Businesses and Generate Revenue',
    publisher: 'Federal Bureau of Investigation, IC3',
    date: '2024-05-16',
    url: 'https://www.ic3.gov/PSA/2024/PSA240516',
  },
  advisory2022: {
    title: "Guidance on the Democratic People's Republic of Korea Information Technology Workers (red flags: VoIP and non-local numbers, inconsistent identity details, profiles that do not match)",
    publisher: 'U.S. Department of State, Department of the Treasury and Federal Bureau of Investigation',
    date: '2022-05-16',
    url: 'https://ofac.treasury.gov/media/923126/download?inline',
  },
} as const satisfies Record<string, PublicSource>;

export type SourceKey = keyof typeof SOURCES;
