import type { FilterNode } from '../analysis/filter-parse.js';
import { CommandCounts } from '../stats/command-counts.js';
import { ClientCounts } from '../stats/client-counts.js';
import { STATISTICS } from '../stats/catalog.js';
import { IoStat } from '../stats/io-stat.js';
import { ResponseTimes } from '../stats/response-times.js';
import type { StatFilter } from '../stats/stat-filter.js';
import { StatisticsRun } from '../stats/statistics-run.js';
import { UsageError } from './options.js';

/** -z: the statistics as tshark names and parses them (`-z help` lists them). */

const USAGE_WIDTH = Math.max(...STATISTICS.map(({ usage }) => usage.length)) + 2;

export const STATISTICS_HELP =
  'Statistics for -z (repeatable; printed after the packet list in the order given, or alone with -q):\n' +
  STATISTICS.map(({ usage, summary }) => `  ${usage.padEnd(USAGE_WIDTH)}${summary}\n`).join('') +
  'FILTER is a display filter as -Y takes it; -Y itself chooses only the packet list, as in tshark.\n';

const KNOWN = STATISTICS.map(({ usage }) => usage.split('[')[0]).join(', ');

/** An interval in whole microseconds, as tshark takes it ("1", "0.5", "0.000001"; 0 the whole capture). */
function intervalMicros(text: string, value: string): number {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(text);
  if (!match) throw new UsageError(`-z ${value}: the interval must be seconds with at most 6 decimals (0: the whole capture), got '${text}'`);
  return Number(match[1]) * 1e6 + Number((match[2] ?? '').padEnd(6, '0'));
}

/** io,stat's filters: split at commas outside double quotes (a string in a filter may hold one). */
function splitFilters(text: string): string[] {
  const filters = [''];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ',' && !quoted) {
      filters.push('');
      continue;
    }
    if (c === '"') quoted = !quoted;
    // An escaped character inside a string (\" or \\) is taken with its backslash.
    const taken = c === '\\' && quoted ? c + (text[++i] ?? '') : c;
    filters[filters.length - 1] += taken;
  }
  return filters;
}

/**
 * The statistics of the -z values, undefined when none is given; `parse` reads a filter (-Y's rules).
 * A wrong value is a UsageError naming it (and, when unknown, the statistics there are).
 */
export function statisticsFromOption(values: readonly string[], parse: (text: string) => FilterNode | undefined): StatisticsRun | undefined {
  if (values.length === 0) return undefined;
  const run = new StatisticsRun();
  for (const value of values) {
    const filterOf = (text: string | undefined): StatFilter | undefined => {
      if (text === undefined || text.trim() === '') return undefined;
      try {
        return { text, node: parse(text)! };
      } catch (error) {
        throw error instanceof UsageError ? new UsageError(`-z ${value}: ${error.message}`) : error;
      }
    };
    const icq = /^icq2,(commands|srt|clients)(?:,(.*))?$/s.exec(value);
    const io = /^io,stat,([^,]*)(?:,(.*))?$/s.exec(value);
    if (icq) {
      const filter = filterOf(icq[2]);
      if (icq[1] === 'commands') run.add(new CommandCounts(filter));
      else if (icq[1] === 'srt') run.add(new ResponseTimes(filter));
      else run.add(new ClientCounts(run.frames, filter));
    } else if (io) {
      const columns = io[2] === undefined ? [undefined] : splitFilters(io[2]).map(filterOf);
      run.add(new IoStat(run.frames, intervalMicros(io[1]!, value), columns));
    } else if (value === 'io,stat') {
      throw new UsageError('-z io,stat needs an interval: io,stat,INTERVAL[,FILTER...]');
    } else {
      throw new UsageError(`-z ${value}: unknown statistic; there are ${KNOWN} (-z help describes them)`);
    }
  }
  return run;
}
