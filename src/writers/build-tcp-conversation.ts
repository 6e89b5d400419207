/** Builds the IP packets of a TCP conversation, tracking both sides' sequence numbers. */
import { tcpPacket } from './build-transport.js';
import type { Endpoint } from '../net/payload.js';
import { TCP_FLAG } from '../net/transport-header.js';

export interface ConversationOptions {
  clientIsn?: number;
  serverIsn?: number;
}

interface Side {
  endpoint: Endpoint;
  /** Sequence number of the next byte this side sends. */
  seq: number;
}

export class TcpConversationBuilder {
  private readonly client: Side;
  private readonly server: Side;

  constructor(client: Endpoint, server: Endpoint, opts: ConversationOptions = {}) {
    this.client = { endpoint: client, seq: (opts.clientIsn ?? 1000) >>> 0 };
    this.server = { endpoint: server, seq: (opts.serverIsn ?? 5000) >>> 0 };
  }

  /** SYN, SYN-ACK, ACK. */
  handshake(): Buffer[] {
    return [
      this.emit(true, TCP_FLAG.SYN, Buffer.alloc(0), false),
      this.emit(false, TCP_FLAG.SYN | TCP_FLAG.ACK, Buffer.alloc(0)),
      this.emit(true, TCP_FLAG.ACK, Buffer.alloc(0)),
    ];
  }

  /** `data` as one segment, or cut at the given offsets into several (PSH+ACK each). */
  send(fromClient: boolean, data: Buffer, opts: { splitAt?: number[] } = {}): Buffer[] {
    const cuts = [0, ...(opts.splitAt ?? []), data.length];
    const packets: Buffer[] = [];
    for (let i = 0; i + 1 < cuts.length; i++) packets.push(this.emit(fromClient, TCP_FLAG.PSH | TCP_FLAG.ACK, data.subarray(cuts[i], cuts[i + 1])));
    return packets;
  }

  /** A segment at an explicit sequence number (retransmissions, overlaps); the sides' state does not move. */
  segmentAt(fromClient: boolean, seq: number, data: Buffer, flags: number = TCP_FLAG.PSH | TCP_FLAG.ACK): Buffer {
    const [from, to] = this.sides(fromClient);
    return tcpPacket(from.endpoint, to.endpoint, { seq, ack: to.seq, flags, payload: data });
  }

  /** The sequence number of the next byte a side sends. */
  nextSeq(fromClient: boolean): number {
    return this.sides(fromClient)[0].seq;
  }

  /** FIN from the client, FIN-ACK from the server, the client's last ACK. */
  close(): Buffer[] {
    return [
      this.emit(true, TCP_FLAG.FIN | TCP_FLAG.ACK, Buffer.alloc(0)),
      this.emit(false, TCP_FLAG.FIN | TCP_FLAG.ACK, Buffer.alloc(0)),
      this.emit(true, TCP_FLAG.ACK, Buffer.alloc(0)),
    ];
  }

  reset(fromClient: boolean): Buffer {
    return this.emit(fromClient, TCP_FLAG.RST | TCP_FLAG.ACK, Buffer.alloc(0));
  }

  private sides(fromClient: boolean): [Side, Side] {
    return fromClient ? [this.client, this.server] : [this.server, this.client];
  }

  private emit(fromClient: boolean, flags: number, payload: Buffer, withAck = true): Buffer {
    const [from, to] = this.sides(fromClient);
    const packet = tcpPacket(from.endpoint, to.endpoint, { seq: from.seq, ack: withAck ? to.seq : 0, flags, payload });
    // SYN and FIN each take one sequence number.
    const consumed = payload.length + (flags & TCP_FLAG.SYN ? 1 : 0) + (flags & TCP_FLAG.FIN ? 1 : 0);
    from.seq = (from.seq + consumed) >>> 0;
    return packet;
  }
}
