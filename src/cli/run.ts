/** Process entry point: `node dist/cli/run.js ARGS` (what bin/hirewatch.js loads). */
import { main } from './main.js';

await main(process.argv);
