/**
 * The detection pool (src/service/detect-pool.ts) fails the run, naming the
 * worker and the error, when a worker thread dies: nothing is lost silently.
 * (Equal output to one thread: test/cli/screen-workers.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { ParsedRecord } from '../../src/parse/parse-application.js';
import { DEFAULT_SCORING } from '../../src/score/config.js';
import { DetectPool } from '../../src/service/detect-pool.js';

async function* inputs(): AsyncGenerator<{ parsed: ParsedRecord } | { ok: false; location: { line: number }; error: string }> {
  yield { ok: false, location: { line: 1 }, error: 'not valid JSON' };
  // A record no parser would give: normalising it throws inside the worker, which ends the thread.
  yield { parsed: { ok: true, location: { line: 2 }, record: null as unknown as ParsedRecord['record'] } };
}

describe('DetectPool', () => {
  it('fails the run clearly when a worker dies', async () => {
    const pool = new DetectPool({ workers: 1, scoring: DEFAULT_SCORING, batchSize: 1 });
    const seen: unknown[] = [];
    try {
      await expect((async () => {
        for await (const outcome of pool.run(inputs())) seen.push(outcome);
      })()).rejects.toThrow(/screening worker 1 of 1 failed: .*null/);
    } finally {
      await pool.close();
    }
    // The failed batch (the error read before the record travels with it) gives nothing out: the run stops there.
    expect(seen).toEqual([]);
  }, 180_000);
});
