/**
 * Code-hosting profiles from supplied profile data (profiles.codeHosting):
 * an old account silent for years until a burst before the application,
 * commits mostly by other people, a portfolio of forks made in one go. Each
 * with an ordinary developer's account that stays quiet. Nothing is fetched.
 */
import { describe, expect, it } from 'vitest';
import { profileDetector } from '../../src/detect/profile.js';
import { normaliseApplication } from '../../src/normalise/application.js';
import { application, context } from '../helpers/applications.js';

const detect = (host: Record<string, unknown>, patch?: (a: Record<string, any>) => void) =>
  profileDetector
    .detect(normaliseApplication(application((a) => {
      a.profiles = { ...a.profiles, codeHosting: [{ url: 'https://github.com/dreyes', ...host }] };
      patch?.(a);
    })), context.detect)
    .filter((s) => s.id.startsWith('profile.code_host'));
const months = (from: number, to: number, count: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ month: `${2000 + Math.floor((from + i) / 12)}-${String(((from + i) % 12) + 1).padStart(2, '0')}`, count }));
const m = (y: number, mo: number) => (y - 2000) * 12 + mo - 1;

describe('profile.code_host_dormant_burst (weak)', () => {
  it('created 2016, nothing since 2017, 96 contributions in the three months before applying (2025-11)', () => {
    const signals = detect({ createdAt: '2016-03', contributions: [{ month: '2017-02', count: 4 }, ...months(m(2025, 8), m(2025, 10), 32)] });
    expect(signals).toEqual([{ id: 'profile.code_host_dormant_burst', evidence: 'https://github.com/dreyes, created 2016-03, shows none since 2017-02, then 96 contributions from 2025-08 to 2025-11' }]);
  });

  it('created long ago and never used before the burst', () => {
    expect(detect({ createdAt: '2019-05', contributions: months(m(2025, 9), m(2025, 11), 20) }).map((s) => s.evidence)).toEqual([
      'https://github.com/dreyes, created 2019-05, shows no contribution at all, then 60 contributions from 2025-08 to 2025-11',
    ]);
  });

  it('benign: steady contributions for years, a one-year break, a small recent uptick, a new account', () => {
    expect(detect({ createdAt: '2014-01', contributions: months(m(2014, 1), m(2025, 10), 12) })).toEqual([]);
    expect(detect({ createdAt: '2014-01', contributions: [...months(m(2014, 1), m(2024, 6), 8), ...months(m(2025, 8), m(2025, 10), 40)] })).toEqual([]);
    expect(detect({ createdAt: '2016-03', contributions: [{ month: '2017-02', count: 4 }, { month: '2025-10', count: 6 }] })).toEqual([]);
    expect(detect({ createdAt: '2025-06', contributions: months(m(2025, 8), m(2025, 10), 40) })).toEqual([]);
  });

  it('silent without a creation date', () => {
    expect(detect({ contributions: months(m(2025, 8), m(2025, 10), 40) })).toEqual([]);
  });
});

describe('profile.code_host_commit_identity_mismatch', () => {
  it('most commits by two other people', () => {
    const signals = detect({ commitIdentities: [{ name: 'Daniel Reyes', email: 'daniel.reyes.dev@gmail.com', commits: 12 }, { name: 'Jordan Blake', email: 'jblake@example.net', commits: 140 }, { name: 'Sam Whitfield', commits: 60 }] });
    expect(signals).toEqual([{ id: 'profile.code_host_commit_identity_mismatch', evidence: "200 of 212 attributable commits on https://github.com/dreyes are by 'Jordan Blake' <jblake@example.net> (140), 'Sam Whitfield' (60), not by Daniel Reyes or a mailbox of the application" }]);
  });

  it('benign: the applicant under a nickname, by mailbox, a handle, bots, and a co-author who wrote less', () => {
    expect(detect({ commitIdentities: [
      { name: 'Dan Reyes', commits: 150 },
      { name: 'dreyes', email: '1234+dreyes@users.noreply.github.com', commits: 300 },
      { name: 'DR', email: 'daniel.reyes.dev@gmail.com', commits: 40 },
      { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com', commits: 500 },
      { name: 'Maria Chen', commits: 30 },
    ] })).toEqual([]);
  });

  it('benign: another romanisation and order of the applicant\'s own name', () => {
    expect(detect({ commitIdentities: [{ name: 'Bak Jihoon', commits: 80 }] }, (a) => (a.applicant.fullName = 'Park Ji-hoon'))).toEqual([]);
  });

  it('silent under ten commits by others, and without identities', () => {
    expect(detect({ commitIdentities: [{ name: 'Maria Chen', commits: 9 }] })).toEqual([]);
    expect(detect({})).toEqual([]);
  });
});

describe('profile.code_host_forks_copied (weak)', () => {
  const repo = (name: string, fork: boolean, createdAt: string) => ({ name, fork, createdAt });
  it('seven of eight repositories are forks made within a week', () => {
    const repos = [repo('own-site', false, '2025-09-01'), ...['react', 'vue', 'next.js', 'nestjs', 'solana-dapp', 'uniswap-ui', 'hardhat'].map((n, i) => repo(n, true, `2025-10-0${i + 1}`))];
    expect(detect({ repositories: repos })).toEqual([{ id: 'profile.code_host_forks_copied', evidence: '7 of 8 repositories on https://github.com/dreyes are forks, 7 of them created within 14 days from 2025-10-01' }]);
  });

  it('benign: forks made over years beside own work; few repositories; undated forks', () => {
    const spread = Array.from({ length: 8 }, (_, i) => repo(`fork-${i}`, true, `${2016 + i}-05-01`));
    expect(detect({ repositories: spread })).toEqual([]);
    expect(detect({ repositories: [repo('a', true, '2025-10-01'), repo('b', true, '2025-10-02'), repo('c', false, '2020-01-01')] })).toEqual([]);
    const mostlyOwn = [...Array.from({ length: 6 }, (_, i) => repo(`f${i}`, true, '2025-10-01')), ...Array.from({ length: 10 }, (_, i) => repo(`own${i}`, false, '2021-01-01'))];
    expect(detect({ repositories: mostlyOwn })).toEqual([]);
    expect(detect({ repositories: Array.from({ length: 6 }, (_, i) => ({ name: `f${i}`, fork: true })) })).toEqual([]);
  });
});
