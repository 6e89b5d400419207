import type { ValueKey } from './value-counts.js';
import type { Endpoint } from '../net/payload.js';

import type { Snapshot } from './snapshot.js';

/**
 * One occurrence of a unit in one PDU, with what the pattern tests compare it with (read during `add`,
 * never kept). One object is refilled for every unit: the unit is a place in the PDU's bytes, read as
 * numbers once, so no view, reading or label is made per unit (a 256-byte run has some 380 units).
 */
export interface Sample {
  /** The value as the counts keep it (valueKey). */
  key: ValueKey;
  /** The PDU's bytes; the unit is `length` bytes from `offset` (counted from the PDU's first byte). */
  pduBytes: Buffer;
  offset: number;
  length: number;
  /** Its unsigned integer readings, little- and big-endian, for 1, 2 or 4 bytes (NaN for other lengths). */
  le: number;
  be: number;
  /** The sender's flow, numbered: transport, source, destination (a session's one direction; a TCP stream's side). */
  flow: number;
  /** Seconds since 1970 of the PDU. */
  time: number;
  pduLength: number;
  src: Endpoint;
  dst: Endpoint;
  /** The IPv4 addresses as the four bytes read big-endian (as on the wire); NaN for IPv6. */
  srcIp: number;
  dstIp: number;
  /** Lengths the PDU declares: each string's LENGTH, with the measure's name (`LENGTH of MESSAGE`). */
  stringLengths: readonly { measure: string; value: number }[];
  /** For a word of a byte run: where the run ends in `pduBytes` (the string test reads a LENGTH and its text); -1 for an X-field. */
  runEnd: number;
  /** What the PDU answers or acknowledges (the analysis pairs them), and the other side's last PDU. */
  answered: Snapshot | undefined;
  peerLast: Snapshot | undefined;
  /** Every UIN seen in the captures (the headers'): it grows while they are read, and is read at the end. */
  uins: ReadonlySet<number>;
}
