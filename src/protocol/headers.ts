import { u16, u32 } from './field-builders.js';
import type { FieldSpec } from './types.js';

/** The UDP headers, as the document's first two tables. */

const VERSION = u16('VERSION', 'Identifies the packet as an ICQ packet', { expected: '0200' });
const COMMAND = u16('COMMAND', 'Code for service the server should provide', { meaning: 'command' });
const SEQ_NUM = u16('SEQ_NUM', 'Sequence number (in an ACK: the number of the packet acknowledged)');

/** Client -> server: 10 bytes. */
export const CLIENT_HEADER: readonly FieldSpec[] = [VERSION, COMMAND, SEQ_NUM, u32('UIN', "The sender's UIN")];

/** Server -> client (and client commands sent without a UIN): 6 bytes. */
export const SERVER_HEADER: readonly FieldSpec[] = [VERSION, COMMAND, SEQ_NUM];

/** The version these tables describe; other versions are shown but not decoded. */
export const PROTOCOL_VERSION = 2;

/** The other UDP versions ICQ clients spoke (1997-1999): shown as ICQ, not decoded; any other VERSION is another protocol. */
export const OTHER_ICQ_VERSIONS: readonly number[] = [3, 4, 5];
