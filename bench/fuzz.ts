/**
 * `npm run bench -- fuzz [COUNT]`: the long run of the request fuzzer
 * (test/server/fuzz-requests.ts), COUNT generated requests in all (default
 * 100,000), split between SQLite and PostgreSQL (when TEST_DATABASE_URL is
 * set; else all on SQLite). Every route of the route table, every caller,
 * hostile input. Counts answers by status and every problem: a 5xx, a refused
 * request that changed stored state, a change to Object.prototype, and the
 * server not answering /health afterwards. The memory of the process before
 * and after is printed beside them. Exits 1 on any problem.
 */
import fc from 'fast-check';
import { ENGINES } from '../test/store/store-engines.js';
import { fuzzRequest, sendAndCheck } from '../test/server/fuzz-requests.js';
import { sampleApplication, startHarness } from '../test/server/server-harness.js';

const total = Number(process.argv[3] ?? 100_000);
const engines = ENGINES.filter((e) => e.available);
const figures: Record<string, unknown> = { requests: total };
let problems = 0;

for (const engine of engines) {
  const count = Math.floor(total / engines.length);
  const h = await startHarness(engine);
  await h.request('POST', '/api/v1/applications', { key: h.keys.analyst, body: sampleApplication('app-1') });
  const statuses = new Map<number, number>();
  const found: string[] = [];
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const generator = fuzzRequest(h);
  for (let done = 0, batch = 0; done < count; batch++) {
    const requests = fc.sample(generator, { numRuns: Math.min(1000, count - done), seed: 20261203 + batch });
    for (const request of requests) {
      const { response, problem } = await sendAndCheck(h, request);
      if (response) statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      if (problem && found.length < 20) found.push(problem);
      if (problem) problems++;
    }
    done += requests.length;
    process.stderr.write(`\r${engine.name}: ${done}/${count}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const healthy = (await h.request('GET', '/api/v1/health')).statusCode === 200;
  if (!healthy) problems++;
  const rssAfter = process.memoryUsage().rss;
  await h.close();
  const byStatus = Object.fromEntries([...statuses].sort(([a], [b]) => a - b));
  const serverErrors = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
  console.log(`\n${engine.title}: ${count} requests in ${seconds.toFixed(0)} s (${Math.round(count / seconds)}/s); by status ${JSON.stringify(byStatus)}; 5xx ${serverErrors}; healthy afterwards: ${healthy}; rss ${Math.round(rssBefore / 2 ** 20)} -> ${Math.round(rssAfter / 2 ** 20)} MiB`);
  for (const p of found) console.log(`  problem: ${p}`);
  figures[engine.name] = { requests: count, byStatus, serverErrors, problems: found.length, healthy, rssBeforeMiB: Math.round(rssBefore / 2 ** 20), rssAfterMiB: Math.round(rssAfter / 2 ** 20) };
}
console.log(JSON.stringify({ ...figures, problems }));
process.exit(problems > 0 ? 1 : 0);
