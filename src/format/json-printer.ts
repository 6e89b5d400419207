import type { DissectedPdu } from '../dissect/pdu.js';
import type { Printer } from './printer.js';

/** -T json: one pretty array, streamed object by object ("[\n", ",\n", "\n]"). */
export function jsonPrinter(): Printer {
  let count = 0;
  return {
    pdu({ pdu }: DissectedPdu): string {
      const body = JSON.stringify(pdu, null, 2).replace(/\n/g, '\n  ');
      return (count++ === 0 ? '[\n  ' : ',\n  ') + body;
    },
    end: () => (count === 0 ? '[]\n' : '\n]\n'),
  };
}

/** -T ndjson: one compact object per line, for jq and line tools. */
export function ndjsonPrinter(): Printer {
  return {
    pdu: ({ pdu }: DissectedPdu): string => JSON.stringify(pdu) + '\n',
    end: () => '',
  };
}
