import type { StatisticResult } from '../stats/statistic.js';
import type { Style } from './style.js';
import { statisticText } from './stats-table.js';

/**
 * Where the -z statistics go in each output, so that the output stays one kind of thing:
 * text: the tables after the packet list (as tshark); -T json: one document, `{"pdus": [...], "stats": [...]}`
 * (with -q `{"stats": [...]}`); -T ndjson: one more line, `{"stats": [...]}`, after the PDUs' lines.
 */
export interface StatsFraming {
  /** Before the packet list. */
  opening: string;
  /** After it, in slices to write one after the other. */
  closing(results: readonly StatisticResult[]): Iterable<string>;
}

/** A blank line before each table, but not at the very start of the output. */
function* textSlices(results: readonly StatisticResult[], listed: boolean, style: Style): Generator<string> {
  for (const [index, result] of results.entries()) {
    if (listed || index > 0) yield '\n';
    yield* statisticText(result, style);
  }
}

/** `listed`: the packet list is printed (no -q). */
export function statsFraming(kind: 'text' | 'json' | 'ndjson', listed: boolean, style: Style): StatsFraming {
  switch (kind) {
    case 'json':
      return listed
        ? { opening: '{"pdus": ', closing: (results) => [`, "stats": ${JSON.stringify(results, null, 2)}}\n`] }
        : { opening: '', closing: (results) => [JSON.stringify({ stats: results }, null, 2) + '\n'] };
    case 'ndjson':
      return { opening: '', closing: (results) => [JSON.stringify({ stats: results }) + '\n'] };
    case 'text':
      return { opening: '', closing: (results) => textSlices(results, listed, style) };
  }
}
