import { main } from './main.js';

/** Entry for running the TypeScript directly (tests, `tsx src/cli/run.ts`); bin/icq2-dissect runs dist/cli/main.js. */
await main(process.argv.slice(2));
