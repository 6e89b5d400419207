import type { DissectedPdu } from '../dissect/pdu.js';
import type { ByteRange } from './redact.js';

/** One output format: text for the start, for each displayed PDU, after each batch of PDUs read, and for the end of the output. */
export interface Printer {
  begin?(): string;
  /** `masked`: byte ranges --redact hid (the hex dump shows them as **). */
  pdu(dissected: DissectedPdu, masked: readonly ByteRange[]): string;
  /** After each batch the capture was read in (the table lays out its first batch here). */
  batchEnd?(): string;
  end(): string;
}
