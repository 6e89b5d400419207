import type { Pdu } from '../dissect/pdu.js';
import { LIST_HEADINGS, listRow } from './list-row.js';
import type { Printer } from './printer.js';
import type { TimeColumn } from './time-column.js';

/** -T tabs: the packet list's columns for scripts, a heading line then one tab-separated line per PDU (wire text escaped, a tab as \t). */
export function tabsPrinter(clock: TimeColumn, summaryFor: (pdu: Pdu) => string | undefined): Printer {
  let first = true;
  return {
    pdu(dissected): string {
      const line = listRow(dissected, clock, summaryFor).cells.join('\t') + '\n';
      if (!first) return line;
      first = false;
      return LIST_HEADINGS.join('\t') + '\n' + line;
    },
    end: () => '',
  };
}
