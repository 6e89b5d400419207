import type { Timestamp } from '../capture/record.js';
import type { Note } from './note-kinds.js';

export interface Endpoint {
  /** Dotted quad for IPv4, RFC 5952 text for IPv6. */
  ip: string;
  port: number;
}

/** A note from the network layer about a frame or stream (Wireshark's expert info). */
export type NetNote = Omit<Note, 'field'>;

/**
 * One candidate ICQ PDU as the network layer delivers it: a UDP payload, or one length-prefixed
 * message cut from a reassembled TCP stream (bytes start at its 2-byte LENGTH).
 */
export interface TransportPayload {
  transport: 'udp' | 'tcp';
  /** Frame number that completes this payload. */
  frame: number;
  /** Every frame that contributed bytes (UDP / unfragmented: just [frame]). */
  frames: number[];
  time: Timestamp;
  src: Endpoint;
  dst: Endpoint;
  bytes: Buffer;
  /** The frame was cut by the snap length: bytes is shorter than on the wire. */
  truncated: boolean;
  /** For TCP: a stable id of the connection (0, 1, 2 ... in order of first sight), as tshark's tcp.stream. */
  stream?: number;
  /** For TCP: the sequence number of the first byte (its LENGTH), which places the bytes in their frames (-w --redact). */
  tcpSeq?: number;
  notes: NetNote[];
}
