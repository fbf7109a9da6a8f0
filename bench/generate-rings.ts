/**
 * Planted fraud rings for the linkage benchmark: groups of 3-8 different
 * identities (no two names the same person) that share a phone, a device,
 * an address or a resume, built on generateApplication's ordinary records.
 * Also a varied resume for benign records: generateApplication's resume is
 * one template with the name and employer filled in, so every benign pair
 * would be a near-duplicate once names are ignored.
 */
import { generateApplication } from './generate-applications.js';

const RING_GIVEN = ['Kevin', 'Alan', 'Maria', 'Olga', 'Kwame', 'Priya', 'Tomasz', 'Aiko', 'Jamal', 'Sofia', 'Ravi', 'Chloe', 'Diego', 'Hannah', 'Wei', 'Fatima'];
const RING_FAMILY = ['Park', 'Smith', 'Chen', 'Ivanova', 'Mensah', 'Patel', 'Novak', 'Tanaka', 'Walker', 'Silva', 'Singh', 'Murphy', 'Garcia', 'Cohen', 'Nguyen', 'Okafor'];
const WORDS = (
  'design build ship scale migrate refactor automate monitor secure optimise mentor lead review test deploy debug profile ' +
  'service platform pipeline cluster database queue cache gateway dashboard model feature experiment api sdk library ' +
  'kubernetes terraform postgres kafka redis spark airflow react node python golang rust java typescript graphql grpc ' +
  'latency throughput reliability availability cost incident rollout migration schema index search billing payments ' +
  'checkout onboarding fraud analytics reporting forecasting recommendation ranking ingestion streaming batch realtime ' +
  'team customers partners stakeholders product design security compliance audit observability tracing logging alerting'
).split(' ');

export const RING_KINDS = ['phone', 'device', 'address', 'resume'] as const;
export type RingKind = (typeof RING_KINDS)[number];

/** 40 words drawn from a technical vocabulary: unrelated resumes share few 3-word shingles. */
export function variedResume(rand: () => number, words = 40): string {
  return Array.from({ length: words }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ') + '.';
}

export interface PlantedRing {
  readonly ring: number;
  readonly shares: readonly RingKind[];
  readonly records: Record<string, unknown>[];
}

/** Ring `k`: 3-8 members with distinct given names and surnames, sharing one or two identifiers. */
export function plantRing(k: number, firstIndex: number, rand: () => number): PlantedRing {
  const size = 3 + Math.floor(rand() * 6);
  const first = RING_KINDS[Math.floor(rand() * RING_KINDS.length)]!;
  const second = rand() < 0.4 ? RING_KINDS[Math.floor(rand() * RING_KINDS.length)]! : first;
  const shares = [...new Set([first, second])];
  const resume = variedResume(rand, 60);
  const g0 = Math.floor(rand() * 16);
  const f0 = Math.floor(rand() * 16);
  const day = 1 + Math.floor(rand() * 28);
  const records = Array.from({ length: size }, (_, j) => {
    const app = generateApplication(firstIndex + j) as Record<string, any>;
    const name = `${RING_GIVEN[(g0 + j) % 16]} ${RING_FAMILY[(f0 + j * 3) % 16]}`;
    app.id = `ring-${k}-${j}`;
    app.applicant.fullName = name;
    app.profiles.linkedin.displayName = name;
    app.resumeText = variedResume(rand);
    app.submittedAt = `2025-10-${String(day).padStart(2, '0')}T${String(j * 2).padStart(2, '0')}:15:00Z`;
    for (const kind of shares) {
      if (kind === 'phone') app.applicant.phones = [`+1 (646) ${200 + (k % 700)}-${String(k % 10000).padStart(4, '0')}`];
      if (kind === 'device') app.session.deviceId = `ring_dev_${k}`;
      if (kind === 'address') app.applicant.address = { line1: `${100 + k} Harbor View Dr`, city: 'Phoenix', region: 'AZ', postalCode: '85004', country: 'US' };
      if (kind === 'resume') app.resumeText = `${name}. ${resume}`;
    }
    return app;
  });
  return { ring: k, shares, records };
}
