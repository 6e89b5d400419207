import type { DissectedPdu, Pdu } from '../dissect/pdu.js';
import { renderHexDump } from './hex-dump.js';
import { listRow, type ListRow } from './list-row.js';
import type { Printer } from './printer.js';
import type { Style } from './style.js';
import { TableWriter } from './table-writer.js';
import type { TimeColumn } from './time-column.js';
import { renderTree } from './tree.js';

/** What a person reads: the table (default) or the -V tree, each optionally followed by the -x dump. */
export interface TextOptions {
  verbose: boolean;
  hex: boolean;
  style: Style;
  /** Shared with the caller, which shows it every PDU and tells it which were displayed. */
  clock: TimeColumn;
  /** undefined when stdout is not a terminal: nothing is cut. */
  terminalColumns: number | undefined;
  /** The command table's Info template for this PDU, if any. */
  summaryFor: (pdu: Pdu) => string | undefined;
}

/** A row held until the first batch ends, with the -x dump that follows it. */
interface HeldRow {
  row: ListRow;
  after: string;
}

export function textPrinter(options: TextOptions): Printer {
  const { style, clock } = options;
  const hexDump = (dissected: DissectedPdu, masked: Parameters<Printer['pdu']>[1]): string =>
    options.hex ? renderHexDump(dissected, style, masked, options.terminalColumns) + '\n' : '';
  if (options.verbose) return { pdu: (dissected, masked) => renderTree(dissected.pdu, style, dissected.frameSize, options.terminalColumns) + (options.hex ? hexDump(dissected, masked) : '\n'), end: () => '' };

  // The first batch's rows are held so the columns are as wide as their content from the first row on.
  let table: TableWriter | undefined;
  let held: HeldRow[] = [];
  let timeDigits = 0;
  const release = (): string => {
    if (table !== undefined || held.length === 0) return '';
    table = new TableWriter(held.map(({ row }) => row), timeDigits, options.terminalColumns, style);
    let text = table.header();
    for (const { row, after } of held) text += table.row(row) + after;
    held = [];
    return text;
  };
  return {
    pdu(dissected, masked): string {
      const row = listRow(dissected, clock, options.summaryFor);
      if (table !== undefined) return table.row(row) + hexDump(dissected, masked);
      if (held.length === 0) timeDigits = dissected.timestamp.digits;
      held.push({ row, after: hexDump(dissected, masked) });
      return '';
    },
    batchEnd: release,
    end: release,
  };
}
