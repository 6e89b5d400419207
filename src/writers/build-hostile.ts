/**
 * Hostile captures, as streams of Ethernet records of any length (never held whole in memory): what a
 * crafted or broken capture does to the network layer's state, each kind at the size asked for.
 */
import type { Timestamp } from '../capture/record.js';
import { ethernetFrame } from './build-link.js';
import { buildIpv4 } from './build-ip.js';
import { buildUdp, tcpPacket } from './build-transport.js';
import { TcpConversationBuilder } from './build-tcp-conversation.js';
import type { WritableRecord } from './write-pcap.js';
import type { Endpoint } from '../net/payload.js';
import { IP_PROTOCOL, TCP_FLAG } from '../net/transport-header.js';
import { encodePdu, type EncodeValues } from '../protocol/encode.js';
import { findTableByName } from '../protocol/registry.js';
import type { Direction } from '../protocol/types.js';

export const HOSTILE_KINDS = ['connections', 'hole', 'fragments', 'length'] as const;
export type HostileKind = (typeof HOSTILE_KINDS)[number];

export const HOSTILE_DESCRIPTIONS: Record<HostileKind, string> = {
  connections: 'one-segment peer TCP connections, each a CHANNEL_INIT that ends before its LENGTH says',
  hole: 'one peer stream: CHANNEL_INIT, the start of a message, a hole of about 1400 bytes that never fills, then endless data behind it',
  fragments: 'first IPv4 fragments of UDP datagrams to port 4000 that never complete',
  length: 'UDP SEND_MESSAGEs whose MESSAGE LENGTH says 0xFFFF',
};

const START_SECONDS = 900_000_000;
const SERVER: Endpoint = { ip: '192.0.2.1', port: 4000 };
const PEER: Endpoint = { ip: '192.0.2.2', port: 3100 };
/** Bytes of each segment behind the hole (a full Ethernet segment's payload). */
const SEGMENT_BYTES = 1400;

function pdu(direction: Direction, name: string, values: EncodeValues): Buffer {
  const table = findTableByName(direction, name);
  if (!table) throw new Error(`no ${direction} table ${name}`);
  return encodePdu(table, values);
}

/** Frame `i`'s time: 1 ms apart. */
function timeOf(i: number): Timestamp {
  return { seconds: START_SECONDS + Math.floor(i / 1000), nanos: (i % 1000) * 1_000_000, digits: 6 };
}

/** A client address of its own for each `i` (10.0.0.0/8, port 1024 ... 65535). */
function client(i: number): Endpoint {
  const host = Math.floor(i / 60_000);
  return { ip: `10.${(host >> 16) & 0xff}.${(host >> 8) & 0xff}.${host & 0xff}`, port: 1024 + (i % 60_000) };
}

function channelInit(uin: number): Buffer {
  return pdu('peer-to-peer', 'CHANNEL_INIT', { X1: 3, X2: 3100, MY_UIN: uin, MY_IP: '10.0.0.1', MY_IP_REAL: '10.0.0.1', MY_PORT: 3100 });
}

function* connections(frames: number): Generator<Buffer> {
  const init = channelInit(1001);
  const cut = init.subarray(0, 12);
  for (let i = 0; i < frames; i++) yield tcpPacket(client(i), PEER, { seq: 1000, ack: 1, flags: TCP_FLAG.PSH | TCP_FLAG.ACK, payload: cut });
}

/** A CHANNEL_MESSAGE whose first HOLE_AFTER bytes are captured and the next HOLE_BYTES never are. */
const HOLE_AFTER = 100;
const HOLE_BYTES = 1400;

function* hole(frames: number): Generator<Buffer> {
  const tcp = new TcpConversationBuilder(client(0), PEER);
  const text = 'x'.repeat(HOLE_AFTER + HOLE_BYTES - 60);
  const values = { UIN: 1001, UIN_2: 1001, VERSION: 3, CMD_TYPE: 0x0010, MESSAGE_TYPE: 1, MESSAGE: text, MY_IP: '10.0.0.1', MY_IP_REAL: '10.0.0.1', PORT: 3100, X4: 0, TRAILER: Buffer.from('4cc602', 'hex') };
  const message = pdu('peer-to-peer', 'CHANNEL_MESSAGE', values);
  const opening = [...tcp.handshake(), ...tcp.send(true, channelInit(1001)), ...tcp.send(true, message.subarray(0, HOLE_AFTER))];
  tcp.send(true, message.subarray(HOLE_AFTER)); // never captured
  yield* opening.slice(0, frames);
  const data = Buffer.alloc(SEGMENT_BYTES, 0x41);
  for (let i = opening.length; i < frames; i++) yield tcp.send(true, data)[0]!;
}

function* fragments(frames: number): Generator<Buffer> {
  const body = pdu('client-to-server', 'KEEP_ALIVE', { SEQ_NUM: 1, UIN: 1001 });
  for (let i = 0; i < frames; i++) {
    const from = client(i);
    const udp = buildUdp(from, SERVER, Buffer.concat([body, Buffer.alloc(64)]));
    // The first 16 bytes, more fragments to come, and none ever does.
    yield buildIpv4({ src: from.ip, dst: SERVER.ip, protocol: IP_PROTOCOL.UDP, id: i & 0xffff, payload: udp.subarray(0, 16), moreFragments: true });
  }
}

function* length(frames: number): Generator<Buffer> {
  const text = 'LENGTH says 0xFFFF';
  for (let i = 0; i < frames; i++) {
    const message = pdu('client-to-server', 'SEND_MESSAGE', { SEQ_NUM: i & 0xffff, UIN: 1001, RECEIVER_UIN: 1002, MESSAGE_TYPE: 1, MESSAGE: text });
    const declared = Buffer.alloc(2);
    declared.writeUInt16LE(text.length + 1);
    const at = message.indexOf(Buffer.concat([declared, Buffer.from(text)]));
    message.writeUInt16LE(0xffff, at);
    const from = client(i);
    yield buildIpv4({ src: from.ip, dst: SERVER.ip, protocol: IP_PROTOCOL.UDP, payload: buildUdp(from, SERVER, message) });
  }
}

const KINDS: Record<HostileKind, (frames: number) => Generator<Buffer>> = { connections, hole, fragments, length };

/** `frames` Ethernet records of the kind, 1 ms apart. */
export function* hostileRecords(kind: HostileKind, frames: number): Generator<WritableRecord> {
  let i = 0;
  for (const packet of KINDS[kind](frames)) yield { time: timeOf(i++), bytes: ethernetFrame(packet) };
}
