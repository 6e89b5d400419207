import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prng } from '../../test/support/prng.js';
import { mutate, type Mutant, type Seed } from './mutators.js';
import { runMutant, type Finding } from './run-mutant.js';

/**
 * The fuzz loop: iteration i of seed S mutates seed capture i mod n with its own generator (made from S
 * and i), so any one iteration can be run again alone (`--iteration I`) and the same seed gives the same
 * run. Findings are grouped by cause (their key); each group keeps its first iteration to reproduce.
 */

export interface FuzzOptions {
  iterations: number;
  seed: number;
  /** Run only this iteration (to reproduce a finding). */
  only?: number;
  /** Told every so many iterations, for a progress line. */
  onProgress?: (done: number, findings: number) => void;
  /** Asked before each iteration: true ends the run there (Ctrl-C), with the summary of what was done. */
  stopped?: () => boolean;
  /** Told each finding's mutant (to save it). */
  onFinding?: (finding: Finding, mutant: Mutant, iteration: number) => void;
}

export interface FindingGroup {
  key: string;
  kind: Finding['kind'];
  count: number;
  first: { iteration: number; mode: string; message: string; steps: string[] };
}

export interface FuzzSummary {
  iterations: number;
  seconds: number;
  seed: number;
  groups: FindingGroup[];
}

/** One iteration's generator: the run's seed and the iteration number mixed (splitmix-style). */
export function iterationRandom(seed: number, iteration: number): () => number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(iteration + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  return prng(h ^ (h >>> 15));
}

export function mutantOf(seeds: readonly Seed[], seed: number, iteration: number): Mutant {
  return mutate(seeds[iteration % seeds.length]!, iterationRandom(seed, iteration));
}

export async function fuzz(seeds: readonly Seed[], options: FuzzOptions): Promise<FuzzSummary> {
  // Each mutant is written once and read ten times: in memory where the machine has a tmpfs.
  const directory = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'icq2-fuzz-'));
  const path = join(directory, 'mutant.capture');
  const groups = new Map<string, FindingGroup>();
  const started = performance.now();
  const iterations = options.only === undefined ? Array.from({ length: options.iterations }, (_, i) => i) : [options.only];
  let findings = 0;
  let done = 0;
  try {
    for (const iteration of iterations) {
      if (options.stopped?.()) break;
      const mutant = mutantOf(seeds, options.seed, iteration);
      writeFileSync(path, mutant.bytes);
      for (const found of await runMutant(path)) {
        findings += 1;
        options.onFinding?.(found, mutant, iteration);
        const group = groups.get(found.key);
        if (group) group.count += 1;
        else groups.set(found.key, { key: found.key, kind: found.kind, count: 1, first: { iteration, mode: found.mode, message: found.message, steps: mutant.steps } });
      }
      done += 1;
      if (done % 100 === 0) options.onProgress?.(done, findings);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  return { iterations: done, seconds: (performance.now() - started) / 1000, seed: options.seed, groups: [...groups.values()] };
}

/** The summary as printed: figures, then each kind of finding with how to run its first case again. */
export function summaryText(summary: FuzzSummary): string {
  const lines = [`${summary.iterations} iterations in ${summary.seconds.toFixed(1)} s (seed ${summary.seed}): ${summary.groups.length === 0 ? 'no findings' : `${summary.groups.reduce((n, g) => n + g.count, 0)} findings of ${summary.groups.length} kinds`}`];
  const byKind = new Map<string, number>();
  for (const group of summary.groups) byKind.set(group.kind, (byKind.get(group.kind) ?? 0) + group.count);
  for (const [kind, count] of byKind) lines.push(`  ${kind}: ${count}`);
  for (const group of summary.groups) {
    lines.push('', `${group.count} x ${group.key}`);
    lines.push(`  first: iteration ${group.first.iteration}, ${group.first.mode}: ${group.first.message}`);
    lines.push(`  mutant: ${group.first.steps.join('; ')}`);
    lines.push(`  again: npm run fuzz -- --seed ${summary.seed} --iteration ${group.first.iteration} --save DIR`);
  }
  return lines.join('\n') + '\n';
}
