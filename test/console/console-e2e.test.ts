import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, chromiumPresent, consoleBuilt, startDemoServer, type DemoServer } from './demo-server.js';

/**
 * The console in a real browser (Debian's chromium through playwright-core, headless),
 * over the demo data on an in-process server: the walk-through of issue 14. An analyst
 * signs in, filters the queue to holds, opens the ring's case, sees the evidence and the
 * graph, records two verification steps and proposes "confirmed fraud"; a second analyst
 * confirms it (four eyes); a recruiter sees the ring's first member (clear when screened)
 * listed for verification, its pending status and the questions but no evidence; another organisation's analyst sees none of it; the audit chain verifies.
 *
 * Skipped only when /usr/bin/chromium is absent and CI is not set (.ci/run installs the
 * chromium package); under CI a missing browser fails the test.
 */
const runnable = chromiumPresent() || Boolean(process.env.CI);
const why = 'skipped: /usr/bin/chromium is not installed (apt-get install chromium; .ci/run does it); set CI to make this a failure';

describe.skipIf(!runnable)(runnable ? 'console in a browser' : `console in a browser (${why})`, () => {
  let server: DemoServer;
  let browser: Browser;
  const problems: string[] = [];
  let ringCase = '';
  let ringEvidence = '';

  beforeAll(async () => {
    expect(consoleBuilt(), 'the console is built into dist/console (npm run build)').toBe(true);
    server = await startDemoServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    // Four eyes on for this organisation (the admin's policy), whatever the default is.
    const admin = server.keys['Morgan (admin)']!.secret;
    const policy = await fetch(`${server.url}/api/v1/policy`, { headers: { authorization: `Bearer ${admin}` } });
    if (policy.ok) {
      const body = await policy.json() as Record<string, unknown>;
      const put = await fetch(`${server.url}/api/v1/policy`, { method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ ...body, fourEyes: true }) });
      expect(put.status).toBeLessThan(300);
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signedIn(label: string, key = server.keys[label]!.secret): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    // Chromium logs every 4xx fetch as an error; a 403 or 404 this walk-through asks for on
    // purpose (a recruiter asking for a case, another organisation's case id) is the answer
    // under test, not a fault of the console. Anything else counts.
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource: .* status of (403|404)/.test(m.text())) problems.push(`${label}: console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${label}: page error: ${e.message}`));
    await page.goto(server.url);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    // The key went to the server once and is kept nowhere in the browser.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
    expect(stored).not.toContain(key);
    return { context, page };
  }

  async function recordStep(page: Page, index: number, state: 'Passed' | 'Failed' | 'Not possible', note: string): Promise<void> {
    const step = page.locator('ol.plan > li').nth(index);
    await step.getByLabel(state).check();
    await step.getByLabel('Note').fill(note);
    await step.getByRole('button', { name: 'Record step' }).click();
    await page.locator('.flash', { hasText: `recorded as ${state.toLowerCase()}` }).waitFor();
  }

  it('an analyst signs in, filters the queue to holds and opens the ring\'s case: evidence and graph', async () => {
    const { context, page } = await signedIn('Dana (analyst)');
    await page.getByRole('heading', { name: 'Case queue' }).waitFor();
    await page.getByLabel('Band').selectOption('hold');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/band=hold/);
    const rows = page.locator('table.queue tbody tr');
    await rows.first().waitFor();
    const bands = await page.locator('table.queue tbody tr .band').allTextContents();
    expect(bands.length).toBeGreaterThan(0);
    expect(new Set(bands.map((b) => b.toLowerCase()))).toEqual(new Set(['hold']));
    const ring = rows.filter({ has: page.locator('.tag', { hasText: 'ring' }) }).first();
    ringCase = (await ring.locator('a').first().textContent())!.trim();
    await ring.locator('a').first().click();
    await page.waitForURL(new RegExp(`/cases/${ringCase}`));
    await page.getByRole('heading', { level: 1, name: /Ring/ }).waitFor();
    // The evidence: a signal table with at least one linkage signal and its sentence.
    const signalRows = page.locator('table.signals tbody tr');
    await signalRows.first().waitFor();
    expect(await signalRows.count()).toBeGreaterThan(0);
    expect(await page.locator('table.signals').textContent()).toMatch(/linkage\./);
    ringEvidence = (await signalRows.first().locator('td').nth(2).textContent())!.trim();
    expect(ringEvidence.length).toBeGreaterThan(10);
    // The waterfall and the interactive graph (cytoscape draws on canvases).
    await page.locator('figure.waterfall svg').waitFor();
    await page.locator('[data-testid="cluster-graph"] canvas').first().waitFor();
    await page.getByLabel('Node').selectOption({ index: 1 });
    // The ring's verification step(s): its signals are all linkage, so its plan may hold one step.
    const ringSteps = await page.locator('ol.plan > li').count();
    expect(ringSteps).toBeGreaterThanOrEqual(1);
    await recordStep(page, 0, 'Failed', 'Phone answered by a different person than on the video call.');
    await context.close();
  });

  it('the analyst records two verification steps on a held case', async () => {
    const { context, page } = await signedIn('Dana (analyst)');
    await page.goto(`${server.url}/queue?band=hold`);
    const rows = page.locator('table.queue tbody tr');
    await rows.first().waitFor();
    // A held applicant whose plan has two or more checks (identity and contact, say).
    let found = false;
    for (let i = 0; i < (await rows.count()) && !found; i += 1) {
      const link = page.locator('table.queue tbody tr').nth(i).locator('a').first();
      if ((await link.textContent())!.trim() === ringCase) continue;
      await link.click();
      await page.locator('ol.plan').waitFor();
      if ((await page.locator('ol.plan > li').count()) >= 2) {
        found = true;
        break;
      }
      await page.goto(`${server.url}/queue?band=hold`);
      await rows.first().waitFor();
    }
    expect(found, 'a held case with two verification steps').toBe(true);
    await recordStep(page, 0, 'Failed', 'The video call showed a different face than the ID document.');
    await recordStep(page, 1, 'Not possible', 'The listed phone number is not in service.');
    const total = await page.locator('ol.plan > li').count();
    await expect.poll(async () => page.locator('ol.plan > li.step-pending').count()).toBe(total - 2);
    await page.getByText(`(2 of ${total} recorded)`).waitFor();
    await context.close();
  });

  it('a recruiter sees the pending status and the questions, never the evidence', async () => {
    const { context, page } = await signedIn('Riley (recruiter)');
    await page.getByRole('heading', { name: 'Pending verification' }).waitFor();
    // The ring's first member was clear when screened: it is listed for its case all the same.
    const first = page.getByRole('row', { name: /ln-8001/ });
    await first.waitFor();
    expect((await first.textContent())!.replace(/\s+/g, ' ')).toMatch(/ln-8001\s*clear\s*In a case: linked to applications flagged after it/);
    await page.getByLabel('Application id').fill('ln-8001');
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByTestId('verification-status').waitFor();
    expect(await page.getByTestId('verification-status').textContent()).toMatch(/Pending verification/);
    const text = (await page.locator('main').textContent())!;
    expect(text).not.toContain(ringEvidence);
    expect(text).not.toMatch(/linkage\.|contact\.|identity\./);
    // The API refuses the case itself to the recruiter's session.
    const status = await page.evaluate(async (id) => (await fetch(`/api/v1/cases/${id}`)).status, ringCase);
    expect(status).toBe(403);
    await context.close();
  });

  it('the analyst proposes "confirmed fraud" and a second analyst confirms it (four eyes)', async () => {
    const dana = await signedIn('Dana (analyst)');
    await dana.page.goto(`${server.url}/cases/${ringCase}`);
    await dana.page.getByRole('heading', { level: 1, name: /Ring/ }).waitFor();
    await dana.page.getByLabel('Confirmed fraud').check();
    await dana.page.getByLabel(/^Reason/).fill('Three identities share one phone, one laptop and one resume; the call-back failed.');
    await dana.page.getByRole('button', { name: 'Record decision' }).click();
    await dana.page.getByRole('heading', { name: /Proposed, awaiting a second analyst: Confirmed fraud/ }).waitFor();
    await dana.page.getByText('a different analyst must confirm it').waitFor();
    await dana.context.close();

    const sam = await signedIn('Sam (second analyst)');
    await sam.page.goto(`${server.url}/cases/${ringCase}`);
    await sam.page.getByRole('button', { name: /Confirm .*Confirmed fraud.* as second analyst/ }).click();
    await sam.page.getByRole('heading', { name: /Decided: Confirmed fraud/ }).waitFor();
    expect(await sam.page.locator('.decision').textContent()).toMatch(/confirmed by/);
    await sam.context.close();
  });

  it("another organisation's analyst sees none of it", async () => {
    const { context, page } = await signedIn('Globex analyst', server.otherOrgAnalyst);
    await page.getByRole('heading', { name: 'Case queue' }).waitFor();
    await page.getByText('0 cases').waitFor();
    await page.goto(`${server.url}/cases/${ringCase}`);
    await page.getByText('Not found (or not in your organisation).').waitFor();
    expect(await page.locator('main').textContent()).not.toContain(ringEvidence);
    await context.close();
  });

  it('an auditor sees the case work in the audit log and the chain verifies', async () => {
    const { context, page } = await signedIn('Alex (auditor)');
    await page.goto(`${server.url}/audit`);
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await page.getByText(/Chain verified: \d+ entries/).waitFor();
    let text = '';
    for (let i = 0; i < 20 && !/session\.open/.test(text); i += 1) {
      text += await page.locator('main table').textContent();
      const next = page.getByRole('button', { name: 'Next page' });
      if (await next.isDisabled()) break;
      await next.click();
      await page.waitForTimeout(150);
    }
    const verification = await page.evaluate(async () => (await (await fetch('/api/v1/audit?verify=true&limit=1000')).json()) as { entries: { action: string }[]; verification: { ok: boolean } });
    expect(verification.verification.ok).toBe(true);
    const actions = new Set(verification.entries.map((e) => e.action));
    expect(actions.has('session.open')).toBe(true);
    expect([...actions].some((a) => a.startsWith('case'))).toBe(true);
    await context.close();
  });

  it('no page logged a console error', () => {
    expect(problems).toEqual([]);
  });
});
