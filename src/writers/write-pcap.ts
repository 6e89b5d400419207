import { writeU16, writeU32 } from '../capture/endian.js';
import { PCAP_MICRO_MAGIC, PCAP_NANO_MAGIC } from '../capture/magic.js';
import type { Timestamp } from '../capture/record.js';
import { timestampToUnits } from '../capture/timestamp.js';

/** A frame to write; originalLength defaults to the bytes' length. */
export interface WritableRecord {
  time: Timestamp;
  bytes: Buffer;
  originalLength?: number;
}

export interface PcapWriteOptions {
  linkType: number;
  /** Default 262144, libpcap's own. */
  snapLength?: number;
  nanosecond?: boolean;
  bigEndian?: boolean;
}

export const DEFAULT_SNAP_LENGTH = 262144;

/** The 24-byte file header of a classic pcap file (version 2.4). */
export function pcapFileHeader(opts: PcapWriteOptions): Buffer {
  const bigEndian = opts.bigEndian ?? false;
  const header = Buffer.alloc(24);
  writeU32(header, opts.nanosecond ? PCAP_NANO_MAGIC : PCAP_MICRO_MAGIC, 0, bigEndian);
  writeU16(header, 2, 4, bigEndian);
  writeU16(header, 4, 6, bigEndian);
  // thiszone and sigfigs (8 ... 15) stay 0, as every writer leaves them
  writeU32(header, opts.snapLength ?? DEFAULT_SNAP_LENGTH, 16, bigEndian);
  writeU32(header, opts.linkType, 20, bigEndian);
  return header;
}

/** One record: its 16-byte header, then its bytes (for writers that stream a file record by record). */
export function pcapRecord(record: WritableRecord, opts: PcapWriteOptions): Buffer[] {
  const bigEndian = opts.bigEndian ?? false;
  const digits = opts.nanosecond ? 9 : 6;
  const recordHeader = Buffer.alloc(16);
  const units = timestampToUnits(record.time, digits);
  const perSecond = 10n ** BigInt(digits);
  writeU32(recordHeader, Number(units / perSecond), 0, bigEndian);
  writeU32(recordHeader, Number(units % perSecond), 4, bigEndian);
  writeU32(recordHeader, record.bytes.length, 8, bigEndian);
  writeU32(recordHeader, record.originalLength ?? record.bytes.length, 12, bigEndian);
  return [recordHeader, record.bytes];
}

/** A classic pcap file (version 2.4), byte for byte the same for the same input. */
export function writePcap(records: WritableRecord[], opts: PcapWriteOptions): Buffer {
  return Buffer.concat([pcapFileHeader(opts), ...records.flatMap((record) => pcapRecord(record, opts))]);
}
