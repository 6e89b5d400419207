import type { DissectedPdu, Pdu } from '../dissect/pdu.js';
import { commandLabel } from '../analysis/filter-values.js';
import { DIRECTION_LABELS } from '../protocol/directions.js';
import { renderHexDump } from './hex-dump.js';
import { isNotIcq } from './expert-tags.js';
import { infoText } from './info.js';
import type { Printer } from './printer.js';
import type { Style } from './style.js';
import { TableWriter } from './table-writer.js';
import { TIME_WHOLE_WIDTH, type TimeColumn, type TimeMode } from './time-column.js';
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

/** Width of the Time column: integer part room + the capture's own fraction digits. */
function timeWidth(mode: TimeMode, digits: number): number {
  return TIME_WHOLE_WIDTH[mode] + (digits > 0 ? digits + 1 : 0);
}

export function textPrinter(options: TextOptions): Printer {
  const { style, clock } = options;
  let table: TableWriter | undefined;

  const row = (dissected: DissectedPdu): string => {
    const { pdu } = dissected;
    let header = '';
    if (table === undefined) {
      table = new TableWriter(timeWidth(clock.mode, dissected.timestamp.digits), options.terminalColumns, style);
      header = table.header();
    }
    return (
      header +
      table.row({
        no: String(pdu.frame),
        time: clock.text(dissected),
        source: pdu.src,
        destination: pdu.dst,
        dir: DIRECTION_LABELS[pdu.direction],
        command: pdu.command !== null ? commandLabel(pdu) : isNotIcq(pdu) ? '' : '?',
        seq: typeof pdu.seq === 'number' ? String(pdu.seq) : '',
        uin: typeof pdu.uin === 'number' ? String(pdu.uin) : '',
        info: infoText(pdu, options.summaryFor(pdu)),
        error: pdu.notes.some((note) => note.severity === 'error'),
      })
    );
  };

  return {
    pdu(dissected, masked): string {
      const summary = options.verbose ? renderTree(dissected.pdu, style) : row(dissected);
      if (!options.hex) return options.verbose ? summary + '\n' : summary;
      return summary + renderHexDump(dissected.bytes, dissected.pdu.fields, style, masked) + '\n';
    },
    end: () => (table === undefined ? '' : table.footer()),
  };
}
