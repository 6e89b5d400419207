import { flatText } from './flat-text.js';

/**
 * Every kind of note (Wireshark's expert info) any stage writes, by a stable id: its severity and what it
 * means. The id is in the JSON (`notes[].id`), the -V tree, the filter (`note == gap`) and, for the kinds
 * the exported Lua dissector reports too, its expert field (`icq2.malformed`, with its Wireshark group).
 * Declared here, in the first stage that writes notes, so every later one shares the list.
 */

export type Severity = 'note' | 'warning' | 'error';

/** Severities from the mildest, as `expert.severity >= warning` orders them. */
export const SEVERITIES: readonly Severity[] = ['note', 'warning', 'error'];

/** Wireshark's expert groups (`expert.group.*`) the Lua export files its experts under. */
export type ExpertGroup = 'PROTOCOL' | 'MALFORMED' | 'UNDECODED' | 'REASSEMBLE' | 'SEQUENCE';

export interface NoteKind {
  severity: Severity;
  meaning: string;
  /** The group of the Lua export's expert field `icq2.<id>`, for the kinds it reports. */
  wireshark?: ExpertGroup;
}

const kind = (severity: Severity, meaning: string, wireshark?: ExpertGroup): NoteKind => (wireshark ? { severity, meaning, wireshark } : { severity, meaning });

export const NOTE_KINDS = {
  // The network layer (src/net).
  'snap-cut': kind('warning', 'the snap length cut the frame (its captured length is below its length): bytes of the PDU were not captured'),
  'past-snap-length': kind('note', "a record longer than the file header's snap length: read as it is"),
  'ip-length': kind('warning', 'the IP length runs past the frame (tshark: "IPv4 total length exceeds packet length"): bytes the header declares are not in it'),
  'undecodable': kind('error', 'a frame that could not be decoded below ICQ (link, IP, UDP or TCP header)'),
  'fragment-dropped': kind('warning', 'an IP datagram that never completed (timed out, past a limit, or the capture ended): listed by its first fragment, as tshark\'s "Fragmented IP protocol"'),
  'fragment-overlap': kind('warning', 'overlapping IP fragments disagree: the first to arrive was kept'),
  'udp-length': kind('warning', "the UDP length disagrees with the IP payload's"),
  'tcp-mid-stream': kind('note', 'a TCP stream first seen mid-connection (no SYN)'),
  'tcp-overlap': kind('warning', 'a TCP retransmission with other bytes than the first copy: the first is kept'),
  'tcp-buffer-limit': kind('warning', 'a TCP buffer limit was reached: bytes or a stream given up'),
  'tcp-connection-limit': kind('note', 'the TCP connection limit was reached: the oldest stream is no longer tracked'),
  'tcp-gap': kind('warning', 'TCP bytes that never came: the message they belong to is dropped'),
  'tcp-leftover': kind('warning', 'bytes at the end of a TCP stream that start no message'),
  'tcp-unfinished': kind('warning', 'a TCP stream that ends inside a message'),
  'tcp-resync': kind('note', 'after lost bytes, the next message start was found by skipping bytes'),
  'length-reconstructed': kind('note', 'the peer LENGTH came in the TCP segment before (the Lua dissector rebuilds it)', 'REASSEMBLE'),
  // The dissector (src/dissect) and the rules declared on the tables (src/protocol).
  'malformed': kind('error', 'bytes that do not fit the layout: too short, a LENGTH or count past the end, no NUL, bytes left over', 'MALFORMED'),
  'unknown-command': kind('error', 'a command code no table knows: its body is shown as unknown bytes', 'UNDECODED'),
  'not-v2': kind('warning', 'another protocol version than 2: not decoded', 'UNDECODED'),
  'not-icq': kind('warning', 'a payload on an ICQ port whose VERSION is no ICQ version: another protocol, not decoded'),
  'direction-guessed': kind('note', 'the ports did not tell the direction: the header that reads cleanly decided'),
  'document-differs': kind('note', "a field's bytes differ from the document's fixed value (the X-fields of real clients)", 'PROTOCOL'),
  'layout-variant': kind('note', "the PDU was read with another layout than the document's, and which", 'PROTOCOL'),
  'layout-misfit': kind('note', 'a loaded layout (--layouts) does not read the body exactly: a built-in one read it'),
  'quirk': kind('warning', "a known client bug left its mark (mICQ's first contact UIN)", 'PROTOCOL'),
  'message-parts': kind('warning', 'a message has another number of FE-separated parts than its type has', 'PROTOCOL'),
  'client-variant': kind('note', 'the client variant (byte orders, field order) that reads the session: chosen here, or leading until then', 'PROTOCOL'),
  'out-of-range': kind('note', 'a value outside the range the document gives (the peer X4)', 'PROTOCOL'),
  'port-high-half': kind('note', 'a 32-bit port whose high half is not 0 (mICQ writes the port + 0x10000)', 'PROTOCOL'),
  'port-byte-order': kind('note', "a port written in network byte order (read big-endian it is the packet's own source port)", 'PROTOCOL'),
  'too-long': kind('warning', 'a string longer than the document allows (a password of more than 8 characters)', 'PROTOCOL'),
  'implied-value': kind('note', "a field without the value the document says goes with another field's", 'PROTOCOL'),
  'fields-differ': kind('note', 'two fields differ that are normally the same (REMOTE_IP and REMOTE_REAL_IP: behind a firewall)', 'PROTOCOL'),
  'all-empty': kind('warning', 'every field of which the document wants at least one is empty (a search)', 'PROTOCOL'),
  'exclusive-fields': kind('warning', 'fields used together that the document says exclude each other (a search by e-mail and by name)', 'PROTOCOL'),
  // The sequence analysis (src/analysis).
  'gap': kind('note', 'sequence numbers of a side that were never seen'),
  'seq-spent': kind('note', 'a SEQ_NUM the client spent on a request number (mICQ), not a gap'),
  'retransmission': kind('warning', 'a packet sent again with the same SEQ_NUM'),
  'unacknowledged': kind('warning', 'a packet no ACK answered'),
  'stray-ack': kind('warning', 'an ACK for a sequence number never seen'),
  'ack-before-capture': kind('note', 'an ACK for a packet sent before the capture started'),
  'duplicate-ack': kind('note', 'a second ACK for the same packet'),
  'unanswered': kind('warning', 'a request no response answered'),
  'unfinished': kind('warning', 'a request whose responses never ended (no END_OF_SEARCH)'),
  'keep-alive-interval': kind('warning', 'a KEEP_ALIVE far from the 120 s the document gives'),
  'not-listed': kind('warning', 'a notification for a UIN no CONTACT_LIST of the session named'),
  'session-limit': kind('note', 'too many sessions at once: this one is no longer tracked'),
  'session-resumed': kind('note', 'a client heard from again after a silence: a new session starts'),
} as const satisfies Record<string, NoteKind>;

export type NoteId = keyof typeof NOTE_KINDS;

/** One note: `field` names the field it concerns, when it concerns one. */
export interface Note {
  id: NoteId;
  severity: Severity;
  message: string;
  field?: string;
}

/** A note of this kind, with the kind's severity. */
export function note(id: NoteId, message: string, field?: string): Note {
  const severity = NOTE_KINDS[id].severity;
  flatText(message);
  return field === undefined ? { id, severity, message } : { id, severity, message, field };
}
