/** IPv4 and IPv6 header parsing (checksums are not verified: captures of offloading hosts get them wrong). */
import { ipv4Text, ipv6Text } from './ip-address.js';

export interface FragmentInfo {
  /** Byte offset of this fragment's data in the original payload. */
  offset: number;
  more: boolean;
  /** Identification; with the addresses it names the datagram. */
  id: number;
}

export interface IpHeader {
  version: 4 | 6;
  src: string;
  dst: string;
  /** Upper-layer protocol (for an IPv6 fragment: the Next Header of the fragment header). */
  protocol: number;
  /** What follows the headers, cut to the length the header declares. */
  payload: Buffer;
  /** Bytes of payload the header declares; more than payload.length when the snap length cut the frame. */
  declaredLength: number;
  fragment?: FragmentInfo;
}

export type IpParse = { ok: true; header: IpHeader } | { ok: false; message: string };

const fail = (message: string): IpParse => ({ ok: false, message });

export function parseIp(packet: Buffer): IpParse {
  return packet[0] >> 4 === 4 ? parseIpv4(packet) : parseIpv6(packet);
}

function parseIpv4(packet: Buffer): IpParse {
  if (packet.length < 20) return fail(`IPv4 header cut short (${packet.length} bytes)`);
  const headerLength = (packet[0] & 0x0f) * 4;
  if (headerLength < 20) return fail(`IPv4 header length ${headerLength} is below 20`);
  if (headerLength > packet.length) return fail(`IPv4 header length ${headerLength} runs past the frame`);
  // Total length 0 is what TCP segmentation offload leaves: take the frame as it is.
  const totalLength = packet.readUInt16BE(2) || packet.length;
  if (totalLength < headerLength) return fail(`IPv4 total length ${totalLength} is below the header length`);
  const flagsOffset = packet.readUInt16BE(6);
  const offset = (flagsOffset & 0x1fff) * 8;
  const more = (flagsOffset & 0x2000) !== 0;
  return {
    ok: true,
    header: {
      version: 4,
      src: ipv4Text(packet, 12),
      dst: ipv4Text(packet, 16),
      protocol: packet[9],
      payload: packet.subarray(headerLength, Math.min(totalLength, packet.length)),
      declaredLength: totalLength - headerLength,
      ...(more || offset > 0 ? { fragment: { offset, more, id: packet.readUInt16BE(4) } } : {}),
    },
  };
}

function parseIpv6(packet: Buffer): IpParse {
  if (packet.length < 40) return fail(`IPv6 header cut short (${packet.length} bytes)`);
  // Payload length 0 means a jumbogram (or offload): take the frame as it is.
  const payloadLength = packet.readUInt16BE(4) || packet.length - 40;
  const body = packet.subarray(40, Math.min(40 + payloadLength, packet.length));
  const walked = walkIpv6Extensions(packet[6], body);
  if (!walked.ok) return walked;
  const skipped = body.length - walked.rest.length;
  return {
    ok: true,
    header: {
      version: 6,
      src: ipv6Text(packet, 8),
      dst: ipv6Text(packet, 24),
      protocol: walked.protocol,
      payload: walked.rest,
      declaredLength: payloadLength - skipped,
      ...(walked.fragment ? { fragment: walked.fragment } : {}),
    },
  };
}

const HOP_BY_HOP = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const AUTH = 51;
const DEST_OPTIONS = 60;

export type Ipv6Walk =
  | { ok: true; protocol: number; rest: Buffer; fragment?: FragmentInfo }
  | { ok: false; message: string };

/** Skips IPv6 extension headers; stops after a fragment header (what follows is fragment data). */
export function walkIpv6Extensions(nextHeader: number, data: Buffer): Ipv6Walk {
  let next = nextHeader;
  let at = 0;
  for (;;) {
    if (next === HOP_BY_HOP || next === ROUTING || next === DEST_OPTIONS || next === AUTH) {
      if (data.length < at + 2) return { ok: false, message: `IPv6 extension header ${next} cut short` };
      const length = next === AUTH ? (data[at + 1] + 2) * 4 : (data[at + 1] + 1) * 8;
      next = data[at];
      at += length;
    } else if (next === FRAGMENT) {
      if (data.length < at + 8) return { ok: false, message: 'IPv6 fragment header cut short' };
      const offsetFlags = data.readUInt16BE(at + 2);
      const fragment = { offset: offsetFlags & 0xfff8, more: (offsetFlags & 1) !== 0, id: data.readUInt32BE(at + 4) };
      return { ok: true, protocol: data[at], rest: data.subarray(at + 8), fragment };
    } else {
      if (at > data.length) return { ok: false, message: 'IPv6 extension headers run past the packet' };
      return { ok: true, protocol: next, rest: data.subarray(at) };
    }
  }
}
