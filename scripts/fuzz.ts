import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fuzz, summaryText } from './fuzz/harness.js';
import { loadSeeds } from './fuzz/seeds.js';

/**
 * `npm run fuzz -- [--iterations N] [--seed S] [--iteration I] [--save DIR]`: mutates the seed captures at
 * every layer and runs each mutant through the whole command line in every output format, in process
 * (scripts/fuzz/). Prints the summary (also when stopped early by Ctrl-C); exit 1 when anything was found. --save writes each finding's
 * mutant to DIR (a regression capture for test/data).
 */

function count(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) {
    process.stderr.write(`fuzz: --${name} takes a whole number, not "${text}"\n`);
    process.exit(1);
  }
  return Number(text);
}

let values: Record<string, string | undefined>;
try {
  ({ values } = parseArgs({ options: { iterations: { type: 'string' }, seed: { type: 'string' }, iteration: { type: 'string' }, save: { type: 'string' } } }));
} catch (error) {
  process.stderr.write(`fuzz: ${(error as Error).message}\n`);
  process.exit(1);
}
const iterations = count('iterations', values.iterations, 1000);
const seed = count('seed', values.seed, 1);
const only = values.iteration === undefined ? undefined : count('iteration', values.iteration, 0);
const save = values.save;
if (save) mkdirSync(save, { recursive: true });

const seeds = await loadSeeds();
process.stderr.write(`fuzz: ${seeds.length} seed captures: ${seeds.map((s) => s.name).join(', ')}\n`);
// Ctrl-C (or SIGTERM) ends the run after the current iteration, with the summary so far.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (stopping = true));
const summary = await fuzz(seeds, {
  iterations,
  stopped: () => stopping,
  seed,
  ...(only === undefined ? {} : { only }),
  onProgress: (done, findings) => {
    if (done % 1000 === 0) process.stderr.write(`fuzz: ${done} iterations, ${findings} findings\n`);
  },
  onFinding: (finding, mutant, iteration) => {
    const extension = mutant.bytes.length >= 4 && mutant.bytes.readUInt32LE(0) === 0x0a0d0d0a ? 'pcapng' : 'pcap';
    if (save) writeFileSync(join(save, `fuzz-${seed}-${iteration}.${extension}`), mutant.bytes);
    if (only !== undefined) process.stdout.write(`${finding.mode}: ${finding.message}\n`);
  },
});
process.stdout.write(summaryText(summary));
process.exitCode = summary.groups.length === 0 ? 0 : 1;
