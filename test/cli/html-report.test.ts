import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { evidenceHtml, linkify } from '../../src/cli/formats/html-text.js';
import { hirewatch } from '../helpers/cli.js';

/**
 * The HTML report as a reviewer meets it (issue 20): what needs a person
 * first, a filter and a search, signals by their description with the
 * catalogue entry and its source, evidence without the matcher's working in
 * the way, links that are links, and when and how it was made. The page is
 * also opened in Debian's Chromium (when installed; always under CI) and
 * used: search, band filter, opening a row with the keyboard.
 */
const dir = mkdtempSync(join(tmpdir(), 'hirewatch-report-'));
const report = join(dir, 'report.html');
let html = '';

beforeAll(() => {
  const r = hirewatch(['screen', 'examples/applications.jsonl', '-f', 'html', '-o', report]);
  expect(r.status, r.stderr).toBe(0);
  html = readFileSync(report, 'utf8');
}, 120_000);

const bandsInOrder = (page: string): string[] => [...page.matchAll(/<tr class="row"[^>]*data-band="(\w+)"/g)].map((m) => m[1]!);

describe('the HTML report', () => {
  it('shows each application-side signal of issue 19 with its evidence (the demo raises each)', () => {
    const shown: [string, string][] = [
      ['interview.network_elsewhere', 'interview 1 on 2025-11-12 was joined from IP 42.177.215.221, located in Shenyang, China'],
      ['onboarding.payroll_changed_soon', 'the payroll account was changed to wallet:3f9a27c1d84e on 2025-11-21, 4 days after the start'],
      ['onboarding.payroll_holder_not_employee', 'payroll account wallet:3f9a27c1d84e is held by &#39;Tyler Jennings&#39;'],
      ['onboarding.payment_app_or_crypto', 'pay was requested on 2025-11-20 in cryptocurrency'],
      ['profile.code_host_dormant_burst', 'created 2016-02, shows none since 2016-03, then 175 contributions'],
      ['profile.code_host_commit_identity_mismatch', '182 of 203 attributable commits on'],
      ['profile.code_host_forks_copied', '6 of 7 repositories on'],
      ['linkage.reference_is_other_applicant', 'reference phone +16025550147 is the own phone of ln-8003 (Daniel Ortiz)'],
      ['linkage.shared_payroll_other_identity', 'payroll account wallet:3f9a27c1d84e also on ob-9603 (Jason Whitaker)'],
    ];
    for (const [id, evidence] of shown) {
      const at = html.indexOf(`<code>${id}</code></a></p><p class="evidence">`);
      expect(at, id).toBeGreaterThan(0);
      expect(html.slice(at, at + 600), id).toContain(evidence);
    }
  });

  it('leads with the holds, then the reviews, then the clear ones, each band by score', () => {
    const bands = bandsInOrder(html);
    expect(bands).toHaveLength(98);
    const firstReview = bands.indexOf('review');
    const firstClear = bands.indexOf('clear');
    expect(bands.slice(0, firstReview).every((b) => b === 'hold')).toBe(true);
    expect(bands.slice(firstReview, firstClear).every((b) => b === 'review')).toBe(true);
    expect(bands.slice(firstClear).every((b) => b === 'clear')).toBe(true);
    // The first row is the highest-scoring hold of the examples.
    expect(html).toMatch(/<tr class="row"[^>]*id="app-lv-7241"><td class="id">lv-7241<\/td><td>Steven Cho<\/td><td data-v="97">97<\/td>/);
    expect(html.indexOf('id="app-lv-7241"')).toBeLessThan(html.indexOf('id="app-lv-7231"'));
  });

  it('says when, by which version and with which reference data it was made', () => {
    expect(html).toMatch(/on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC by hirewatch 0\.1\.0 · catalogue <code>cat-[0-9a-f]+<\/code>, scoring <code>cfg-[0-9a-f]+<\/code> · reference data: [^<]*ofac-sdn \(as of /);
  });

  it('names each signal by its catalogue description, links its entry and cites the entry\'s public source as a link', () => {
    expect(html).toContain('<p class="headline">A claimed school matches a high-risk institution (universities that train DPRK cyber and IT operators) or a sanctioned organisation. <b>+3.00</b> <a class="sigid" href="#sig-watchlist.high_risk_school"><code>watchlist.high_risk_school</code></a></p>');
    expect(html).toMatch(/<dt id="sig-watchlist.high_risk_school"><code>watchlist.high_risk_school<\/code> <span class="family">watchlist, default weight 3<\/span><\/dt>/);
    expect(html).toContain('<a href="https://www.justice.gov/opa/pr/charges-and-seizures-brought-fraud-scheme-aimed-denying-revenue-workers-associated-north" rel="noreferrer noopener" target="_blank">');
  });

  it('folds the name matcher\'s working away from the evidence a reviewer reads', () => {
    const zhang = html.slice(html.indexOf("applicant name &#39;Zhang Wei&#39; matches"));
    const visible = zhang.slice(0, zhang.indexOf('<details'));
    expect(visible).not.toContain('zhang=zhang');
    expect(visible).toContain('A potential match to adjudicate, not a finding');
    expect(zhang.slice(zhang.indexOf('<details'))).toMatch(/^<details class="working"><summary>how the names matched<\/summary><code>&#34;WEI, Zhang&#34;: zhang=zhang, wei=wei; country US, listed CN\/HK: disagrees \(x0\.92\); score 0\.920<\/code><\/details>/);
  });

  it('has a search box, a band filter and a print view that opens every row', () => {
    expect(html).toContain('<input type="search" id="q"');
    for (const band of ['hold', 'review', 'clear']) expect(html).toContain(`<input type="checkbox" name="band" value="${band}" checked>`);
    expect(html).toContain('@media print{');
    expect(html).toContain('tr.detail[hidden]{display:table-row}');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
  });

  it('writes evidence from outside as text: markup is escaped and only http(s) addresses become links', () => {
    expect(linkify('see <img src=x onerror=alert(1)> and javascript:alert(1) and https://ofac.example/x?a=1&b=2.')).toBe(
      'see &#60;img src=x onerror=alert(1)&#62; and javascript:alert(1) and <a href="https://ofac.example/x?a=1&#38;b=2" rel="noreferrer noopener" target="_blank">https://ofac.example/x?a=1&#38;b=2</a>.',
    );
    expect(evidenceHtml("name '<b>x</b>' matches nothing")).toBe('name &#39;&#60;b&#62;x&#60;/b&#62;&#39; matches nothing');
  });
});

const CHROMIUM = '/usr/bin/chromium';
describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('the HTML report in a browser', () => {
  it('filters by search and band, and opens a row with the keyboard', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(report).href);
      await expect.poll(() => page.textContent('#shown')).toBe('98 of 98 shown');
      await page.fill('#q', 'Steven Cho');
      expect(await page.textContent('#shown')).toBe('1 of 98 shown');
      await page.fill('#q', '');
      await page.uncheck('input[name=band][value=clear]');
      await page.uncheck('input[name=band][value=review]');
      expect(await page.textContent('#shown')).toBe('10 of 98 shown');
      await page.focus('#app-lv-7241');
      await page.keyboard.press('Enter');
      expect(await page.getAttribute('#app-lv-7241', 'aria-expanded')).toBe('true');
      expect(await page.locator('#app-lv-7241 + tr.detail').isVisible()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
