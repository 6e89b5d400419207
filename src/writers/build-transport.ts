/** Deterministic UDP and TCP builders with correct checksums, wrapped in IP (for tests and samples). */
import { buildIp } from './build-ip.js';
import { internetChecksum } from './checksum.js';
import { ipBytes } from '../net/ip-address.js';
import type { Endpoint } from '../net/payload.js';
import { IP_PROTOCOL } from '../net/transport-header.js';

function pseudoHeader(src: string, dst: string, protocol: number, length: number): Buffer {
  const s = ipBytes(src);
  const d = ipBytes(dst);
  const tail = Buffer.alloc(s.length === 4 ? 4 : 8);
  if (s.length === 4) {
    tail[1] = protocol;
    tail.writeUInt16BE(length, 2);
  } else {
    tail.writeUInt32BE(length, 0);
    tail[7] = protocol;
  }
  return Buffer.concat([s, d, tail]);
}

export function buildUdp(src: Endpoint, dst: Endpoint, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt16BE(src.port, 0);
  header.writeUInt16BE(dst.port, 2);
  header.writeUInt16BE(8 + payload.length, 4);
  const sum = internetChecksum(pseudoHeader(src.ip, dst.ip, IP_PROTOCOL.UDP, 8 + payload.length), header, payload);
  header.writeUInt16BE(sum === 0 ? 0xffff : sum, 6);
  return Buffer.concat([header, payload]);
}

export interface TcpFields {
  seq: number;
  ack?: number;
  /** TCP_FLAG bits. */
  flags: number;
  window?: number;
  payload?: Buffer;
}

export function buildTcp(src: Endpoint, dst: Endpoint, fields: TcpFields): Buffer {
  const payload = fields.payload ?? Buffer.alloc(0);
  const header = Buffer.alloc(20);
  header.writeUInt16BE(src.port, 0);
  header.writeUInt16BE(dst.port, 2);
  header.writeUInt32BE(fields.seq >>> 0, 4);
  header.writeUInt32BE((fields.ack ?? 0) >>> 0, 8);
  header[12] = 5 << 4;
  header[13] = fields.flags;
  header.writeUInt16BE(fields.window ?? 65535, 14);
  const segment = Buffer.concat([header, payload]);
  segment.writeUInt16BE(internetChecksum(pseudoHeader(src.ip, dst.ip, IP_PROTOCOL.TCP, segment.length), segment), 16);
  return segment;
}

/** A whole IP packet holding one UDP datagram. */
export function udpPacket(src: Endpoint, dst: Endpoint, payload: Buffer): Buffer {
  return buildIp(src.ip, dst.ip, IP_PROTOCOL.UDP, buildUdp(src, dst, payload));
}

/** A whole IP packet holding one TCP segment. */
export function tcpPacket(src: Endpoint, dst: Endpoint, fields: TcpFields): Buffer {
  return buildIp(src.ip, dst.ip, IP_PROTOCOL.TCP, buildTcp(src, dst, fields));
}
