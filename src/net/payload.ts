import type { Timestamp } from '../capture/record.js';
import type { Note } from './note-kinds.js';

export interface Endpoint {
  /** Dotted quad for IPv4, RFC 5952 text for IPv6. */
  ip: string;
  port: number;
}

/** Which bytes of a payload one frame carried: [start, end) of the payload. */
export interface FramePart {
  frame: number;
  start: number;
  end: number;
}

/**
 * The frame that completes a payload, kept only when asked (-x shows it): its captured bytes, and
 * where the payload's bytes from this frame lie in it (absent when the frame carries none of them).
 */
export interface CompletingFrame {
  bytes: Buffer;
  part?: { start: number; end: number; at: number };
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
  /** For TCP: each frame's share of the bytes, in stream order. */
  parts?: FramePart[];
  /** Only when the network layer is asked to keep frames. */
  completing?: CompletingFrame;
  notes: NetNote[];
}
