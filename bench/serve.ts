/**
 * `npm run bench -- serve [ROOT ...] [--runs N]`: how soon `hirewatch serve` answers (issue 18,
 * instant start: ready in under 1 s). Each start spawns `node ROOT/bin/hirewatch.js serve --db
 * <scratch> --port P` (the compiled dist/ when ROOT is built, as users run it), polls
 * /api/v1/health every 10 ms and records, from the spawn: the `serving ...` line, the first 200
 * from /health, and the CPU time (user + system, from /proc/PID/stat) the process had used at
 * each. Wall times on a shared machine follow its load; the CPU columns are the ones that
 * compare. Several ROOTs (e.g. a copy of the commit before a change, built) are measured in
 * interleaved turns, after one warm-up start each that creates its database and fills its
 * snapshot cache. The last line is one JSON object with the figures.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(3);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 6;
const roots = args.filter((a, i) => !a.startsWith('--') && i !== runsAt + 1).map((r) => resolve(r));
if (roots.length === 0) roots.push(join(dirname(fileURLToPath(import.meta.url)), '..'));
const TICK_MS = 10; // USER_HZ is 100 on Linux

interface Start { servingMs: number; healthMs: number; cpuServingMs: number; cpuHealthMs: number; readyIn: number }

const cpuMs = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime (fields 14 and 15)
};

const healthy = (port: number): Promise<boolean> => new Promise((done) => {
  const req = request({ host: '127.0.0.1', port, path: '/api/v1/health', timeout: 2000 }, (res) => {
    res.resume();
    res.on('end', () => done(res.statusCode === 200));
  });
  req.on('error', () => done(false));
  req.on('timeout', () => { req.destroy(); done(false); });
  req.end();
});

let nextPort = 20_000 + Math.floor(Math.random() * 20_000);

/** One start of `serve`; with `untilLoaded`, waits for `reference data loaded` too (the warm-up). */
async function start(root: string, db: string, cache: string, untilLoaded = false): Promise<Start> {
  const port = nextPort++;
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(root, 'bin', 'hirewatch.js'), 'serve', '--db', db, '--port', String(port)], {
    env: { ...process.env, HIREWATCH_CACHE_DIR: cache }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  const pid = child.pid!;
  let err = '';
  let serving: { ms: number; cpu: number; readyIn: number } | undefined;
  let loaded = false;
  let exited = false;
  child.on('exit', () => { exited = true; });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
    if (!serving && /serving .*ready in ([\d.]+) s/.test(err)) {
      serving = { ms: performance.now() - t0, cpu: cpuMs(pid), readyIn: Number(/ready in ([\d.]+) s/.exec(err)![1]) };
    }
    if (/reference data loaded/.test(err)) loaded = true;
  });
  let health: { ms: number; cpu: number } | undefined;
  while (!health || (untilLoaded && !loaded)) {
    if (exited) throw new Error(`serve in ${root} ended before answering:\n${err}`);
    if (!health && await healthy(port)) health = { ms: performance.now() - t0, cpu: cpuMs(pid) };
    else await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGTERM');
  await new Promise((r) => (exited ? r(null) : child.once('exit', r)));
  if (!serving) throw new Error(`serve in ${root} never printed its serving line:\n${err}`);
  return { servingMs: serving.ms, healthMs: health.ms, cpuServingMs: serving.cpu, cpuHealthMs: health.cpu, readyIn: serving.readyIn };
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const range = (xs: readonly number[]): [number, number] => [Math.min(...xs), Math.max(...xs)];
const scratch = mkdtempSync(join(tmpdir(), 'hirewatch-bench-serve-'));
const loads: number[] = [loadavg()[0]!];
console.log(`serve start benchmark: Node ${process.version}; ${RUNS} starts per root, interleaved; load average ${loads[0]!.toFixed(2)}`);
const places = roots.map((root, i) => ({ root, db: join(scratch, `db-${i}.sqlite`), cache: join(scratch, `cache-${i}`), starts: [] as Start[] }));
try {
  for (const p of places) await start(p.root, p.db, p.cache, true); // warm-up: database created, snapshots saved
  for (let run = 0; run < RUNS; run++) {
    for (const p of places) p.starts.push(await start(p.root, p.db, p.cache));
    loads.push(loadavg()[0]!);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const figures = places.map((p) => {
  const of = (key: keyof Start) => ({ median: Math.round(median(p.starts.map((s) => s[key]))), range: range(p.starts.map((s) => s[key])).map(Math.round) });
  return { root: p.root, servingMs: of('servingMs'), healthMs: of('healthMs'), cpuServingMs: of('cpuServingMs'), cpuHealthMs: of('cpuHealthMs'),
    readyInS: { median: median(p.starts.map((s) => s.readyIn)), range: range(p.starts.map((s) => s.readyIn)) } };
});
for (const f of figures) {
  const show = (label: string, x: { median: number; range: number[] }) => console.log(`  ${label.padEnd(32)} ${String(x.median).padStart(6)} ms  (${x.range[0]}-${x.range[1]})`);
  console.log(f.root);
  show('spawn to `serving` printed', f.servingMs);
  show('spawn to /health 200', f.healthMs);
  show('CPU of the process at `serving`', f.cpuServingMs);
  show('CPU of the process at /health 200', f.cpuHealthMs);
  console.log(`  ${'`ready in`, as serve prints it'.padEnd(32)} ${f.readyInS.median.toFixed(1).padStart(6)} s   (${f.readyInS.range[0]}-${f.readyInS.range[1]})`);
}
console.log(`load average during the runs: ${range(loads).map((l) => l.toFixed(2)).join('-')}`);
console.log(JSON.stringify({ bench: 'serve', runs: RUNS, loadAverage: range(loads), roots: figures, node: process.version }));
