import type { DissectedPdu, Pdu } from '../dissect/pdu.js';
import { valuesOf } from '../analysis/filter-values.js';
import { escapeText } from './escape.js';
import { infoText } from './info.js';
import type { Printer } from './printer.js';
import type { TimeColumn } from './time-column.js';

/**
 * -T fields (tshark's): one line per PDU, the -e values joined by the separator (tab by default), a
 * repeated field's values joined by the aggregator (","). Line-based, so wire text is escaped. -T csv:
 * the same with a header line and RFC 4180 quoting; wire text is escaped there too (a spreadsheet is not
 * the only reader of a csv: `cat` on a terminal runs its ESC bytes).
 * The -E settings as tshark's: occurrence picks the first, last or all values of a repeated field;
 * quote wraps every value in double or single quotes, a quote inside doubled (as tshark 4.2 does).
 */
export type Occurrence = 'first' | 'last' | 'all';

export interface FieldsSettings {
  header: boolean;
  separator: string;
  occurrence: Occurrence;
  aggregator: string;
  /** The quote around every value; undefined: none (-T csv still quotes what needs it). */
  quote: '"' | "'" | undefined;
  /** A UTF-8 byte order mark first (-E bom=y). */
  bom: boolean;
}

export interface FieldsOptions extends FieldsSettings {
  names: readonly string[];
  csv: boolean;
  /** `time` is the Time column as -t writes it (time.absolute, time.epoch ... are the JSON's values). */
  clock: TimeColumn;
  /** The command table's Info template for a PDU: `info` is the Info column as the table writes it. */
  summaryFor: (pdu: Pdu) => string | undefined;
}

/** Columns of -T fields / csv when no -e is given. */
export const DEFAULT_FIELD_NAMES = ['frame', 'time', 'src', 'dst', 'direction', 'command', 'seq', 'uin', 'length'];

/** The fields -T fields prints: the -e names given, else the default ones. */
export const shownFieldNames = (given: readonly string[]): readonly string[] => (given.length > 0 ? given : DEFAULT_FIELD_NAMES);

/** The settings of -T fields and -T csv when -E says nothing. */
export function defaultFieldsSettings(csv: boolean): FieldsSettings {
  return { header: csv, separator: csv ? ',' : '\t', occurrence: 'all', aggregator: ',', quote: undefined, bom: false };
}

/** RFC 4180: quoted when the text holds the separator, a quote, a line break or edge spaces. */
export function csvQuote(text: string, separator: string): string {
  return text.includes(separator) || /["\r\n]/.test(text) || text !== text.trim() ? quoted(text, '"') : text;
}

/** A csv cell of text from the wire: escaped as -T fields escapes it (tshark's escaping), then quoted where it needs it. */
export function csvCell(text: string, separator: string): string {
  return csvQuote(escapeText(text), separator);
}

const quoted = (text: string, quote: string): string => `${quote}${text.replaceAll(quote, quote + quote)}${quote}`;

function pick<T>(values: readonly T[], occurrence: Occurrence): readonly T[] {
  if (occurrence === 'all' || values.length <= 1) return values;
  return occurrence === 'first' ? values.slice(0, 1) : values.slice(-1);
}

export function fieldsPrinter(options: FieldsOptions): Printer {
  const { quote, separator } = options;
  const plain = options.csv ? (text: string) => csvCell(text, separator) : escapeText;
  const cell = quote === undefined ? plain : (text: string) => quoted(escapeText(text), quote);
  // The columns the list computes rather than reads from the PDU.
  const columns: Readonly<Record<string, (d: DissectedPdu) => string>> = {
    time: (d) => options.clock.text(d),
    info: (d) => infoText(d.pdu, options.summaryFor(d.pdu)),
  };
  const values = (d: DissectedPdu, name: string): readonly unknown[] => (Object.hasOwn(columns, name) ? [columns[name]!(d)] : valuesOf(d.pdu, name));
  const value = (d: DissectedPdu, name: string): string => cell(pick(values(d, name), options.occurrence).join(options.aggregator));
  return {
    begin: () => (options.bom ? '\ufeff' : '') + (options.header ? options.names.join(separator) + '\n' : ''),
    pdu: (d: DissectedPdu): string => options.names.map((name) => value(d, name)).join(separator) + '\n',
    end: () => '',
  };
}
