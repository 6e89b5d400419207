import type { ClientFingerprint } from '../dissect/pdu.js';
import type { Spread } from './timing.js';

export type Side = 'client' | 'server';

export interface GapRange {
  /** Whose numbers are missing. */
  side: Side;
  from: number;
  to: number;
  /** Frame of the packet that came after the missing numbers. */
  frame: number;
}

/** Keyed by the direction's word, as PDUs name it (TCP: from the side that sent first, and back). */
export type PerDirection = Record<'client-to-server' | 'server-to-client', number>;

/**
 * One session as `flows -T json` prints it. UDP: one client's conversation with the server (client =
 * the side that is not port 4000). TCP: one connection; "client" is the side that sent the first PDU.
 */
export interface SessionSummary {
  /** 1-based, in order of first packet. */
  id: number;
  transport: 'udp' | 'tcp';
  /** TCP connection index (tshark's tcp.stream). */
  stream?: number;
  uin: number | null;
  client: string;
  server: string;
  /** ISO 8601 time of the first PDU. */
  start: string;
  /** Seconds from the first to the last PDU. */
  duration: number;
  /** ICQ PDUs (a TCP frame may carry several, or part of one). */
  packets: PerDirection;
  /** ICQ bytes: the PDUs' own lengths, without the headers below them. */
  bytes: PerDirection;
  retransmissions: number;
  gaps: number;
  unacknowledged: number;
  strayAcks: number;
  /** Seconds from a packet to its ACK. */
  ackRtt: Spread | null;
  logins: number;
  messages: { sent: number; received: number };
  /** The last status the client set (STATUS_CHANGE) or logged in with. */
  finalStatus: { value: number; display: string } | null;
  /** The client software (src/protocol/client-signatures.ts), with the observations behind it. */
  fingerprint: ClientFingerprint;
  gapRanges: GapRange[];
  unackedFrames: number[];
  strayAckFrames: number[];
  retransmissionFrames: number[];
  /** Why tracking stopped before the end of the capture, when it did. */
  evicted?: string;
}

/** What tshark's `-z conv` counts of a session: frames and their bytes on the wire (src/analysis/frame-tally.ts). */
export interface SessionFrames {
  frames: PerDirection;
  /** The frames' lengths on the wire (tshark's frame.len): link, IP and transport headers included. */
  frameBytes: PerDirection;
}

/** A session as `flows` prints it: the analysis's summary and its frames. */
export type FlowSummary = SessionSummary & SessionFrames;
