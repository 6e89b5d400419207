import type { DissectedPdu, Pdu } from '../dissect/pdu.js';
import { infoText } from './info.js';
import type { Printer } from './printer.js';

/** The command table's Info template for a PDU. */
type SummaryFor = (pdu: Pdu) => string | undefined;

/** The PDU with the Info column as the table shows it (its summary and expert tags), last. */
const withInfo = (pdu: Pdu, summaryFor: SummaryFor) => ({ ...pdu, info: infoText(pdu, summaryFor(pdu)) });

/** -T json: one pretty array, streamed object by object ("[\n", ",\n", "\n]"). */
export function jsonPrinter(summaryFor: SummaryFor): Printer {
  let count = 0;
  return {
    pdu({ pdu }: DissectedPdu): string {
      const body = JSON.stringify(withInfo(pdu, summaryFor), null, 2).replace(/\n/g, '\n  ');
      return (count++ === 0 ? '[\n  ' : ',\n  ') + body;
    },
    end: () => (count === 0 ? '[]\n' : '\n]\n'),
  };
}

/** -T ndjson: one compact object per line, for jq and line tools. */
export function ndjsonPrinter(summaryFor: SummaryFor): Printer {
  return {
    pdu: ({ pdu }: DissectedPdu): string => JSON.stringify(withInfo(pdu, summaryFor)) + '\n',
    end: () => '',
  };
}
