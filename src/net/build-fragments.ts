/** Splits an IP packet into fragments (for tests and sample captures). */
import { buildIpv4 } from './build-ip.js';
import { ipv4Text } from './ip-address.js';

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

/** IPv6 fragments in order: everything after the fixed header is the fragmentable part. */
export function fragmentIpv6(packet: Buffer, pieces: number, id: number): Buffer[] {
  const payload = packet.subarray(40, 40 + packet.readUInt16BE(4));
  return pieceRanges(payload.length, pieces).map(([start, end]) => {
    const header = Buffer.from(packet.subarray(0, 40));
    header[6] = IPV6_FRAGMENT_HEADER;
    header.writeUInt16BE(8 + end - start, 4);
    const fragmentHeader = Buffer.alloc(8);
    fragmentHeader[0] = packet[6];
    fragmentHeader.writeUInt16BE(start | (end < payload.length ? 1 : 0), 2);
    fragmentHeader.writeUInt32BE(id, 4);
    return Buffer.concat([header, fragmentHeader, payload.subarray(start, end)]);
  });
}
