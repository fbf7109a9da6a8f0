import { afterEach } from 'vitest';

/**
 * After each test, one turn of the event loop. Many tests run the CLI with
 * spawnSync (test/helpers/cli.ts) and are synchronous; vitest awaits such
 * tests with microtasks only, so a file of them (test/cli/errors.test.ts:
 * 46 tests, 76 s) never lets the worker read vitest's own replies, and its
 * 60 s RPC timeout failed a run whose every test passed
 * ("[vitest-worker]: Timeout calling onTaskUpdate", vitest issue 8164).
 */
afterEach(() => new Promise<void>((resolve) => setImmediate(resolve)));
