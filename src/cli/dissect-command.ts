import type { DissectedPdu, Pdu } from '../dissect/pdu.js';
import { evaluateFilter } from '../analysis/filter-eval.js';
import type { FilterNode } from '../analysis/filter-parse.js';
import type { LookaheadAnalysis } from '../analysis/lookahead-analysis.js';
import { fieldsPrinter, shownFieldNames } from '../format/fields-printer.js';
import { jsonPrinter, ndjsonPrinter } from '../format/json-printer.js';
import type { Printer } from '../format/printer.js';
import { redact } from '../format/redact.js';
import { statsFraming } from '../format/stats-output.js';
import { createStyle } from '../format/style.js';
import { tabsPrinter } from '../format/tabs-printer.js';
import { textPrinter } from '../format/text-printer.js';
import { TimeColumn } from '../format/time-column.js';
import type { PduCaptureWriter } from '../writers/pdu-capture-writer.js';
import type { CliOptions } from './options.js';
import { OutputBatch } from './output-batch.js';
import { listsPdus } from './write-option.js';
import type { OutputSink } from './output-sink.js';
import type { StatisticsRun } from '../stats/statistics-run.js';

/** The main loop: every PDU of the capture through filter, redaction and the chosen printer. */

export interface RunContext {
  sink: OutputSink;
  color: boolean;
  /** undefined when stdout is not a terminal. */
  terminalColumns: number | undefined;
  summaryFor: (pdu: Pdu) => string | undefined;
  /** The sequence analysis in one pass or two: adds `analysis` and its notes to each PDU (`ordinal` counts from 0 in capture order). */
  analysis?: Pick<LookaheadAnalysis, 'ready' | 'readAhead' | 'annotate'>;
  /** A live capture: each PDU is written as it comes, not batched. */
  flushEachPdu?: boolean;
  /** -w: told every PDU and whether it is displayed. */
  capture?: Pick<PduCaptureWriter, 'pdu' | 'closed' | 'stoppedAt'>;
  /** -z: every PDU read (before -Y) goes to them; their tables or JSON follow the packet list. */
  statistics?: StatisticsRun;
}

/** -w without -P: the PDUs go to the capture file only. */
const NO_LIST: Printer = { pdu: () => '', end: () => '' };

function createPrinter(options: CliOptions, context: RunContext, clock: TimeColumn): Printer {
  if (!listsPdus(options)) return NO_LIST;
  switch (options.format) {
    case 'json':
      return jsonPrinter(context.summaryFor);
    case 'ndjson':
      return ndjsonPrinter(context.summaryFor);
    case 'fields':
    case 'csv':
      return fieldsPrinter({
        ...options.fields,
        names: shownFieldNames(options.fieldNames),
        csv: options.format === 'csv',
        clock,
        summaryFor: context.summaryFor,
      });
    case 'tabs':
      return tabsPrinter(clock, context.summaryFor);
    case 'table':
      return textPrinter({
        verbose: options.verbose,
        hex: options.hex,
        style: createStyle(context.color),
        clock,
        terminalColumns: context.terminalColumns,
        summaryFor: context.summaryFor,
      });
  }
}

/** Prints the PDUs; errors from the source (CaptureError) propagate after the output is closed properly. */
export async function printPdus(
  source: AsyncIterable<readonly DissectedPdu[]>,
  options: CliOptions,
  filter: FilterNode | undefined,
  context: RunContext,
): Promise<void> {
  const clock = new TimeColumn(options.timeMode);
  const printer = createPrinter(options, context, clock);
  const output = new OutputBatch(context.sink);
  const { statistics } = context;
  const kind = options.format === 'json' || options.format === 'ndjson' ? options.format : 'text';
  const framing = statistics && statsFraming(kind, listsPdus(options), createStyle(context.color));
  output.add(framing?.opening ?? '');
  output.add(printer.begin?.() ?? '');
  let ordinal = 0;
  let shown = 0;
  let stopped = false;
  try {
    batches: for await (const batch of source) {
      for (const original of batch) {
        const { analysis } = context;
        if (analysis) {
          if (!analysis.ready(ordinal)) await analysis.readAhead(ordinal);
          analysis.annotate(original, ordinal);
        }
        ordinal += 1;
        // The dissector counts time.delta from the PDU before; hidden PDUs do not count (tshark's time_delta_displayed).
        if (filter !== undefined) original.pdu.time.delta = clock.sinceShown(original.timestamp);
        // Redact before filtering, so a filter cannot be used to probe a masked value either.
        const { dissected, masked } = options.redact ? redact(original) : { dissected: original, masked: [] };
        statistics?.see(dissected);
        const displayed = filter === undefined || evaluateFilter(filter, dissected.pdu);
        context.capture?.pdu(original, masked, displayed);
        if (!displayed) continue;
        if (output.add(printer.pdu(dissected, masked)) || context.flushEachPdu) await output.flush();
        clock.shown(original.timestamp);
        shown += 1;
        stopped = output.closed || context.capture?.closed === true || shown === options.count;
        if (stopped) {
          context.capture?.stoppedAt(original.pdu.frame);
          break batches;
        }
      }
      // The table's first rows, held until the batch they came in ends.
      const held = printer.batchEnd?.() ?? '';
      if (held !== '' && (output.add(held) || context.flushEachPdu)) await output.flush();
    }
  } finally {
    output.add(printer.end());
    if (statistics && framing) {
      for (const slice of framing.closing(statistics.results(!stopped))) if (output.add(slice)) await output.flush();
    }
    await output.flush();
  }
}
