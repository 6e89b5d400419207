import type { Timestamp } from '../../src/capture/record.js';
import { TcpConversationBuilder } from '../../src/writers/build-tcp-conversation.js';
import { udpPacket } from '../../src/writers/build-transport.js';
import type { Endpoint } from '../../src/net/payload.js';
import { encodePdu, type EncodeValues } from '../../src/protocol/encode.js';
import { findTableByName } from '../../src/protocol/registry.js';
import type { Direction } from '../../src/protocol/types.js';
import { Timeline } from './timeline.js';

/**
 * A tiny scripting layer over the encoder: clients talk to a server over UDP with the protocol's own
 * sequence numbers and ACKs, and to each other over TCP. The result is a list of timed IP packets.
 */

export interface ScriptedPacket {
  time: Timestamp;
  /** An IP packet (the capture writer wraps it in a link layer). */
  packet: Buffer;
  transport: 'udp' | 'tcp';
}

export class SessionScript {
  readonly packets: ScriptedPacket[] = [];
  readonly clock: Timeline;

  constructor(
    startSeconds: number,
    readonly digits: number,
  ) {
    this.clock = new Timeline(startSeconds);
  }

  emit(packet: Buffer, transport: 'udp' | 'tcp', gapMs = 0.2): void {
    this.clock.advance(gapMs);
    this.packets.push({ time: this.clock.now(this.digits), packet, transport });
  }
}

export function pdu(direction: Direction, name: string, values: EncodeValues, layout?: string): Buffer {
  const table = findTableByName(direction, name);
  if (!table) throw new Error(`no ${direction} table ${name}`);
  return encodePdu(table, values, layout ? { layout } : {});
}

/** One client's UDP conversation with the server: numbering and ACKs as the document describes. */
export class UdpClient {
  private clientSeq = 1;
  private serverSeq = 0;

  constructor(
    private readonly script: SessionScript,
    readonly endpoint: Endpoint,
    readonly server: Endpoint,
    readonly uin: number,
  ) {}

  /** Client -> server; the server ACKs unless `lost` (then the caller may `retransmit`). */
  send(name: string, values: EncodeValues = {}, opts: { lost?: boolean; layout?: string } = {}): { seq: number; bytes: Buffer } {
    const seq = this.clientSeq++;
    const bytes = pdu('client-to-server', name, { SEQ_NUM: seq, UIN: this.uin, ...values }, opts.layout);
    this.script.emit(udpPacket(this.endpoint, this.server, bytes), 'udp');
    if (!opts.lost && name !== 'ACK') this.serverAck(seq);
    return { seq, bytes };
  }

  /** The same bytes again (same SEQ_NUM), after a timeout; this time the server ACKs. */
  retransmit(sent: { seq: number; bytes: Buffer }, afterMs: number): void {
    this.script.emit(udpPacket(this.endpoint, this.server, sent.bytes), 'udp', afterMs);
    this.serverAck(sent.seq);
  }

  /** Server -> client; the client ACKs. */
  receive(name: string, values: EncodeValues = {}): void {
    const seq = this.serverSeq++;
    this.script.emit(udpPacket(this.server, this.endpoint, pdu('server-to-client', name, { SEQ_NUM: seq, ...values })), 'udp');
    this.script.emit(udpPacket(this.endpoint, this.server, pdu('client-to-server', 'ACK', { SEQ_NUM: seq, UIN: this.uin })), 'udp', 0.4);
  }

  /** A client ACK-less command whose number the client skips (real clients skip numbers). */
  skipSeq(): void {
    this.clientSeq++;
  }

  private serverAck(seq: number): void {
    this.script.emit(udpPacket(this.server, this.endpoint, pdu('server-to-client', 'ACK', { SEQ_NUM: seq })), 'udp', 0.3);
  }
}

/** A peer TCP connection: CHANNEL_INIT, then messages each acknowledged by the other side with the same X4. */
export class PeerConnection {
  private readonly tcp: TcpConversationBuilder;

  constructor(
    private readonly script: SessionScript,
    readonly caller: { endpoint: Endpoint; uin: number; ip: string; listenPort: number },
    readonly callee: { endpoint: Endpoint; uin: number },
    isn: { client: number; server: number },
  ) {
    this.tcp = new TcpConversationBuilder(caller.endpoint, callee.endpoint, { clientIsn: isn.client, serverIsn: isn.server });
  }

  open(): void {
    for (const p of this.tcp.handshake()) this.script.emit(p, 'tcp', 0.1);
    const init = pdu('peer-to-peer', 'CHANNEL_INIT', {
      X1: 3,
      X2: this.caller.listenPort,
      MY_UIN: this.caller.uin,
      MY_IP: this.caller.ip,
      MY_IP_REAL: this.caller.ip,
      MY_PORT: this.caller.listenPort,
    });
    // licq sends the 2-byte LENGTH in its own segment and the body in the next.
    for (const p of this.tcp.send(true, init, { splitAt: [2] })) this.script.emit(p, 'tcp', 0.1);
  }

  /** A message from the caller and the callee's acknowledgement (CHANNEL_ACK, same X4). */
  message(type: number, text: string | string[], x4: number, extra: EncodeValues = {}, reply = ''): void {
    const common = { VERSION: 3, MESSAGE_TYPE: type, MY_IP: this.caller.ip, MY_IP_REAL: this.caller.ip, PORT: this.caller.listenPort, X4: x4, TRAILER: Buffer.from('4cc602', 'hex'), ...extra };
    const message = pdu('peer-to-peer', 'CHANNEL_MESSAGE', { ...common, UIN: this.caller.uin, UIN_2: this.caller.uin, MESSAGE: text, CMD_TYPE: 0x0010 }, layoutFor(type));
    for (const p of this.tcp.send(true, message, { splitAt: [2] })) this.script.emit(p, 'tcp', 0.1);
    const ack = pdu('peer-to-peer', 'CHANNEL_ACK', { ...common, UIN: this.callee.uin, UIN_2: this.callee.uin, MESSAGE: reply, CMD_TYPE: 0x0000 }, layoutFor(type));
    for (const p of this.tcp.send(false, ack)) this.script.emit(p, 'tcp', 2);
  }

  close(): void {
    for (const p of this.tcp.close()) this.script.emit(p, 'tcp', 0.1);
  }
}

const layoutFor = (type: number) => (type === 2 ? 'chat request' : type === 3 ? 'file request' : undefined);
