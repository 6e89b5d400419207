import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { growingPercent } from '../src/cli/heap-budget.js';

const MB = 2 ** 20;

test('the heap budget leaves V8 its own factor while four times the live heap fits, and tightens it as the live heap nears the budget', () => {
  assert.equal(growingPercent(10 * MB, 10 * MB, 80 * MB), 0);
  assert.equal(growingPercent(20 * MB, 20 * MB, 80 * MB), 0);
  assert.equal(growingPercent(40 * MB, 40 * MB, 80 * MB), 100);
  // Grown twofold since the last collection: it may again before the factor set now takes effect.
  assert.equal(growingPercent(20 * MB, 10 * MB, 80 * MB), 100);
  // Never below 1.5: a live heap at the budget is let grow past it, not collected without end.
  assert.equal(growingPercent(80 * MB, 80 * MB, 80 * MB), 50);
  assert.equal(growingPercent(1, Infinity, 80 * MB), 0);
});

test('the growing percent is V8 own (0) or between 50 and 300, and never rises as the live heap grows', () => {
  const bytes = fc.integer({ min: 1, max: 2_000 * MB });
  fc.assert(
    fc.property(bytes, bytes, bytes, bytes, (a, b, previous, budget) => {
      const [small, large] = a <= b ? [a, b] : [b, a];
      const [p, q] = [growingPercent(small, previous, budget), growingPercent(large, previous, budget)];
      for (const percent of [p, q]) assert.ok(percent === 0 || (percent >= 50 && percent <= 300), String(percent));
      // 0 is the loosest (a factor of 4): order them with it last.
      const looseness = (percent: number) => (percent === 0 ? 300 : percent);
      assert.ok(looseness(q) <= looseness(p), `${small} -> ${p}, ${large} -> ${q}`);
    }),
  );
});

/**
 * A child keeps 40 MB live and churns objects that outlive a scavenge (as table entries do), then prints
 * the largest heap it saw; with the budget, V8 collects before its garbage reaches four times the live heap.
 */
function churnPeak(budgeted: boolean): number {
  const script = `
    ${budgeted ? "const { keepHeapWithinBudget } = await import('./src/cli/heap-budget.ts'); keepHeapWithinBudget(96 * 2 ** 20);" : ''}
    globalThis.live = Array.from({ length: 40 }, () => Array.from({ length: 26_000 }, (_, i) => ({ i })));
    const ring = new Array(400_000);
    let peak = 0;
    for (let round = 0; round < 30; round++) {
      for (let i = 0; i < 100_000; i++) ring[(round * 100_000 + i) % ring.length] = { round, i, text: 'x' + i };
      await new Promise((resolve) => setImmediate(resolve));
      peak = Math.max(peak, process.memoryUsage().heapTotal);
    }
    process.stdout.write(String(peak));
  `;
  return Number(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' }));
}

test('under the budget a process with 40 MB live holds a heap at least a quarter smaller than under V8 own factor', () => {
  const [own, budgeted] = [churnPeak(false), churnPeak(true)];
  assert.ok(budgeted < own * 0.75, `budgeted ${(budgeted / MB).toFixed(0)} MB, V8's own ${(own / MB).toFixed(0)} MB`);
});
