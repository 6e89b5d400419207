/**
 * The TCP frames around written PDUs: a connection that carried a displayed PDU gets its SYN, SYN-ACK, FIN
 * and RST written, and each side's first ACK of a written segment, so that both this tool and tshark see the
 * connection open, carry those messages and close as in the original.
 */
import { DEFAULT_NET_LIMITS } from '../net/limits.js';
import { RecentlyUsed } from '../net/recently-used.js';
import { TCP_FLAG } from '../net/transport-header.js';
import type { SegmentHeader } from './frame-layout.js';

/** Ends of written segments kept per direction for their ACK (an ACK covers all before it: only stragglers pile up). */
const UNACKED_ENDS = 64;

export const CONTROL_FLAGS = TCP_FLAG.SYN | TCP_FLAG.FIN | TCP_FLAG.RST;

/** a before b in sequence space (RFC 1982 serial arithmetic). */
const seqBefore = (a: number, b: number) => ((a - b) | 0) < 0;

export class WrittenConnection {
  /** A displayed PDU came over it. */
  displayed = false;
  /** A SYN, FIN or RST was decided before the connection had a displayed PDU (the wait buffer was full). */
  controlDropped = false;
  /** The frame of its RST, or of the FIN that ended both directions. */
  closedAt: number | undefined;
  private readonly finished = [false, false];
  /** Per direction: sequence numbers just past written segments that no written ACK covered yet. */
  private readonly unacked: [number[], number[]] = [[], []];

  /** `first`: the source of the first segment seen. */
  constructor(private readonly first: string) {}

  direction(segment: SegmentHeader): 0 | 1 {
    return segment.src === this.first ? 0 : 1;
  }

  /** Every segment as it is read: notes the close. */
  see(segment: SegmentHeader, frame: number): void {
    if (segment.flags & TCP_FLAG.FIN) this.finished[this.direction(segment)] = true;
    if (segment.flags & TCP_FLAG.RST || (this.finished[0] && this.finished[1])) this.closedAt ??= frame;
  }

  get closed(): boolean {
    return this.closedAt !== undefined;
  }

  /** Closed at a frame before `settledBelow`: every PDU it carried was handed on. */
  settled(settledBelow: number): boolean {
    return this.closedAt !== undefined && this.closedAt < settledBelow;
  }

  /** A segment of it was written: its end waits for an ACK, and what it acknowledges is covered. */
  wrote(segment: SegmentHeader): void {
    const from = this.direction(segment);
    const length = segment.payloadLength + (segment.flags & TCP_FLAG.SYN ? 1 : 0) + (segment.flags & TCP_FLAG.FIN ? 1 : 0);
    if (length > 0) this.unacked[from] = [...this.unacked[from], (segment.seq + length) >>> 0].slice(-UNACKED_ENDS);
    if (segment.flags & TCP_FLAG.ACK) {
      const to = from === 0 ? 1 : 0;
      this.unacked[to] = this.unacked[to].filter((end) => seqBefore(segment.ack, end));
    }
  }

  /** A pure ACK is written when it is the first to acknowledge a written segment. */
  acknowledgesWritten(segment: SegmentHeader): boolean {
    return this.unacked[this.direction(segment) === 0 ? 1 : 0].some((end) => !seqBefore(segment.ack, end));
  }
}

/** The connections by their two ends, the least recently used forgotten past the network layer's own limit. */
export class ConnectionTable {
  private readonly connections: RecentlyUsed<string, WrittenConnection>;

  constructor(private readonly limit = DEFAULT_NET_LIMITS.tcpConnections) {
    this.connections = new RecentlyUsed(limit);
  }

  /**
   * The connection of a segment read at `frame`, which it tells about its close. A SYN on a closed connection
   * opens a new one on the same ports, as the network layer reads it; one forgotten counts as closed.
   */
  of(segment: SegmentHeader, frame: number): WrittenConnection {
    const key = segment.src < segment.dst ? `${segment.src}|${segment.dst}` : `${segment.dst}|${segment.src}`;
    let connection = this.connections.use(key);
    const opening = (segment.flags & (TCP_FLAG.SYN | TCP_FLAG.ACK)) === TCP_FLAG.SYN;
    if (!connection || (opening && connection.closed)) {
      connection = new WrittenConnection(segment.src);
      this.connections.set(key, connection);
    }
    if (this.connections.size > this.limit) {
      const [, oldest] = this.connections.takeOldest()!;
      oldest.closedAt ??= frame;
    }
    connection.see(segment, frame);
    return connection;
  }
}
