import { keepHeapWithinBudget } from './heap-budget.js';
import { main } from './main.js';

/** The process entry: bin/icq2-dissect runs dist/cli/run.js, tests run this file through tsx. */
keepHeapWithinBudget();
await main(process.argv.slice(2));
