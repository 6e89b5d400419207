import type { DissectedPdu } from '../dissect/pdu.js';
import { valuesOf } from '../analysis/filter-values.js';
import { escapeText } from './escape.js';
import type { Printer } from './printer.js';
import type { TimeColumn } from './time-column.js';

/**
 * -T fields (tshark's): one line per PDU, the -e values joined by the separator (tab by default), a
 * repeated field's values joined by ",". Line-based, so wire text is escaped. -T csv: the same with a
 * header line and RFC 4180 quoting instead of escaping, so the data arrives exactly.
 */
export interface FieldsOptions {
  names: readonly string[];
  separator: string;
  header: boolean;
  csv: boolean;
  /** `time` is the Time column as -t writes it (time.absolute, time.epoch ... are the JSON's values). */
  clock: TimeColumn;
}

/** Columns of -T fields / csv when no -e is given. */
export const DEFAULT_FIELD_NAMES = ['frame', 'time', 'src', 'dst', 'direction', 'command', 'seq', 'uin', 'length'];

/** RFC 4180: quoted when the text holds the separator, a quote, a line break or edge spaces. */
export function csvQuote(text: string, separator: string): string {
  return text.includes(separator) || /["\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function fieldsPrinter(options: FieldsOptions): Printer {
  const cell = options.csv ? (text: string) => csvQuote(text, options.separator) : escapeText;
  const line = (cells: readonly string[]): string => cells.map(cell).join(options.separator) + '\n';
  return {
    begin: () => (options.header ? line(options.names) : ''),
    pdu: (dissected: DissectedPdu): string =>
      line(options.names.map((name) => (name === 'time' ? options.clock.text(dissected) : valuesOf(dissected.pdu, name).join(',')))),
    end: () => '',
  };
}
