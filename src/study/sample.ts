import type { ValueKey } from './value-counts.js';
import type { Endpoint } from '../net/payload.js';

import type { Snapshot } from './snapshot.js';

/** One occurrence of a unit in one PDU, with what the pattern tests compare it with (read during `add`, never kept). */
export interface Sample {
  /** The value as the counts keep it (valueKey). */
  key: ValueKey;
  bytes: Buffer;
  /** The sender's flow, numbered: transport, source, destination (a session's one direction; a TCP stream's side). */
  flow: number;
  /** Seconds since 1970 of the PDU. */
  time: number;
  pduLength: number;
  offset: number;
  src: Endpoint;
  dst: Endpoint;
  /** Lengths the PDU declares: each string's LENGTH, by the string's name. */
  stringLengths: readonly { name: string; value: number }[];
  /** The rest of the run from this offset (a word of an undescribed body), for the string test. */
  runRest: Buffer | undefined;
  /** What the PDU answers or acknowledges (the analysis pairs them), and the other side's last PDU. */
  answered: Snapshot | undefined;
  peerLast: Snapshot | undefined;
  /** Every UIN seen in the captures (the headers'): it grows while they are read, and is read at the end. */
  uins: ReadonlySet<number>;
}
