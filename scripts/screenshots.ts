/**
 * `npm run screenshots`: PNGs of the console over the demo data (what `hirewatch serve
 * --demo` loads), for the README: docs/console-queue.png (the queue filtered to holds),
 * docs/console-case.png (the ring's case), docs/console-dashboard.png and
 * docs/console-employees.png (an employee with post-hire alerts), at 1280×800 in
 * Debian's chromium (playwright-core; /usr/bin/chromium, or CHROMIUM_PATH). Needs the
 * console built (npm run build). Names as arguments (`npm run screenshots -- employees`)
 * write only those.
 */
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM, consoleBuilt, startDemoServer } from '../test/console/demo-server.js';

const out = join(import.meta.dirname, '..', 'docs');
const SHOTS = ['queue', 'case', 'dashboard', 'employees'] as const;
const wanted = process.argv.slice(2).filter((a) => (SHOTS as readonly string[]).includes(a));
const shots = wanted.length > 0 ? SHOTS.filter((s) => wanted.includes(s)) : [...SHOTS];

async function main(): Promise<void> {
  if (!consoleBuilt()) throw new Error('the console is not built: run npm run build first');
  const server = await startDemoServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
    await page.goto(server.url);
    await page.getByLabel('API key').fill(server.keys['Dana (analyst)']!.secret);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Case queue' }).waitFor();
    if (shots.includes('queue') || shots.includes('case')) await queueAndCase(page, server.url);
    if (shots.includes('dashboard')) {
      await page.goto(`${server.url}/dashboard`);
      await page.locator('.chart canvas').waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(out, 'console-dashboard.png') });
    }
    if (shots.includes('employees')) {
      // The employee with the most alerts, opened from the list.
      await page.goto(`${server.url}/employees?withAlerts=true`);
      await page.locator('table.employees tbody tr a').first().click();
      await page.locator('table.employee-alerts tbody tr').first().waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(out, 'console-employees.png') });
    }
    process.stdout.write(`wrote ${shots.map((n) => `docs/console-${n}.png`).join(', ')}\n`);
  } finally {
    await browser.close();
    await server.close();
  }

  async function queueAndCase(page: Page, url: string): Promise<void> {
    await page.goto(`${url}/queue?band=hold`);
    await page.locator('table.queue tbody tr').first().waitFor();
    if (shots.includes('queue')) await page.screenshot({ path: join(out, 'console-queue.png') });
    if (!shots.includes('case')) return;
    const ring = page.locator('table.queue tbody tr').filter({ has: page.locator('.tag', { hasText: 'ring' }) }).first();
    await ring.locator('a').first().click();
    await page.locator('[data-testid="cluster-graph"] canvas').first().waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(out, 'console-case.png'), fullPage: true });
  }
}

await main();
