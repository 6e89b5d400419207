/** Deterministic IPv4 / IPv6 packet builders (for tests and sample captures). */
import { internetChecksum } from './checksum.js';
import { ipBytes } from '../net/ip-address.js';

export interface Ipv4Fields {
  src: string;
  dst: string;
  protocol: number;
  payload: Buffer;
  id?: number;
  ttl?: number;
  /** Raw option bytes, padded with zeros to a multiple of 4. */
  options?: Buffer;
  moreFragments?: boolean;
  /** In bytes; a multiple of 8. */
  fragmentOffset?: number;
  /** Total length to write (default: the real one); fragments of a cut frame keep their wire value. */
  totalLength?: number;
}

export function buildIpv4(fields: Ipv4Fields): Buffer {
  const options = fields.options ?? Buffer.alloc(0);
  const padded = Buffer.concat([options, Buffer.alloc((4 - (options.length % 4)) % 4)]);
  const header = Buffer.alloc(20 + padded.length);
  header[0] = 0x40 | (header.length / 4);
  header.writeUInt16BE(fields.totalLength ?? header.length + fields.payload.length, 2);
  header.writeUInt16BE(fields.id ?? 0, 4);
  header.writeUInt16BE((fields.moreFragments ? 0x2000 : 0) | ((fields.fragmentOffset ?? 0) / 8), 6);
  header[8] = fields.ttl ?? 64;
  header[9] = fields.protocol;
  ipBytes(fields.src).copy(header, 12);
  ipBytes(fields.dst).copy(header, 16);
  padded.copy(header, 20);
  header.writeUInt16BE(internetChecksum(header), 10);
  return Buffer.concat([header, fields.payload]);
}

export interface Ipv6Extension {
  /** 0 hop-by-hop, 43 routing, 60 destination options. */
  type: number;
  /** Option bytes after Next Header and Hdr Ext Len, padded with zeros to a multiple of 8 in all. */
  body: Buffer;
}

export interface Ipv6Fields {
  src: string;
  dst: string;
  /** The upper-layer protocol (after any extension headers). */
  protocol: number;
  payload: Buffer;
  hopLimit?: number;
  extensions?: Ipv6Extension[];
}

export function buildIpv6(fields: Ipv6Fields): Buffer {
  const extensions = fields.extensions ?? [];
  const chain = extensions.map((extension, i) => {
    const size = Math.ceil((extension.body.length + 2) / 8) * 8;
    const header = Buffer.alloc(size);
    header[0] = extensions[i + 1]?.type ?? fields.protocol;
    header[1] = size / 8 - 1;
    extension.body.copy(header, 2);
    return header;
  });
  const body = Buffer.concat([...chain, fields.payload]);
  const header = Buffer.alloc(40);
  header.writeUInt32BE(0x60000000, 0);
  header.writeUInt16BE(body.length, 4);
  header[6] = extensions[0]?.type ?? fields.protocol;
  header[7] = fields.hopLimit ?? 64;
  ipBytes(fields.src).copy(header, 8);
  ipBytes(fields.dst).copy(header, 24);
  return Buffer.concat([header, body]);
}

/** IPv4 or IPv6, by the form of the addresses. */
export function buildIp(src: string, dst: string, protocol: number, payload: Buffer): Buffer {
  return src.includes(':') ? buildIpv6({ src, dst, protocol, payload }) : buildIpv4({ src, dst, protocol, payload });
}
