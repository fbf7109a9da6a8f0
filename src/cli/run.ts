/** Process entry point: `node dist/cli/run.js ARGS` (what bin/hirewatch.js loads). */
import { EXIT, say } from './cli-errors.js';
import { main } from './main.js';

// Standard output closed early (`hirewatch screen ... | head`): the reader has what it wanted.
// Any other failure to write it is one sentence, not an unhandled 'error' event.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.done);
  say(`cannot write to standard output: ${err.message}`);
  process.exit(EXIT.failed);
});

await main(process.argv);
