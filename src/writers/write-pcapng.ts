import { writeI64, writeU16, writeU32 } from '../capture/endian.js';
import { PCAPNG_BYTE_ORDER_MAGIC } from '../capture/magic.js';
import { BLOCK, BLOCK_HEADER_LENGTH, BLOCK_TRAILER_LENGTH, OPTION, padded } from '../capture/pcapng-blocks.js';
import { timestampToUnits } from '../capture/timestamp.js';
import type { WritableRecord } from './write-pcap.js';

export interface PcapngInterface {
  linkType: number;
  /** Default 0: unlimited. */
  snapLength?: number;
  /** Written as if_tsresol 10^-n when given; readers then assume 6. */
  tsresolDigits?: number;
}

export interface PcapngPacket extends WritableRecord {
  interfaceId: number;
}

export interface PcapngSection {
  bigEndian?: boolean;
  interfaces: PcapngInterface[];
  packets: PcapngPacket[];
}

/** A pcapng file: per section an SHB, its IDBs, then one EPB per packet; the same bytes for the same input. */
export function writePcapng(sections: PcapngSection[]): Buffer {
  return Buffer.concat(sections.flatMap((section) => sectionBlocks(section)));
}

function sectionBlocks({ bigEndian = false, interfaces, packets }: PcapngSection): Buffer[] {
  return [
    sectionHeader(bigEndian),
    ...interfaces.map((iface) => interfaceDescription(iface, bigEndian)),
    ...packets.map((packet) => {
      const iface = interfaces[packet.interfaceId];
      if (!iface) throw new RangeError(`packet on interface ${packet.interfaceId}, which the section does not have`);
      return enhancedPacket(packet, iface, bigEndian);
    }),
  ];
}

/** Frames a body (already padded to 32 bits) with type and total length words. */
function block(type: number, body: Buffer, bigEndian: boolean): Buffer {
  const length = BLOCK_HEADER_LENGTH + body.length + BLOCK_TRAILER_LENGTH;
  const bytes = Buffer.alloc(length);
  writeU32(bytes, type, 0, bigEndian);
  writeU32(bytes, length, 4, bigEndian);
  body.copy(bytes, BLOCK_HEADER_LENGTH);
  writeU32(bytes, length, length - BLOCK_TRAILER_LENGTH, bigEndian);
  return bytes;
}

/** The blocks one at a time, for writers that stream a file (an IDB may come anywhere before its first packet). */
export function sectionHeader(bigEndian = false): Buffer {
  const body = Buffer.alloc(16);
  writeU32(body, PCAPNG_BYTE_ORDER_MAGIC, 0, bigEndian);
  writeU16(body, 1, 4, bigEndian); // version 1.0
  writeU16(body, 0, 6, bigEndian);
  writeI64(body, -1n, 8, bigEndian); // section length not given
  return block(BLOCK.sectionHeader, body, bigEndian);
}

export function interfaceDescription(iface: PcapngInterface, bigEndian = false): Buffer {
  const fixed = Buffer.alloc(8);
  writeU16(fixed, iface.linkType, 0, bigEndian);
  writeU32(fixed, iface.snapLength ?? 0, 4, bigEndian);
  if (iface.tsresolDigits === undefined) return block(BLOCK.interfaceDescription, fixed, bigEndian);
  const options = Buffer.alloc(12); // if_tsresol (4 + 1 padded to 8), then opt_endofopt (4 zero bytes)
  writeU16(options, OPTION.ifTsresol, 0, bigEndian);
  writeU16(options, 1, 2, bigEndian);
  options[4] = iface.tsresolDigits;
  return block(BLOCK.interfaceDescription, Buffer.concat([fixed, options]), bigEndian);
}

export function enhancedPacket(packet: PcapngPacket, iface: PcapngInterface, bigEndian = false): Buffer {
  const body = Buffer.alloc(20 + padded(packet.bytes.length));
  const units = timestampToUnits(packet.time, iface.tsresolDigits ?? 6);
  writeU32(body, packet.interfaceId, 0, bigEndian);
  writeU32(body, Number(units >> 32n), 4, bigEndian);
  writeU32(body, Number(units & 0xffffffffn), 8, bigEndian);
  writeU32(body, packet.bytes.length, 12, bigEndian);
  writeU32(body, packet.originalLength ?? packet.bytes.length, 16, bigEndian);
  packet.bytes.copy(body, 20);
  return block(BLOCK.enhancedPacket, body, bigEndian);
}
