/** Checks of IP and transport checksums on built or written packets. */
import { internetChecksum } from '../../src/writers/checksum.js';

/** The UDP or TCP checksum over pseudo header + segment is 0 when correct (`addresses`: source then destination, as in the IP header). */
export function transportChecksumVerifies(addresses: Buffer, protocol: number, segment: Buffer): boolean {
  const v6 = addresses.length === 32;
  const tail = Buffer.alloc(v6 ? 8 : 4);
  if (v6) {
    tail.writeUInt32BE(segment.length, 0);
    tail[7] = protocol;
  } else {
    tail[1] = protocol;
    tail.writeUInt16BE(segment.length, 2);
  }
  return internetChecksum(addresses, tail, segment) === 0;
}

/** A whole IPv4 or IPv6 packet (no extension headers): its transport checksum, and IPv4's header checksum. */
export function packetChecksumsVerify(packet: Buffer): boolean {
  const v6 = packet[0] >> 4 === 6;
  const header = v6 ? 40 : (packet[0] & 0x0f) * 4;
  const protocol = v6 ? packet[6]! : packet[9]!;
  const addresses = v6 ? packet.subarray(8, 40) : packet.subarray(12, 20);
  return transportChecksumVerifies(addresses, protocol, packet.subarray(header)) && (v6 || internetChecksum(packet.subarray(0, header)) === 0);
}
