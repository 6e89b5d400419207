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
  /** After it. */
  closing(results: readonly StatisticResult[]): string;
}

/** `listed`: the packet list is printed (no -q). */
export function statsFraming(kind: 'text' | 'json' | 'ndjson', listed: boolean, style: Style): StatsFraming {
  switch (kind) {
    case 'json':
      return listed
        ? { opening: '{"pdus": ', closing: (results) => `, "stats": ${JSON.stringify(results, null, 2)}}\n` }
        : { opening: '', closing: (results) => JSON.stringify({ stats: results }, null, 2) + '\n' };
    case 'ndjson':
      return { opening: '', closing: (results) => JSON.stringify({ stats: results }) + '\n' };
    case 'text':
      // A blank line before each table, but not at the very start of the output.
      return { opening: '', closing: (results) => (listed ? '\n' : '') + results.map((result) => statisticText(result, style)).join('\n') };
  }
}
