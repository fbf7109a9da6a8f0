import { describe, expect, it } from 'vitest';
import { screen, signalIdsOf } from '../helpers/applications.js';

const jobs = (employment: unknown[], resumeText?: string) =>
  screen((a) => {
    a.employment = employment;
    if (resumeText !== undefined) a.resumeText = resumeText;
  });

describe('employment family', () => {
  it('an ordinary sequence of jobs raises nothing', () => {
    const r = jobs([
      { employer: 'Indeed', title: 'Software Engineer', start: '2015-07', end: '2019-03' },
      { employer: 'Dell', title: 'Senior Software Engineer', start: '2019-03', end: null },
    ], 'Software engineer with 9 years of experience in Python and Go.');
    expect(signalIdsOf(r)).toEqual([]);
  });

  it('flags two full-time jobs held at once, with both named', () => {
    const r = jobs([
      { employer: 'Acme Analytics', title: 'Senior Engineer', start: '2021-01', end: null },
      { employer: 'Globex', title: 'Staff Engineer', start: '2022-06', end: null },
    ]);
    expect(signalIdsOf(r)).toEqual(['employment.overlapping_full_time']);
    expect(r.signals[0]?.evidence).toMatch(/Senior Engineer at Acme Analytics \(2021-01 to present\) and Staff Engineer at Globex \(2022-06 to present\) overlap by 41 months/);
  });

  it.each(['Freelance', 'Contract Developer', 'Part-time Instructor', 'Software Engineering Intern', 'Co-founder'])('does not count a %s role as a second full-time job', (title) => {
    const r = jobs([
      { employer: 'Acme', title: 'Engineer', start: '2021-01', end: null },
      { employer: 'Side', title, start: '2022-01', end: null },
    ]);
    expect(signalIdsOf(r)).toEqual([]);
  });

  it('allows a short hand-over between jobs', () => {
    const r = jobs([
      { employer: 'A', title: 'Engineer', start: '2018-01', end: '2021-03' },
      { employer: 'B', title: 'Engineer', start: '2021-01', end: null },
    ]);
    expect(signalIdsOf(r)).toEqual([]);
  });

  it('flags impossible dates', () => {
    expect(signalIdsOf(jobs([{ employer: 'A', title: 'Engineer', start: '2020-05', end: '2019-01' }]))).toEqual(['employment.impossible_dates']);
    expect(signalIdsOf(jobs([{ employer: 'A', title: 'Engineer', start: '2026-02', end: null }]))).toEqual(['employment.impossible_dates']);
  });

  it('flags years of experience the history cannot hold', () => {
    const r = jobs([{ employer: 'A', title: 'Engineer', start: '2021-06', end: null }], 'Full Stack Engineer with 12+ years of professional experience in React.');
    // the base application's education starts 2011-08: 14 years of history, so 12+ is fine
    expect(signalIdsOf(r)).toEqual([]);
    const thin = screen((a) => {
      a.education = [];
      a.employment = [{ employer: 'A', title: 'Engineer', start: '2021-06', end: null }];
      a.resumeText = 'Full Stack Engineer with 12+ years of professional experience in React.';
    });
    expect(signalIdsOf(thin)).toEqual(['employment.experience_claim_exceeds_history']);
    expect(thin.signals[0]?.evidence).toContain('12+ years of professional experience');
  });

  it('is silent without dates or without a resume claim', () => {
    expect(signalIdsOf(jobs([{ employer: 'A' }, { employer: 'B' }], 'Engineer.'))).toEqual([]);
  });
});
