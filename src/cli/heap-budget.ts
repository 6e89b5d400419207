import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import v8 from 'node:v8';

/**
 * A soft limit on the JavaScript heap, as Go's GOMEMLIMIT. What a hostile capture makes the tables keep
 * is capped (40 MB live at most), but each entry (a connection, a session, an incomplete datagram) lives
 * thousands of frames, is promoted, and dies in old space; V8 lets that garbage grow to 4 times the live
 * heap before a full collection (250-285 MiB peak on a million one-segment connections). After each full
 * collection the growing factor is set so that the one after next comes by the budget (V8 reads the
 * factor when a collection ends, so a factor set now sizes the heap until the collection after the
 * next): the live heap then may have grown as much again as it did since the last one (up to MAX_GROWTH).
 * V8's own factor stays while four times the live heap fits the budget (the packet list of an ordinary
 * capture, 18 MB live); never below MIN_FACTOR, so that a live heap near the budget grows past it rather
 * than collect without end.
 */
export const HEAP_BUDGET_BYTES = 80 * 2 ** 20;
const V8_MAX_FACTOR = 4;
const MIN_FACTOR = 1.5;
const MAX_GROWTH = 2;

let installed = false;

/** The growing percent (V8's `--heap-growing-percent`, 0 for its own) after a collection left `live` bytes, `previous` after the one before. */
export function growingPercent(live: number, previous: number, budget: number): number {
  const growth = Math.min(Math.max(live / Math.max(previous, 1), 1), MAX_GROWTH);
  const factor = budget / Math.max(live * growth, 1);
  return factor >= V8_MAX_FACTOR ? 0 : Math.round((Math.max(factor, MIN_FACTOR) - 1) * 100);
}

/** Installs the limit for this process (once: later calls do nothing). */
export function keepHeapWithinBudget(budget = HEAP_BUDGET_BYTES): void {
  if (installed) return;
  installed = true;
  let percent = 0;
  let previous = Infinity;
  const observer = new PerformanceObserver((list) => {
    const major = list.getEntries().some((entry) => (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
    if (!major) return;
    const live = v8.getHeapStatistics().used_heap_size;
    const next = growingPercent(live, previous, budget);
    previous = live;
    if (next === percent) return;
    percent = next;
    v8.setFlagsFromString(`--heap-growing-percent=${next}`);
  });
  observer.observe({ entryTypes: ['gc'] });
}
