import { readU16, readU32 } from '../../src/capture/endian.js';
import type { CaptureRecord } from '../../src/capture/record.js';
import { decodeLink } from '../../src/net/link.js';
import { frameLayout } from '../../src/writers/frame-layout.js';

/**
 * Where every layer of a capture file lies, as file offsets: the file and section headers, each record's
 * header and length words, and in its frame the link, IP and transport headers and the payload. What the
 * mutators aim at; read from the undamaged seed only (they damage a copy).
 */

/** A span of the file: [at, at + length). */
export interface Span {
  at: number;
  length: number;
}

/** A length word of the capture framing: where, how wide, in which byte order, and the length it says. */
export interface LengthWord extends Span {
  bigEndian: boolean;
  value: number;
}

export interface RecordMap {
  /** The whole record (pcap: header and data; pcapng: the block). */
  span: Span;
  /** Its header words (pcap's 16 bytes; an EPB's fixed part). */
  header: Span;
  /** The length words: pcap incl_len and orig_len; pcapng the block's two total lengths, captured and original length. */
  lengths: LengthWord[];
  /** The frame's bytes in the file. */
  frame: Span;
  linkType: number;
  /** Where the link header ends and the IP packet starts, undefined when the link is not IP. */
  ip?: Span;
  /** The UDP or TCP header, when the frame has one. */
  transport?: Span & { protocol: number; seq?: number };
  /** The transport payload (an IP fragment after the first: all of its share of the datagram). */
  payload?: Span;
  /** A UDP datagram or an IP fragment of one: where its share of the datagram lies, and from which offset in it. */
  datagram?: Span & { offset: number };
}

export interface CaptureMap {
  format: 'pcap' | 'pcapng';
  /** pcap's file header; pcapng's section and interface blocks (and any other block that is not a packet). */
  headers: Span[];
  records: RecordMap[];
}

const word = (bytes: Buffer, at: number, bigEndian: boolean): LengthWord => ({ at, length: 4, bigEndian, value: readU32(bytes, at, bigEndian) });

const PCAP_MAGICS = new Set([0xa1b2c3d4, 0xa1b23c4d]);
const PCAP_HEADER = 24;
const PCAP_RECORD_HEADER = 16;
const SHB = 0x0a0d0d0a;
const IDB = 1;
const EPB = 6;
const EPB_FIXED = 28;

/** The map of an undamaged pcap or pcapng seed (throws on anything else: seeds are ours). */
export function mapCapture(bytes: Buffer): CaptureMap {
  if (bytes.readUInt32LE(0) === SHB) return mapPcapng(bytes);
  const bigEndian = PCAP_MAGICS.has(bytes.readUInt32BE(0));
  if (!bigEndian && !PCAP_MAGICS.has(bytes.readUInt32LE(0))) throw new Error('a seed is neither pcap nor pcapng');
  const linkType = readU32(bytes, 20, bigEndian);
  const records: RecordMap[] = [];
  for (let at = PCAP_HEADER; at + PCAP_RECORD_HEADER <= bytes.length; ) {
    const captured = word(bytes, at + 8, bigEndian);
    const frame = { at: at + PCAP_RECORD_HEADER, length: captured.value };
    records.push(withLayers(bytes, { span: { at, length: PCAP_RECORD_HEADER + frame.length }, header: { at, length: PCAP_RECORD_HEADER }, lengths: [captured, word(bytes, at + 12, bigEndian)], frame, linkType }));
    at = frame.at + frame.length;
  }
  return { format: 'pcap', headers: [{ at: 0, length: PCAP_HEADER }], records };
}

function mapPcapng(bytes: Buffer): CaptureMap {
  const headers: Span[] = [];
  const records: RecordMap[] = [];
  let bigEndian = false;
  let linkTypes: number[] = [];
  for (let at = 0; at + 12 <= bytes.length; ) {
    if (bytes.readUInt32LE(at) === SHB) {
      bigEndian = bytes.readUInt32BE(at + 8) === 0x1a2b3c4d;
      linkTypes = [];
    }
    const type = readU32(bytes, at, bigEndian);
    const total = word(bytes, at + 4, bigEndian);
    const span = { at, length: total.value };
    if (type === IDB) linkTypes.push(readU16(bytes, at + 8, bigEndian));
    if (type !== EPB) headers.push(span);
    else {
      const captured = word(bytes, at + 20, bigEndian);
      const linkType = linkTypes[readU32(bytes, at + 8, bigEndian)] ?? 1;
      const lengths = [total, word(bytes, at + total.value - 4, bigEndian), captured, word(bytes, at + 24, bigEndian)];
      records.push(withLayers(bytes, { span, header: { at, length: EPB_FIXED }, lengths, frame: { at: at + EPB_FIXED, length: captured.value }, linkType }));
    }
    at += total.value;
  }
  return { format: 'pcapng', headers, records };
}

/** The layers inside a record's frame, found with the network layer's own parsers (src/writers/frame-layout). */
function withLayers(bytes: Buffer, record: RecordMap): RecordMap {
  const frame = bytes.subarray(record.frame.at, record.frame.at + record.frame.length);
  const asRecord: CaptureRecord = { index: 0, time: { seconds: 0, nanos: 0, digits: 6 }, linkType: record.linkType, interfaceId: 0, snapLength: 0, capturedLength: frame.length, originalLength: frame.length, bytes: frame };
  const link = decodeLink(record.linkType, frame);
  if (link.kind !== 'ip') return record;
  const ipAt = record.frame.at + (link.packet.byteOffset - frame.byteOffset);
  const layout = frameLayout(asRecord);
  if (layout.kind === 'none') return { ...record, ip: { at: ipAt, length: link.packet.length } };
  const { part } = layout;
  const transportAt = record.frame.at + part.at;
  const ip = { at: ipAt, length: transportAt - ipAt };
  if (layout.kind === 'segment') {
    const { headerLength, seq } = layout.tcp;
    return { ...record, ip, transport: { at: transportAt, length: headerLength, protocol: part.protocol, seq }, payload: { at: transportAt + headerLength, length: part.length - headerLength } };
  }
  const datagram = { at: transportAt, length: part.length, offset: part.datagramOffset };
  // Only a datagram's first fragment holds its UDP header.
  if (part.datagramOffset > 0) return { ...record, ip, datagram, payload: { at: transportAt, length: part.length } };
  const headerLength = Math.min(8, part.length);
  return { ...record, ip, datagram, transport: { at: transportAt, length: headerLength, protocol: part.protocol }, payload: { at: transportAt + headerLength, length: part.length - headerLength } };
}
