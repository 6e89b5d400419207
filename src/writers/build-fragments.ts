/** Splits an IP packet into fragments (for tests and sample captures). */
import { buildIpv4 } from './build-ip.js';
import { ipv4Text } from '../net/ip-address.js';

/** Sizes of `pieces` fragments of `length` bytes: all but the last a multiple of 8. */
function pieceRanges(length: number, pieces: number): [number, number][] {
  const size = Math.max(8, Math.ceil(length / pieces / 8) * 8);
  const ranges: [number, number][] = [];
  for (let start = 0; start < length; start += size) ranges.push([start, Math.min(length, start + size)]);
  return ranges;
}

/** IPv4 fragments in order (all options copied into every fragment). */
export function fragmentIpv4(packet: Buffer, pieces: number): Buffer[] {
  const headerLength = (packet[0] & 0x0f) * 4;
  const payload = packet.subarray(headerLength, packet.readUInt16BE(2));
  return pieceRanges(payload.length, pieces).map(([start, end]) =>
    buildIpv4({
      src: ipv4Text(packet, 12),
      dst: ipv4Text(packet, 16),
      protocol: packet[9],
      id: packet.readUInt16BE(4),
      ttl: packet[8],
      options: packet.subarray(20, headerLength),
      payload: payload.subarray(start, end),
      fragmentOffset: start,
      moreFragments: end < payload.length,
    }),
  );
}

const IPV6_FRAGMENT_HEADER = 44;
/** Hop-by-hop and routing headers stay in front of the fragment header (RFC 8200 4.5). */
const UNFRAGMENTABLE: readonly number[] = [0, 43];

/** IPv6 fragments in order; a leading hop-by-hop or routing header is repeated in every fragment. */
export function fragmentIpv6(packet: Buffer, pieces: number, id: number): Buffer[] {
  const end = 40 + packet.readUInt16BE(4);
  let nextHeaderAt = 6;
  let at = 40;
  while (UNFRAGMENTABLE.includes(packet[nextHeaderAt])) {
    nextHeaderAt = at;
    at += (packet[at + 1] + 1) * 8;
  }
  const payload = packet.subarray(at, end);
  return pieceRanges(payload.length, pieces).map(([start, stop]) => {
    const front = Buffer.from(packet.subarray(0, at));
    front[nextHeaderAt] = IPV6_FRAGMENT_HEADER;
    front.writeUInt16BE(at - 40 + 8 + stop - start, 4);
    const fragmentHeader = Buffer.alloc(8);
    fragmentHeader[0] = packet[nextHeaderAt];
    fragmentHeader.writeUInt16BE(start | (stop < payload.length ? 1 : 0), 2);
    fragmentHeader.writeUInt32BE(id, 4);
    return Buffer.concat([front, fragmentHeader, payload.subarray(start, stop)]);
  });
}
