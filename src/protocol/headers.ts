import { u16, u32 } from './field-builders.js';
import type { FieldSpec } from './types.js';

/** The UDP headers, as the document's first two tables. */

const VERSION = u16('VERSION', 'Identifies the packet as an ICQ packet', { expected: '0200' });
/** COMMAND says what it asks for one way and what is answered or told the other: one description per direction. */
const CLIENT_COMMAND = u16('COMMAND', 'Code for service the server should provide', { meaning: 'command' });
const SERVER_COMMAND = u16('COMMAND', 'Code of what the server sends: a reply, or news of a user on the contact list', { meaning: 'command' });
const SEQ_NUM = u16('SEQ_NUM', 'Sequence number (in an ACK: the number of the packet acknowledged)');

/** Client -> server: 10 bytes. */
export const CLIENT_HEADER: readonly FieldSpec[] = [VERSION, CLIENT_COMMAND, SEQ_NUM, u32('UIN', "The sender's UIN")];

/** Client commands sent without a UIN (licq's register user): 6 bytes. */
export const CLIENT_HEADER_NO_UIN: readonly FieldSpec[] = [VERSION, CLIENT_COMMAND, SEQ_NUM];

/** Server -> client: 6 bytes. */
export const SERVER_HEADER: readonly FieldSpec[] = [VERSION, SERVER_COMMAND, SEQ_NUM];

/** The version these tables describe; other versions are shown but not decoded. */
export const PROTOCOL_VERSION = 2;

/** The other UDP versions ICQ clients spoke (1997-1999): shown as ICQ, not decoded; any other VERSION is another protocol. */
export const OTHER_ICQ_VERSIONS: readonly number[] = [3, 4, 5];
