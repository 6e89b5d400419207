import { statSync } from 'node:fs';
import { mentionsAnalysis } from '../analysis/filter-values.js';
import type { StatisticsRun } from '../stats/statistics-run.js';
import { shownFieldNames } from '../format/fields-printer.js';
import type { CliOptions } from './options.js';
import { listsPdus } from './write-option.js';

/**
 * How the sequence analysis runs (tshark's -2): `two-pass` reads the capture a second time ahead of the
 * output, so a PDU shows what later ones tell of it (its ACK, no ACK, a gap); `one-pass` tells each PDU
 * only what the PDUs before it did (a retransmission, a duplicate ACK), reading the capture once.
 */
export type AnalysisMode = 'none' | 'one-pass' | 'two-pass';

/** -V, JSON, a filter or -e naming the analysis, and -z's pairing: they read its forward results, in two passes unless --no-2. */
function readsForward(options: CliOptions): boolean {
  const named = [options.filter ?? '', ...options.fieldNames].some(mentionsAnalysis);
  return named || (!options.quiet && (options.verbose || options.format === 'json' || options.format === 'ndjson'));
}

/** Regular files can be read twice at no cost; standard input, pipes and live capture would have to be spooled first. */
function allRegularFiles(files: readonly string[]): boolean {
  return files.length > 0 && files.every((file) => file !== '-' && statSync(file, { throwIfNoEntry: false })?.isFile() === true);
}

/** The list shows the analysis on every row (its expert tags, a server packet's UIN); -T fields and csv only in the fields they name. */
function showsAnalysis(options: CliOptions): boolean {
  if (!listsPdus(options)) return false;
  if (options.format !== 'fields' && options.format !== 'csv') return true;
  return shownFieldNames(options.fieldNames).some(mentionsAnalysis);
}

export function analysisMode(options: CliOptions, statistics: StatisticsRun | undefined): AnalysisMode {
  // -z icq2,srt and the like count a request's answers when it is seen: only two passes give them.
  if (statistics?.needsAnalysis === true) return 'two-pass';
  const forward = readsForward(options);
  if (!forward && !showsAnalysis(options)) return 'none';
  const twoPass = options.twoPass ?? (forward || allRegularFiles(options.files));
  return twoPass ? 'two-pass' : 'one-pass';
}
